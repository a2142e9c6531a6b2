import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AdapterError } from '../adapters/adapter.error';
import { AdapterRegistry } from '../adapters/adapter-registry';
import { type Actor, actorLabel } from '../admin/auth/actor';
import { AuditService } from '../admin/audit/audit.service';
import { DomainError, ValidationError } from '../common/domain-error';
import { HubConfigService } from '../config/hub-config.service';
import { DEFAULT_MASS_DELETE_GUARD, type MassDeleteGuard } from './domain/reconcile-plan';
import type { ScheduledJob } from './domain/sync-schedule';
import { type PullBinding, resolvePullBindings } from './pull-binding';
import { PullService, type PullTally } from './pull.service';
import { SyncError } from './polling.errors';
import { ReconcileService } from './reconcile.service';
import { type HeldLock, SyncLockService } from './sync-lock.service';
import { SyncRunService } from './sync-run.service';
import type { FinishSyncRun, SyncRunError } from './sync-run.types';
import { claimScheduleTick } from './sync-state.repository';

export interface RefreshRequest {
  entityType?: string | null;
  externalId?: string | null;
  /** re-read everything instead of the changes since the watermark */
  full?: boolean | null;
}

export interface ReconcileRequest {
  entityType?: string | null;
  /** overrides the mass-delete guard's share for this run (0–1; 1 turns the guard off) */
  maxDeleteShare?: number | null;
}

export type TickSchedule = { everyMs: number } | { tick: Date; minGapMs: number };

type Step = (b: PullBinding) => Promise<Partial<FinishSyncRun> & { status?: FinishSyncRun['status'] }>;

/**
 * Runs polls, refreshes and reconciliations and records each as a sync run. Scheduled ticks run once
 * across replicas: the tick is claimed in `schedule_claim`, then the job's advisory lock is taken (a run
 * still going from an earlier tick makes the new one skip). Manual runs answer with their run id at once
 * and continue in the background; shutdown waits for them.
 */
@Injectable()
export class SyncRunnerService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('sync-runner');
  private readonly inFlight = new Set<Promise<void>>();
  private stopping = false;
  /** names this process in the runs it records, so operators can tell replicas apart */
  private readonly replica = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

  constructor(
    private readonly db: DataSource,
    private readonly config: HubConfigService,
    private readonly adapters: AdapterRegistry,
    private readonly runs: SyncRunService,
    private readonly locks: SyncLockService,
    private readonly pull: PullService,
    private readonly reconciler: ReconcileService,
    private readonly audit: AuditService,
  ) {}

  /** Called by the scheduler on every replica; at most one replica runs a given tick. */
  tick(job: ScheduledJob, schedule: TickSchedule): void {
    if (this.stopping) return;
    this.track(this.runTick(job, schedule));
  }

  async refresh(systemKey: string, req: RefreshRequest, actor: Actor): Promise<string> {
    if (req.externalId && !req.entityType) {
      throw new SyncError('EXTERNAL_ID_NEEDS_ENTITY_TYPE', 'refreshing one record needs its entityType as well as its externalId', 'invalid');
    }
    const bindings = resolvePullBindings(this.config.current(), this.adapters, systemKey, req.entityType);
    this.refuseWhileStopping();
    const details = { ...(req.externalId ? { externalId: req.externalId } : {}), ...(req.full ? { full: true } : {}) };
    const runId = await this.runs.start({
      system: systemKey, entityType: req.entityType ?? null, kind: 'refresh', trigger: 'manual', triggeredBy: actorLabel(actor), details,
    });
    await this.audit.record({ actor: actorLabel(actor), action: 'sync.refresh', target: systemKey, after: { runId, entityType: req.entityType ?? null, ...details } });
    const externalId = req.externalId;
    const step: Step = externalId
      ? async (b) => {
        const one = await this.pull.pullOne(runId, b, externalId, 'refresh');
        const linked = one.found ? null : await this.reconciler.knownRecord(b, externalId);
        if (!linked) return { seen: one.seen, queued: one.queued, errors: one.errors, details: { found: one.found } };
        // The system says the record does not exist: a complete answer, handled like a reconciliation would.
        const gone = await this.reconciler.applyDeletePolicy(runId, b, [linked], one.errors);
        return { seen: 0, queued: gone.queued, errors: one.errors, details: { found: false, ...gone.details } };
      }
      : async (b) => tallyResult(await this.pull.poll(runId, b, 'refresh', { full: Boolean(req.full) }));
    this.track(this.execute(runId, bindings, step));
    return runId;
  }

  async reconcile(systemKey: string, req: ReconcileRequest, actor: Actor): Promise<string> {
    const share = req.maxDeleteShare;
    if (share !== undefined && share !== null && !(share >= 0 && share <= 1)) {
      throw new ValidationError('INVALID_REQUEST', 'maxDeleteShare must be a number from 0 to 1', [{ path: 'maxDeleteShare', message: 'must be from 0 to 1', value: share }]);
    }
    const bindings = resolvePullBindings(this.config.current(), this.adapters, systemKey, req.entityType);
    const unsupported = bindings.find((b) => !b.adapter.listIds);
    if (unsupported) throw new SyncError('RECONCILE_NOT_SUPPORTED', `the adapter of system ${systemKey} cannot list every record`, 'conflict');
    this.refuseWhileStopping();
    const locks = await this.lockAll(bindings.map((b) => `reconcile:${systemKey}:${b.entityType}`));
    const guard: MassDeleteGuard = { ...DEFAULT_MASS_DELETE_GUARD, ...(share !== undefined && share !== null ? { maxShare: share } : {}) };
    try {
      const runId = await this.runs.start({
        system: systemKey, entityType: req.entityType ?? null, kind: 'reconcile', trigger: 'manual', triggeredBy: actorLabel(actor),
        details: { maxDeleteShare: guard.maxShare },
      });
      await this.audit.record({ actor: actorLabel(actor), action: 'sync.reconcile', target: systemKey, after: { runId, entityType: req.entityType ?? null } });
      const run = this.execute(runId, bindings, (b) => this.reconciler.reconcile(runId, b, guard));
      this.track(run.finally(() => releaseAll(locks)));
      return runId;
    } catch (err) {
      await releaseAll(locks);
      throw err;
    }
  }

  /** Shutdown hooks run before the database and adapters close: let running syncs finish cleanly. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async runTick(job: ScheduledJob, schedule: TickSchedule): Promise<void> {
    try {
      const tick = await claimScheduleTick(this.db.manager, job.key, schedule);
      if (!tick) return;
      const lock = await this.locks.tryLock(job.key);
      if (!lock) return;
      try {
        let bindings: PullBinding[];
        try {
          bindings = resolvePullBindings(this.config.current(), this.adapters, job.system, job.entityType);
        } catch {
          return; // the configuration changed since the job was registered; the scheduler drops it
        }
        const runId = await this.runs.start({ system: job.system, entityType: job.entityType, kind: job.kind, trigger: 'schedule', details: { job: job.key, tick, replica: this.replica } });
        await this.runs.failAbandoned(job.system, job.entityType, job.kind, runId);
        await this.execute(runId, bindings, job.kind === 'poll'
          ? async (b) => tallyResult(await this.pull.poll(runId, b, 'poll'))
          : (b) => this.reconciler.reconcile(runId, b));
      } finally {
        await lock.release();
      }
    } catch (err) {
      // A database outage: this tick is lost, the next one tries again.
      this.logger.error(`scheduled ${job.key} failed: ${(err as Error).message}`);
    }
  }

  /** Runs `step` for each entity type and records the outcome; one entity type failing does not stop the others. */
  private async execute(runId: string, bindings: PullBinding[], step: Step): Promise<void> {
    const total = { seen: 0, queued: 0, errors: [] as SyncRunError[] };
    const perType: Record<string, unknown> = {};
    let status: FinishSyncRun['status'] = 'succeeded';
    for (const b of bindings) {
      try {
        const r = await step(b);
        total.seen += r.seen ?? 0;
        total.queued += r.queued ?? 0;
        total.errors.push(...(r.errors ?? []));
        perType[b.entityType] = { seen: r.seen ?? 0, queued: r.queued ?? 0, status: r.status ?? 'succeeded', ...r.details };
        if (r.status === 'aborted' && status === 'succeeded') status = 'aborted';
      } catch (err) {
        status = 'failed';
        total.errors.push(runError(err, b.entityType));
        perType[b.entityType] = { status: 'failed' };
        if (!(err instanceof AdapterError) && !(err instanceof DomainError)) this.logger.error(err);
      }
    }
    const details = bindings.length === 1 ? (perType[bindings[0].entityType] as Record<string, unknown>) : { entityTypes: perType };
    try {
      await this.runs.finish(runId, { status, ...total, details });
    } catch (err) {
      this.logger.error(`could not record the end of sync run ${runId}: ${(err as Error).message}`);
    }
  }

  private async lockAll(names: string[]): Promise<HeldLock[]> {
    const held: HeldLock[] = [];
    for (const name of names) {
      const lock = await this.locks.tryLock(name);
      if (!lock) {
        await releaseAll(held);
        throw new SyncError('SYNC_RUN_IN_PROGRESS', `a ${name.split(':')[0]} of ${name.split(':').slice(1).join('/')} is already running`, 'conflict');
      }
      held.push(lock);
    }
    return held;
  }

  private refuseWhileStopping(): void {
    if (this.stopping) throw new SyncError('SYSTEM_UNAVAILABLE', 'the hub is shutting down', 'unavailable');
  }

  private track(run: Promise<void>): void {
    const tracked = run.catch((err: unknown) => this.logger.error(`sync run failed: ${(err as Error).message}`));
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
  }
}

function tallyResult(t: PullTally): Partial<FinishSyncRun> {
  return {
    seen: t.seen, queued: t.queued, errors: t.errors,
    details: { pages: t.pages, since: t.since ?? null, watermark: t.watermark ?? null },
  };
}

function runError(err: unknown, entityType: string): SyncRunError {
  if (err instanceof AdapterError) return { code: err.code, message: err.message, entityType, retryable: err.retryable };
  if (err instanceof DomainError) return { code: err.code, message: err.message, entityType };
  return { code: 'INTERNAL_ERROR', message: (err as Error)?.message ?? String(err), entityType };
}

async function releaseAll(locks: HeldLock[]): Promise<void> {
  await Promise.allSettled(locks.map((l) => l.release()));
}
