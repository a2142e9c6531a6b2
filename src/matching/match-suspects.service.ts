import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../admin/auth/actor';
import { DomainError, NotFoundError, ValidationError } from '../common/domain-error';
import { HubConfigService } from '../config/hub-config.service';
import { requireEntityType } from '../golden-records/read/entity-type-lookup';
import { GoldenRecordQueryService } from '../golden-records/read/golden-record-query.service';
import { decodeIdCursor, encodeIdCursor, isUuid, type Page, pageSize, toPage } from '../common/page-cursor';
import { lockDetection } from './match-block.repository';
import { GoldenMergeService } from '../golden-records/steward/golden-merge.service';
import { StewardWriteService } from '../golden-records/steward/steward-write.service';
import {
  identityKeys, rememberDismissal, SUSPECT_COLUMNS, SUSPECT_STATUSES, type SuspectRow, type SuspectStatus,
} from './match-suspect.repository';
import type { ListSuspectsArgs, MatchSuspectView, SuspectOutcome } from './match-suspect.types';
import { goldenNotFound } from '../golden-records/golden-records.errors';

const CURSOR_KIND = 'match-suspect';
export const MAX_BULK = 100;

/**
 * The steward's review queue of match suspects, shared by REST and GraphQL: reads (records side by side, masked
 * by role), merge through the golden merge in the same transaction as the suspect's update, "not a match" with
 * its memory, and bulk forms of both (one transaction per pair). Every action writes an audit row.
 */
@Injectable()
export class MatchSuspectsService {
  constructor(
    private readonly db: DataSource,
    private readonly config: HubConfigService,
    private readonly records: GoldenRecordQueryService,
    private readonly writer: StewardWriteService,
    private readonly merging: GoldenMergeService,
  ) {}

  /** Highest score first (then id); page with `after` = the previous page's endCursor. */
  async list(args: ListSuspectsArgs, actor: Actor, scope: object = {}): Promise<Page<MatchSuspectView>> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (args.status !== undefined && args.status !== null) add('status = ?', checkStatus(args.status));
    if (args.entityType !== undefined && args.entityType !== null) {
      requireEntityType(this.config.current().entityTypes, args.entityType);
      add('entity_type = ?', args.entityType);
    }
    if (args.minScore !== undefined && args.minScore !== null) add('score >= ?', checkMinScore(args.minScore));
    if (args.after) add('(score, id) < (SELECT score, id FROM match_suspect WHERE id = ?::uuid)', decodeIdCursor(CURSOR_KIND, args.after).id);
    const size = pageSize(args.first);
    params.push(size + 1);
    const rows: SuspectRow[] = await this.db.query(
      `SELECT ${SUSPECT_COLUMNS} FROM match_suspect ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY score DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    const page = toPage(rows, size, (r) => encodeIdCursor(CURSOR_KIND, r.id));
    return { ...page, items: await Promise.all(page.items.map((r) => this.view(r, actor, scope))) };
  }

  async find(id: string, actor: Actor, scope: object = {}): Promise<MatchSuspectView | null> {
    requireSuspectId(id);
    const row = await loadSuspect(this.db.manager, id);
    return row ? this.view(row, actor, scope) : null;
  }

  async get(id: string, actor: Actor, scope: object = {}): Promise<MatchSuspectView> {
    const found = await this.find(id, actor, scope);
    if (!found) throw suspectNotFound(id);
    return found;
  }

  /**
   * Merges the pair: `survivorId` (one of the two) survives, by default the older record (created first; the one
   * the systems have held longest). The golden merge and the suspect's new status commit together.
   */
  async merge(id: string, survivorId: string | null | undefined, actor: Actor): Promise<MatchSuspectView> {
    requireSuspectId(id);
    await this.writer.run(actor, async (tx) => {
      const row = await requireOpen(tx.m, id);
      const survivor = survivorId ?? (await olderOf(tx.m, row.golden_a, row.golden_b));
      if (survivor !== row.golden_a && survivor !== row.golden_b) {
        throw new ValidationError('MATCH_SUSPECT_SURVIVOR_INVALID', `the survivor must be one of the pair: ${row.golden_a} or ${row.golden_b}`, [
          { path: 'survivorId', message: 'is not a record of this suspect', value: survivorId },
        ]);
      }
      const duplicate = survivor === row.golden_a ? row.golden_b : row.golden_a;
      // Golden rows first (the merge locks them), then the detection lock, then the suspect: the pipeline's order.
      await this.merging.mergeIn(tx, { id: survivor, entityType: row.entity_type }, duplicate);
      await lockDetection(tx.m, row.entity_type);
      await requireOpen(tx.m, id, true);
      await resolve(tx.m, id, 'merged', 'merged', survivor, tx.actor);
      tx.audit({
        action: 'match-suspect.merge', target: `match-suspect:${id}`,
        before: { status: 'open', score: row.score, goldenA: row.golden_a, goldenB: row.golden_b },
        after: { status: 'merged', survivorId: survivor, duplicateId: duplicate },
      });
    });
    return this.get(id, actor);
  }

  /**
   * "Not a match": the suspect is dismissed and the pair remembered by both records' source cross-references, so
   * it is never suggested again, whatever later edits or merges do to the golden records.
   */
  async dismiss(id: string, actor: Actor): Promise<MatchSuspectView> {
    requireSuspectId(id);
    await this.writer.run(actor, async (tx) => {
      const row = await requireOpen(tx.m, id);
      await lockDetection(tx.m, row.entity_type);
      await requireOpen(tx.m, id, true);
      const keys = await identityKeys(tx.m, row.entity_type, [row.golden_a, row.golden_b]);
      await resolve(tx.m, id, 'dismissed', 'not_a_match', null, tx.actor);
      const remembered = await rememberDismissal(tx.m, row.entity_type, id, keys.get(row.golden_a)!, keys.get(row.golden_b)!, tx.actor);
      tx.audit({
        action: 'match-suspect.dismiss', target: `match-suspect:${id}`,
        before: { status: 'open', score: row.score, goldenA: row.golden_a, goldenB: row.golden_b },
        after: { status: 'dismissed', resolution: 'not_a_match', left: keys.get(row.golden_a), right: keys.get(row.golden_b), remembered },
      });
    });
    return this.get(id, actor);
  }

  /** Each id in its own transaction, in order; an id that fails does not stop the others. */
  mergeMany(ids: string[], actor: Actor): Promise<SuspectOutcome[]> {
    return this.each(ids, (id) => this.merge(id, undefined, actor));
  }

  dismissMany(ids: string[], actor: Actor): Promise<SuspectOutcome[]> {
    return this.each(ids, (id) => this.dismiss(id, actor));
  }

  private async each(ids: string[], action: (id: string) => Promise<MatchSuspectView>): Promise<SuspectOutcome[]> {
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_BULK) {
      throw new ValidationError('INVALID_REQUEST', `ids must list 1 to ${MAX_BULK} suspect ids`, [{ path: 'ids', message: `1 to ${MAX_BULK} ids` }]);
    }
    const outcomes: SuspectOutcome[] = [];
    for (const id of ids) {
      try {
        outcomes.push({ id, ok: true, suspect: await action(id), error: null });
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        outcomes.push({ id, ok: false, suspect: null, error: { code: err.code, message: err.message } });
      }
    }
    return outcomes;
  }

  private async view(row: SuspectRow, actor: Actor, scope: object): Promise<MatchSuspectView> {
    const records = await Promise.all([row.golden_a, row.golden_b].map(async (gid) => {
      const record = await this.records.findById(gid, actor, scope);
      if (!record) throw goldenNotFound(gid);
      return { ...record, sources: await this.records.sources(record, actor, scope) };
    }));
    return {
      id: row.id,
      entityType: row.entity_type,
      status: row.status,
      resolution: row.resolution,
      score: row.score,
      rule: row.rule,
      fieldScores: row.field_scores,
      records,
      survivorId: row.survivor_id,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      resolvedAt: row.resolved_at,
      resolvedBy: row.resolved_by,
    };
  }
}

async function loadSuspect(m: EntityManager, id: string, lock = false): Promise<SuspectRow | null> {
  const rows: SuspectRow[] = await m.query(`SELECT ${SUSPECT_COLUMNS} FROM match_suspect WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ?? null;
}

async function requireOpen(m: EntityManager, id: string, lock = false): Promise<SuspectRow> {
  const row = await loadSuspect(m, id, lock);
  if (!row) throw suspectNotFound(id);
  if (row.status !== 'open') {
    throw new DomainError('MATCH_SUSPECT_NOT_OPEN', `match suspect ${id} is ${row.status}${row.resolution ? ` (${row.resolution})` : ''}, not open`, 'conflict');
  }
  return row;
}

async function resolve(m: EntityManager, id: string, status: SuspectStatus, resolution: string, survivor: string | null, by: string): Promise<void> {
  await m.query(
    `UPDATE match_suspect SET status = $2, resolution = $3, survivor_id = $4, resolved_by = $5, resolved_at = now(), updated_at = now()
      WHERE id = $1`,
    [id, status, resolution, survivor, by],
  );
}

/** The record created first survives by default: the systems have held it longest. Ties go to the lower id. */
async function olderOf(m: EntityManager, a: string, b: string): Promise<string> {
  const rows: { id: string }[] = await m.query(
    `SELECT id FROM golden_record WHERE id = ANY($1::uuid[]) ORDER BY created_at, id LIMIT 1`, [[a, b]],
  );
  return rows[0]?.id ?? a;
}

function requireSuspectId(id: string): void {
  if (!isUuid(id)) throw new ValidationError('INVALID_ID', `"${id}" is not a match suspect id (uuid)`, [{ path: 'id', message: 'must be a uuid', value: id }]);
}

function suspectNotFound(id: string): NotFoundError {
  return new NotFoundError('MATCH_SUSPECT_NOT_FOUND', `no match suspect ${id}`);
}

function checkStatus(status: string): SuspectStatus {
  if (!(SUSPECT_STATUSES as readonly string[]).includes(status)) {
    throw new ValidationError('INVALID_SUSPECT_STATUS', `status must be one of ${SUSPECT_STATUSES.join(', ')}`, [
      { path: 'status', message: `must be one of ${SUSPECT_STATUSES.join(', ')}`, value: status },
    ]);
  }
  return status as SuspectStatus;
}

function checkMinScore(minScore: number): number {
  if (typeof minScore !== 'number' || !Number.isFinite(minScore) || minScore < 0 || minScore > 1) {
    throw new ValidationError('INVALID_MIN_SCORE', 'minScore must be a number from 0 to 1', [{ path: 'minScore', message: 'must be from 0 to 1', value: minScore }]);
  }
  return minScore;
}
