import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AdapterError } from '../adapters/adapter.error';
import { AdapterRegistry } from '../adapters/adapter-registry';
import { type Actor, actorLabel } from '../admin/auth/actor';
import { AuditService } from '../admin/audit/audit.service';
import { ValidationError } from '../common/domain-error';
import { HubConfigService } from '../config/hub-config.service';
import { newestFirstPage } from '../common/newest-first-page';
import { isUuid, type Page } from '../common/page-cursor';
import type { KnownRecord } from './domain/reconcile-plan';
import { type PullBinding, resolvePullBindings } from './pull-binding';
import { PullService } from './pull.service';
import { SyncError } from './polling.errors';
import { SyncRunService } from './sync-run.service';
import type { SyncRunError } from './sync-run.types';

export const INFERRED_DELETE_STATUSES = ['pending', 'approved', 'dismissed'] as const;
export type InferredDeleteStatus = (typeof INFERRED_DELETE_STATUSES)[number];

export interface InferredDeleteView {
  id: string;
  system: string;
  entityType: string;
  externalId: string;
  goldenId: string | null;
  status: InferredDeleteStatus;
  runId: string | null;
  createdAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
}

export interface ListInferredDeletesArgs {
  system?: string;
  entityType?: string;
  status?: InferredDeleteStatus;
  first?: number;
  after?: string;
}

const CURSOR_KIND = 'inferred-delete';
const COLUMNS = `id, system, entity_type, external_id, golden_id, status, run_id, created_at, decided_by, decided_at,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at`;

interface Row {
  id: string;
  system: string;
  entity_type: string;
  external_id: string;
  golden_id: string | null;
  status: InferredDeleteStatus;
  run_id: string | null;
  created_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  cursor_at: string;
}

/**
 * Records found gone by reconciliation, held for a steward (policy `review`). Approving sends the delete
 * through the inbox like any other delete; dismissing keeps the golden record, and later reconciliations
 * do not raise the same record again while it stays linked to the same golden record.
 */
@Injectable()
export class InferredDeleteService {
  constructor(
    private readonly db: DataSource,
    private readonly config: HubConfigService,
    private readonly adapters: AdapterRegistry,
    private readonly pull: PullService,
    private readonly runs: SyncRunService,
    private readonly audit: AuditService,
  ) {}

  /** Queues records for review; one already pending is not queued twice. Returns how many were added. */
  async queue(runId: string, b: PullBinding, records: KnownRecord[]): Promise<number> {
    if (records.length === 0) return 0;
    const rows: unknown[] = await this.db.query(
      `INSERT INTO inferred_delete (id, system, entity_type, external_id, golden_id, run_id)
       SELECT u.id, $1, $2, u.external_id, u.golden_id, $3
         FROM unnest($4::uuid[], $5::text[], $6::uuid[]) AS u(id, external_id, golden_id)
       ON CONFLICT (system, entity_type, external_id) WHERE status = 'pending' DO NOTHING
       RETURNING id`,
      [b.systemKey, b.entityType, runId, records.map(() => randomUUID()), records.map((r) => r.externalId), records.map((r) => r.goldenId)],
    );
    return rows.length;
  }

  /** (external id, golden id) pairs a steward chose to keep. */
  async dismissed(system: string, entityType: string): Promise<Set<string>> {
    const rows: { external_id: string; golden_id: string | null }[] = await this.db.query(
      `SELECT DISTINCT external_id, golden_id FROM inferred_delete WHERE system = $1 AND entity_type = $2 AND status = 'dismissed'`,
      [system, entityType],
    );
    return new Set(rows.map((r) => dismissalKey(r.external_id, r.golden_id)));
  }

  async list(args: ListInferredDeletesArgs): Promise<Page<InferredDeleteView>> {
    const page = await newestFirstPage<Row>(this.db, {
      kind: CURSOR_KIND,
      select: `SELECT ${COLUMNS} FROM inferred_delete`,
      order: ['created_at', 'id'],
      equal: [['system', args.system || undefined], ['entity_type', args.entityType || undefined], ['status', args.status || undefined]],
      first: args.first,
      after: args.after,
    });
    return { ...page, items: page.items.map(toView) };
  }

  async find(id: string): Promise<InferredDeleteView | null> {
    if (!isUuid(id)) throw new ValidationError('INVALID_ID', `"${id}" is not an inferred delete id (uuid)`);
    const rows: Row[] = await this.db.query(`SELECT ${COLUMNS} FROM inferred_delete WHERE id = $1`, [id]);
    return rows[0] ? toView(rows[0]) : null;
  }

  async get(id: string): Promise<InferredDeleteView> {
    const found = await this.find(id);
    if (!found) throw new SyncError('INFERRED_DELETE_NOT_FOUND', `no inferred delete ${id}`, 'not_found');
    return found;
  }

  /**
   * Checks with the system that the record is still gone (it may have been restored since the
   * reconciliation), then queues the delete event and marks the review approved.
   */
  async approve(id: string, actor: Actor): Promise<InferredDeleteView> {
    const item = pendingOrThrow(await this.get(id));
    const [b] = resolvePullBindings(this.config.current(), this.adapters, item.system, item.entityType);
    let still: unknown;
    try {
      still = await b.adapter.get(b.mapping, item.externalId);
    } catch (err) {
      if (err instanceof AdapterError) throw new SyncError('SYSTEM_UNAVAILABLE', `cannot check ${item.system}: ${err.message}`, 'unavailable');
      throw err;
    }
    if (still) {
      throw new SyncError('INFERRED_DELETE_OBSOLETE',
        `${item.system} has record ${item.externalId} again; dismiss this review (the next poll brings the record in)`, 'conflict');
    }
    const runId = await this.runs.start({
      system: item.system, entityType: item.entityType, kind: 'reconcile', trigger: 'manual', triggeredBy: actorLabel(actor),
      details: { approvedInferredDelete: item.id, externalId: item.externalId },
    });
    const errors: SyncRunError[] = [];
    const queued = await this.pull.storeDeletes(runId, b, [item.externalId], `approved-${item.id}`, errors);
    await this.runs.finish(runId, { status: 'succeeded', seen: 1, queued, errors });
    return this.decide(item, 'approved', actor, { runId });
  }

  async dismiss(id: string, actor: Actor): Promise<InferredDeleteView> {
    return this.decide(pendingOrThrow(await this.get(id)), 'dismissed', actor, {});
  }

  private async decide(item: InferredDeleteView, status: 'approved' | 'dismissed', actor: Actor, extra: Record<string, unknown>): Promise<InferredDeleteView> {
    const decided = await this.db.transaction(async (m) => {
      // Wrapped in a SELECT: TypeORM answers a bare UPDATE … RETURNING with [rows, count] instead of rows.
      const rows: Row[] = await m.query(
        `WITH decided AS (
           UPDATE inferred_delete SET status = $2, decided_by = $3, decided_at = now() WHERE id = $1 AND status = 'pending' RETURNING *
         ) SELECT ${COLUMNS} FROM decided`,
        [item.id, status, actorLabel(actor)],
      );
      if (!rows[0]) return null;
      await this.audit.record({
        actor: actorLabel(actor), action: `inferred-delete.${status === 'approved' ? 'approve' : 'dismiss'}`,
        target: `${item.system}/${item.entityType}/${item.externalId}`,
        before: { status: 'pending' }, after: { status, goldenId: item.goldenId, ...extra },
      }, m);
      return toView(rows[0]);
    });
    // Another steward decided in between; their decision stands (an extra approved delete is a no-op).
    return decided ?? pendingOrThrow(await this.get(item.id));
  }
}

export function dismissalKey(externalId: string, goldenId: string | null): string {
  return `${externalId}\u0000${goldenId ?? ''}`;
}

function pendingOrThrow(item: InferredDeleteView): InferredDeleteView {
  if (item.status !== 'pending') {
    throw new SyncError('INFERRED_DELETE_DECIDED', `inferred delete ${item.id} was already ${item.status} by ${item.decidedBy ?? 'someone'}`, 'conflict');
  }
  return item;
}

function toView(r: Row): InferredDeleteView {
  return {
    id: r.id, system: r.system, entityType: r.entity_type, externalId: r.external_id, goldenId: r.golden_id, status: r.status,
    runId: r.run_id, createdAt: r.created_at, decidedBy: r.decided_by, decidedAt: r.decided_at,
  };
}
