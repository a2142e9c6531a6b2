import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AdapterRecord } from '../adapters/adapter.types';
import { actorLabel, HUB_ACTOR } from '../admin/auth/actor';
import { AuditService } from '../admin/audit/audit.service';
import { linkedRecords } from '../golden-records/system-records/system-records.repository';
import {
  DEFAULT_INFERRED_DELETE_POLICY, DEFAULT_MASS_DELETE_GUARD, type KnownRecord, type MassDeleteGuard, planReconciliation,
} from './domain/reconcile-plan';
import { dismissalKey, InferredDeleteService } from './inferred-delete.service';
import type { PullBinding } from './pull-binding';
import { PullService } from './pull.service';
import { SyncError } from './polling.errors';
import type { SyncRunError } from './sync-run.types';

/** How many records missing in the hub are fetched at once. */
const GET_CONCURRENCY = 8;

export interface ReconcileOutcome {
  status: 'succeeded' | 'aborted';
  seen: number;
  queued: number;
  errors: SyncRunError[];
  details: Record<string, unknown>;
}

/**
 * Full compare of a system's ids with the hub's cross-references. Records the hub lacks are pulled in;
 * records the system lost are inferred deletes, handled by the system's policy (propagate, review, ignore)
 * unless the mass-delete guard stops the run. A listing that fails part-way throws: no delete is ever
 * inferred from an incomplete listing.
 */
@Injectable()
export class ReconcileService {
  private readonly logger = new Logger('reconcile');

  constructor(
    private readonly db: DataSource,
    private readonly pull: PullService,
    private readonly inferred: InferredDeleteService,
    private readonly audit: AuditService,
  ) {}

  async reconcile(runId: string, b: PullBinding, guard: MassDeleteGuard = DEFAULT_MASS_DELETE_GUARD): Promise<ReconcileOutcome> {
    const { adapter, mapping } = b;
    if (!adapter.listIds) {
      throw new SyncError('RECONCILE_NOT_SUPPORTED', `the adapter of system ${b.systemKey} cannot list every record`, 'conflict');
    }
    const policy = b.system.inferredDeletes ?? DEFAULT_INFERRED_DELETE_POLICY;
    const known = await this.known(b);
    const plan = await planReconciliation(known, adapter.listIds(mapping), policy, guard);
    const details: Record<string, unknown> = {
      policy, known: plan.known, listed: plan.listed, missingLocally: plan.missingLocally.length,
      missingRemotely: plan.missingRemotely.length, deleteShare: round(plan.guard.share), maxDeleteShare: guard.maxShare,
    };
    if (plan.guard.tripped) {
      await this.alert(runId, b, plan.guard.reason!, details);
      return {
        status: 'aborted', seen: plan.listed, queued: 0, details: { ...details, guard: plan.guard.reason },
        errors: [{ code: 'MASS_DELETE_GUARD', message: plan.guard.reason!, entityType: b.entityType }],
      };
    }

    const errors: SyncRunError[] = [];
    let queued = 0;
    let pulled = 0;
    for (let i = 0; i < plan.missingLocally.length; i += GET_CONCURRENCY) {
      const chunk = plan.missingLocally.slice(i, i + GET_CONCURRENCY);
      const records = (await Promise.all(chunk.map((id) => adapter.get(mapping, id)))).filter((r): r is AdapterRecord => r !== null);
      pulled += records.length;
      queued += await this.pull.store(runId, b, 'reconcile', records, errors);
    }

    const deletes = await this.applyDeletePolicy(runId, b, plan.missingRemotely, errors);
    return {
      status: 'succeeded', seen: plan.listed, queued: queued + deletes.queued, errors,
      details: { ...details, pulled, ...deletes.details },
    };
  }

  /**
   * Records found gone, handled by the system's policy. Also used by a manual refresh of one record the
   * system answers "not found" for: a direct lookup is a complete answer about that record.
   */
  async applyDeletePolicy(runId: string, b: PullBinding, gone: KnownRecord[], errors: SyncRunError[]): Promise<{ queued: number; details: Record<string, number> }> {
    const policy = b.system.inferredDeletes ?? DEFAULT_INFERRED_DELETE_POLICY;
    const dismissed = await this.inferred.dismissed(b.systemKey, b.entityType);
    const deletes = gone.filter((k) => !dismissed.has(dismissalKey(k.externalId, k.goldenId)));
    const keptByStewards = gone.length - deletes.length;
    if (policy === 'propagate') {
      const n = await this.pull.storeDeletes(runId, b, deletes.map((d) => d.externalId), runId, errors);
      return { queued: n, details: { keptByStewards, deletesQueued: n } };
    }
    if (policy === 'review') return { queued: 0, details: { keptByStewards, heldForReview: await this.inferred.queue(runId, b, deletes) } };
    return { queued: 0, details: { keptByStewards, ignored: deletes.length } };
  }

  /** The live cross-reference of one record, if the hub has one. */
  async knownRecord(b: PullBinding, externalId: string): Promise<KnownRecord | null> {
    const found = (await this.known(b, externalId)).find((k) => k.externalId === externalId);
    return found && !found.gone ? found : null;
  }

  /**
   * Cross-references of the system and entity type. A golden record that is tombstoned, or a source record
   * the system already reported deleted, is linked but not live: it counts as known (no re-pull) but is
   * never an inferred delete.
   */
  private known(b: PullBinding, externalId?: string): Promise<KnownRecord[]> {
    return linkedRecords(this.db.manager, b.systemKey, b.entityType, externalId);
  }

  /** The guard's alert: a warning in the logs and an audit row operators and the status page can find. */
  private async alert(runId: string, b: PullBinding, reason: string, details: Record<string, unknown>): Promise<void> {
    this.logger.warn(`mass-delete guard stopped reconciliation ${runId} of ${b.systemKey}/${b.entityType}: ${reason}`);
    await this.audit.record({
      actor: actorLabel(HUB_ACTOR), action: 'reconcile.mass-delete-guard', target: `${b.systemKey}/${b.entityType}`,
      after: { runId, reason, ...details },
    });
  }
}

function round(share: number): number {
  return Math.round(share * 1000) / 1000;
}
