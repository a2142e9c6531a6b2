import { Injectable, Logger } from '@nestjs/common';
import type { Actor } from '../admin/auth/actor';
import { DomainError, NotFoundError, ValidationError } from '../common/domain-error';
import { isDatabaseUnavailable } from '../database/database-errors';
import { type ConflictCandidate, STEWARD_SYSTEM } from '../golden-records/domain';
import { requireLive, requireUuid, requireValidValue } from '../golden-records/steward/steward-checks';
import { settleConflicts } from '../golden-records/steward/steward.repository';
import { decisionsBetween, pinField } from '../golden-records/steward/steward-rules';
import { auditTarget, fieldState } from '../golden-records/steward/steward-tx';
import { StewardWriteService } from '../golden-records/steward/steward-write.service';
import { ConflictQueryService } from './conflict-query.service';
import { findConflictForResolution, type LockedConflict } from './conflict.repository';
import { type ConflictResolutionOutcome, type ConflictView, MAX_BULK_RESOLUTIONS } from './conflict.types';

/** A steward's answer to a conflict: one candidate system's value, or a value of their own. */
export interface ConflictResolutionInput {
  system?: string | null;
  /** undefined = not given; null = "the field is empty" */
  value?: unknown;
}

export interface ConflictResolutionItem extends ConflictResolutionInput {
  id: string;
}

/**
 * Resolves a conflict: the golden field takes the chosen value pinned (lineage steward/override, so later source
 * changes cannot undo the decision), the conflict and every other open one on that field become resolved, in one
 * transaction with version n+1, the outbox rows and the audit row. Open conflicts (manual strategy) and automatically
 * resolved ones (to overturn the automatic decision) can be resolved; resolved and superseded ones cannot.
 */
@Injectable()
export class ConflictResolutionService {
  private readonly logger = new Logger('conflicts');

  constructor(
    private readonly writer: StewardWriteService,
    private readonly queries: ConflictQueryService,
  ) {}

  async resolve(id: string, input: ConflictResolutionInput, actor: Actor): Promise<ConflictView> {
    requireUuid(id, 'conflict');
    const bySystem = input.system !== undefined && input.system !== null;
    const byValue = input.value !== undefined;
    if (bySystem === byValue) {
      throw new ValidationError('INVALID_RESOLUTION', 'give exactly one of system (a candidate) or value', [
        { path: bySystem ? 'value' : 'system', message: bySystem ? 'cannot be given with system' : 'system or value is required' },
      ]);
    }
    await this.writer.run(actor, async (tx) => {
      const goldenId = (await findConflictForResolution(tx.m, id, false))?.golden_id;
      if (!goldenId) throw new NotFoundError('CONFLICT_NOT_FOUND', `no conflict ${id}`);
      // The golden row first, as every writer does; the conflict is re-read under it so two stewards serialise.
      const golden = await tx.lockOne(goldenId);
      const conflict = (await findConflictForResolution(tx.m, id, true))!;
      if (conflict.status === 'resolved') {
        throw new DomainError('CONFLICT_ALREADY_RESOLVED', `conflict ${id} was already resolved`, 'conflict');
      }
      if (conflict.status === 'superseded') {
        throw new DomainError('CONFLICT_SUPERSEDED', `conflict ${id} was closed by a rule change that re-decided ${conflict.field}; `
          + 'resolve the record\'s newer conflict on it, or override the field', 'conflict');
      }
      requireLive(golden);
      const type = tx.entityType(golden.entityType);
      const chosen = bySystem ? candidateOf(conflict, input.system!) : { system: STEWARD_SYSTEM, value: input.value };
      requireValidValue(type, conflict.field, chosen.value);

      const next = pinField(golden, conflict.field, chosen.value, tx.now);
      tx.version(golden, { ...next, deleted: false }, {
        kind: 'steward', action: 'conflict.resolve', conflictId: id, fields: [conflict.field], decisions: decisionsBetween(golden, next),
      });
      tx.then(async (m) => {
        const settled = await settleConflicts(m, {
          ids: [id], goldenId: golden.id, field: conflict.field, winner: chosen.system, value: chosen.value, by: tx.actor,
        });
        tx.audit({
          action: 'conflict.resolve',
          target: `conflict:${id}`,
          before: { ...fieldState(golden, conflict.field), conflicts: settled.map((c) => ({ ...c })), record: auditTarget(golden) },
          after: { ...fieldState(next, conflict.field), status: 'resolved', winner: chosen.system, resolved: settled.map((c) => c.id) },
        });
      });
    });
    return this.queries.get(id, actor);
  }

  /**
   * Resolves each item in its own transaction, in the order given, and answers one outcome per item: a failure
   * (already resolved, not a candidate, invalid value) leaves the others alone. Resolving one conflict also settles
   * the other open ones on the same field, so a later item of the same field answers CONFLICT_ALREADY_RESOLVED.
   */
  async resolveMany(items: readonly ConflictResolutionItem[], actor: Actor): Promise<ConflictResolutionOutcome[]> {
    // Checked through an unknown copy: Array.isArray would narrow the readonly list itself to any[].
    const given: unknown = items;
    if (!Array.isArray(given) || items.length === 0 || items.length > MAX_BULK_RESOLUTIONS) {
      throw new ValidationError('INVALID_BULK_SIZE', `give from 1 to ${MAX_BULK_RESOLUTIONS} conflicts to resolve`, [
        { path: 'items', message: `must hold 1 to ${MAX_BULK_RESOLUTIONS} items`, value: Array.isArray(items) ? items.length : items },
      ]);
    }
    const outcomes: ConflictResolutionOutcome[] = [];
    for (const item of items) {
      try {
        const conflict = await this.resolve(item.id, { system: item.system, value: item.value }, actor);
        outcomes.push({ id: item.id, ok: true, code: null, message: null, conflict });
      } catch (err) {
        outcomes.push({ id: item.id, ok: false, ...failure(err, this.logger), conflict: null });
      }
    }
    return outcomes;
  }
}

function failure(err: unknown, logger: Logger): { code: string; message: string } {
  if (err instanceof DomainError) return { code: err.code, message: err.message };
  if (isDatabaseUnavailable(err)) return { code: 'DATABASE_UNAVAILABLE', message: 'the database is unavailable; retry later' };
  logger.error(err);
  return { code: 'INTERNAL_ERROR', message: 'internal error' };
}

/**
 * The value a candidate system put forward. A system can appear twice (a manual field holds its own older value
 * against its newer one): its latest claim is taken.
 */
function candidateOf(conflict: LockedConflict, system: string): { system: string; value: unknown } {
  const claims = (Array.isArray(conflict.candidates) ? conflict.candidates : [])
    .filter((c): c is ConflictCandidate => typeof c === 'object' && c !== null && (c as ConflictCandidate).system === system);
  if (claims.length === 0) {
    const known = conflict.candidates.map((c) => (c as ConflictCandidate).system).join(', ');
    throw new ValidationError('INVALID_RESOLUTION', `${system} is not a candidate of conflict ${conflict.id} (candidates: ${known})`, [
      { path: 'system', message: `must be one of ${known}`, value: system },
    ]);
  }
  const latest = claims.reduce((best, c) => (Date.parse(c.at) >= Date.parse(best.at) ? c : best));
  return { system, value: structuredClone(latest.value) };
}
