import { Injectable } from '@nestjs/common';
import type { Actor } from '../../admin/auth/actor';
import { DomainError, NotFoundError } from '../../common/domain-error';
import { STEWARD_SYSTEM } from '../domain';
import type { GoldenRecordView } from '../read/golden-read.types';
import { GoldenRecordQueryService } from '../read/golden-record-query.service';
import { requireField, requireLive, requireUuid, requireValidValue } from './steward-checks';
import { settleConflicts, loadVersion } from './steward.repository';
import { decisionsBetween, isPinned, pinField, recomputeField, rollbackTo } from './steward-rules';
import { auditTarget, fieldState, toSourceValues } from './steward-tx';
import { StewardWriteService } from './steward-write.service';
import { goldenNotFound } from '../golden-records.errors';

/** Addresses a golden record; REST names its entity type in the path, GraphQL does not. */
export interface GoldenTarget {
  id: string;
  entityType?: string;
}

/**
 * A data steward's edits of one golden record: pin a field, release a pin, roll back to a version, restore a
 * tombstone. Each is one transaction writing version n+1 (see StewardWriteService) and answers with the record as
 * the caller may see it.
 */
@Injectable()
export class GoldenStewardService {
  constructor(
    private readonly writer: StewardWriteService,
    private readonly records: GoldenRecordQueryService,
  ) {}

  /** Pins `value` (lineage steward/override): later source changes to the field are refused and recorded as conflicts. */
  async overrideField(target: GoldenTarget, field: string, value: unknown, actor: Actor): Promise<GoldenRecordView> {
    requireUuid(target.id);
    await this.writer.run(actor, async (tx) => {
      const golden = await tx.lockOne(target.id, target.entityType);
      requireLive(golden);
      const type = tx.entityType(golden.entityType);
      requireField(type, field);
      requireValidValue(type, field, value);
      const next = pinField(golden, field, value, tx.now);
      tx.version(golden, { ...next, deleted: false }, {
        kind: 'steward', action: 'golden.override', fields: [field], decisions: decisionsBetween(golden, next),
      });
      // The steward's decision settles what was held for review on that field.
      tx.then((m) => settleConflicts(m, { ids: [], goldenId: golden.id, field, winner: STEWARD_SYSTEM, value, by: tx.actor }));
      tx.audit({ action: 'golden.override', target: auditTarget(golden), before: fieldState(golden, field), after: fieldState(next, field) });
    });
    return this.view(target, actor);
  }

  /** Unpins a field: it takes the value the source records give it by precedence, or is removed if none has one. */
  async releaseOverride(target: GoldenTarget, field: string, actor: Actor): Promise<GoldenRecordView> {
    requireUuid(target.id);
    await this.writer.run(actor, async (tx) => {
      const golden = await tx.lockOne(target.id, target.entityType);
      requireLive(golden);
      const type = tx.entityType(golden.entityType);
      requireField(type, field);
      if (!isPinned(golden, field)) {
        throw new DomainError('FIELD_NOT_OVERRIDDEN', `${field} of golden record ${golden.id} is not pinned by a steward`, 'conflict');
      }
      const next = recomputeField(golden, type, field, toSourceValues(await tx.sources(golden.id)), tx.now);
      tx.version(golden, { ...next, deleted: false }, {
        kind: 'steward', action: 'golden.release', fields: [field], decisions: decisionsBetween(golden, next),
      });
      tx.audit({ action: 'golden.release', target: auditTarget(golden), before: fieldState(golden, field), after: fieldState(next, field) });
    });
    return this.view(target, actor);
  }

  /** Version n+1 holds version `toVersion`'s snapshot and deleted flag; the versions in between stay in history. */
  async rollback(target: GoldenTarget, toVersion: number, actor: Actor): Promise<GoldenRecordView> {
    requireUuid(target.id);
    await this.writer.run(actor, async (tx) => {
      const golden = await tx.lockOne(target.id, target.entityType);
      const snapshot = Number.isSafeInteger(toVersion) ? await loadVersion(tx.m, golden.id, toVersion) : null;
      if (!snapshot) throw new NotFoundError('VERSION_NOT_FOUND', `golden record ${golden.id} has no version ${toVersion}`);
      const next = rollbackTo(golden, snapshot.data, tx.now);
      const decisions = decisionsBetween(golden, next);
      tx.version(golden, { ...next, deleted: snapshot.deleted }, {
        kind: 'rollback', action: 'golden.rollback', toVersion, fields: decisions.map((d) => d.field), decisions,
      });
      tx.audit({
        action: 'golden.rollback', target: auditTarget(golden),
        before: { version: golden.version, deleted: golden.deleted, data: golden.data },
        after: { version: golden.version + 1, toVersion, deleted: snapshot.deleted, data: next.data },
      });
    });
    return this.view(target, actor);
  }

  /** Brings a tombstoned record back as it was (new version, deleted = false). */
  async restore(target: GoldenTarget, actor: Actor): Promise<GoldenRecordView> {
    requireUuid(target.id);
    await this.writer.run(actor, async (tx) => {
      const golden = await tx.lockOne(target.id, target.entityType);
      if (!golden.deleted) {
        throw new DomainError('GOLDEN_RECORD_NOT_DELETED', `golden record ${golden.id} is not deleted`, 'conflict');
      }
      tx.version(golden, { data: golden.data, lineage: golden.lineage, deleted: false }, { kind: 'steward', action: 'golden.restore' });
      tx.audit({
        action: 'golden.restore', target: auditTarget(golden),
        before: { version: golden.version, deleted: true }, after: { version: golden.version + 1, deleted: false },
      });
    });
    return this.view(target, actor);
  }

  private view(target: GoldenTarget, actor: Actor): Promise<GoldenRecordView> {
    return viewAfterCommit(this.records, target.id, actor);
  }
}

/** The record as the caller may see it (masked), read after the action committed. */
export async function viewAfterCommit(records: GoldenRecordQueryService, id: string, actor: Actor): Promise<GoldenRecordView> {
  const found = await records.findById(id, actor);
  if (!found) throw goldenNotFound(id);
  return found;
}
