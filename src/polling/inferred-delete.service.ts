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
import {
  decideInferredDelete, dismissedInferredDeletes, INFERRED_DELETE_COLUMNS, type InferredDeleteRow, inferredDeleteById, insertInferredDeletes,
} from './inferred-delete.repository';
import type { InferredDeleteView, ListInferredDeletesArgs } from './inferred-delete.types';
import { SyncError } from './polling.errors';
import { SyncRunService } from './sync-run.service';
import type { SyncRunError } from './sync-run.types';

const CURSOR_KIND = 'inferred-delete';

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
    return insertInferredDeletes(this.db.manager, { system: b.systemKey, entityType: b.entityType, runId }, records);
  }

  /** (external id, golden id) pairs a steward chose to keep. */
  async dismissed(system: string, entityType: string): Promise<Set<string>> {
    const kept = await dismissedInferredDeletes(this.db.manager, system, entityType);
    return new Set(kept.map((r) => dismissalKey(r.externalId, r.goldenId)));
  }

  async list(args: ListInferredDeletesArgs): Promise<Page<InferredDeleteView>> {
    const page = await newestFirstPage<InferredDeleteRow>(this.db, {
      kind: CURSOR_KIND,
      select: `SELECT ${INFERRED_DELETE_COLUMNS} FROM inferred_delete`,
      order: ['created_at', 'id'],
      equal: [['system', args.system || undefined], ['entity_type', args.entityType || undefined], ['status', args.status || undefined]],
      first: args.first,
      after: args.after,
    });
    return { ...page, items: page.items.map(toView) };
  }

  async find(id: string): Promise<InferredDeleteView | null> {
    if (!isUuid(id)) throw new ValidationError('INVALID_ID', `"${id}" is not an inferred delete id (uuid)`);
    const row = await inferredDeleteById(this.db.manager, id);
    return row ? toView(row) : null;
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
      const row = await decideInferredDelete(m, item.id, status, actorLabel(actor));
      if (!row) return null;
      await this.audit.record({
        actor: actorLabel(actor), action: `inferred-delete.${status === 'approved' ? 'approve' : 'dismiss'}`,
        target: `${item.system}/${item.entityType}/${item.externalId}`,
        before: { status: 'pending' }, after: { status, goldenId: item.goldenId, ...extra },
      }, m);
      return toView(row);
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

function toView(r: InferredDeleteRow): InferredDeleteView {
  return {
    id: r.id, system: r.system, entityType: r.entity_type, externalId: r.external_id, goldenId: r.golden_id, status: r.status,
    runId: r.run_id, createdAt: r.created_at, decidedBy: r.decided_by, decidedAt: r.decided_at,
  };
}
