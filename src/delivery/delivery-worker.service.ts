import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pLimit, { type LimitFunction } from 'p-limit';
import { DataSource } from 'typeorm';
import { AdapterRegistry } from '../adapters/adapter-registry';
import { correlationScope, distinctIds, runWithCorrelation } from '../common/correlation';
import { type DeliveryOutcomeLabel, OpsSignals } from '../common/ops-signals';
import { ProcessLiveness } from '../common/process-liveness';
import { WorkerLoop } from '../common/worker-loop';
import { AuditService } from '../admin/audit/audit.service';
import { type ActiveConfig, bindingByEntityType } from '../config/active-config';
import { APP_SETTINGS, type AppSettings } from '../config/app-settings';
import { HubConfigService } from '../config/hub-config.service';
import { finishIdleWindows } from './batch-window.repository';
import { claimDeliveries } from './delivery-claim';
import { DeliveryExecutor, type PreparedDelivery } from './delivery-executor';
import { type Attempt, recordAttempts } from './delivery-recorder';
import type { ClaimedDelivery } from './delivery.types';
import { bringForwardAfterOutage, purgeFinishedDeliveries } from './delivery-results.repository';
import { outcomeFor } from './domain/delivery-outcome';
import { OutageTracker } from './domain/system-recovery';
import { retrySettings } from './domain/retry-policy';
import { mapOutboundAll } from './outbound-payload';
import { OUTBOX_CHANNEL } from './outbox-enqueue.repository';
import { targetKey } from './domain/target-key';
import { goldenIdsWithOpenDeliveries, loadSystemRecords } from './target-state.repository';

/**
 * Rows per claim: each claim's answers are recorded in one transaction, so the claim's and the recording's
 * statements are paid once per this many deliveries.
 */
const CLAIM_SIZE = 500;
/**
 * Calls running at once per system and worker loop (one record never has two), for adapters that send each
 * call on its own. Adapters that batch writes (batchesWrites) get the whole claim at once: they turn it into
 * a few requests or statements.
 */
const CONCURRENCY_PER_SYSTEM = 32;
const LOOPS = 2;
/**
 * How often a process looks for claims of hub processes that are gone (their liveness lock is free): orphaned
 * deliveries resume within about this, plus the claim, instead of waiting out their lease.
 */
const LIVENESS_CHECK_EVERY_MS = 1_000;
/** Delivered and superseded rows older than the retention are removed about this often. */
const PURGE_EVERY_MS = 60 * 60_000;
/** How late a batch window whose last rows left without an answer (superseded, re-flushed) may be ended. */
const WINDOW_SWEEP_EVERY_MS = 1_000;

/**
 * Delivers outbox rows: claim (short transaction) → call the systems' adapters outside any transaction,
 * several records at once → record the answers (one transaction per claim). Retries, dead letters and the
 * circuit breaker follow docs/decision-outbox-delivery.md.
 */
@Injectable()
export class DeliveryWorkerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('delivery-worker');
  private readonly executor: DeliveryExecutor;
  private readonly loop: WorkerLoop;
  private lastPurge = 0;
  private lastWindowSweep = 0;
  private readonly outages = new OutageTracker();
  private liveness?: ProcessLiveness;
  private lastLivenessCheck = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: HubConfigService,
    private readonly adapters: AdapterRegistry,
    private readonly audit: AuditService,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
    private readonly signals: OpsSignals,
  ) {
    this.executor = new DeliveryExecutor((system, cfg) => this.adapters.get(system, cfg));
    this.loop = new WorkerLoop(() => this.runOnce(), settings.workerIdleMs, this.logger, { ms: settings.workerLingerMs, below: CLAIM_SIZE / 4 });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.settings.workersEnabled) return;
    // A committed outbox row wakes a loop at once; the idle poll covers lost notifications and due retries.
    const url = (this.dataSource.options as { url?: string }).url;
    if (url) {
      this.liveness = new ProcessLiveness(url, this.logger);
      await this.liveness.start();
    }
    await this.loop.start(LOOPS, { url, channel: OUTBOX_CHANNEL });
  }

  /** Before shutdown hooks, so the loops finish their batch while the database connection still exists. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
    await this.liveness?.stop();
  }

  /** Until nothing is left that this process can take; returns the items handled. */
  drain(): Promise<number> {
    return this.loop.drain();
  }

  /** Wakes idle loops, e.g. after a steward put rows back to pending. */
  wake(): void {
    this.loop.wake();
  }

  /** A claim runs in a correlation scope naming its rows' correlation ids: every line it logs carries them. */
  runOnce(): Promise<number> {
    return runWithCorrelation({}, () => this.runClaim());
  }

  private async runClaim(): Promise<number> {
    await this.maybeFinishIdleWindows();
    const active = this.config.current();
    const checkHolders = Date.now() - this.lastLivenessCheck >= LIVENESS_CHECK_EVERY_MS;
    if (checkHolders) this.lastLivenessCheck = Date.now();
    const { claimed, paused, released } = await this.dataSource.transaction((m) =>
      claimDeliveries(m, active, this.audit, {
        limit: CLAIM_SIZE, leaseMs: this.settings.deliveryLeaseMs, now: new Date(), holder: this.liveness?.instanceKey, checkHolders,
      }),
    );
    if (released > 0) this.logger.warn(`${released} deliveries of a stopped worker or a process that is gone taken back (retried with a lookup first)`);
    for (const row of paused) {
      this.logger.warn(`circuit breaker open: ${row.system} ${row.entityType} ${row.goldenId} is written too often; delivery ${row.id} paused`);
    }
    this.signals.deliveries(paused.map((r) => ({ system: r.system, outcome: 'paused', durationMs: null, appliedAt: r.appliedAt })));
    if (claimed.length === 0) return paused.length;
    const scope = correlationScope();
    if (scope) scope.correlationIds = distinctIds(claimed.map((r) => r.correlationId));

    const prepared = await this.prepare(active, claimed);
    // p-limit rather than Bottleneck for a plain concurrency cap: Bottleneck starts every job from a timer,
    // which was a tenth of the hub's CPU when delivering one request per record (bench/RESULTS.md §13).
    const limiters = new Map<string, LimitFunction | null>();
    const limiterFor = (system: string): LimitFunction | null => {
      if (!limiters.has(system)) {
        const cfg = active.config.systems[system];
        const batches = cfg ? this.adapters.get(system, cfg)?.batchesWrites === true : false;
        limiters.set(system, batches ? null : pLimit(CONCURRENCY_PER_SYSTEM));
      }
      return limiters.get(system)!;
    };
    const durations: number[] = [];
    const results = await Promise.all(prepared.map((p, i) => {
      const run = async () => {
        const started = performance.now();
        try {
          return await this.executor.run(p);
        } finally {
          durations[i] = performance.now() - started;
        }
      };
      const limiter = limiterFor(p.row.system);
      return limiter ? limiter(run) : run();
    }));
    const attempts: Attempt[] = prepared.map((p, i) => {
      const system = active.config.systems[p.row.system];
      return { row: p.row, result: results[i], outcome: outcomeFor(p.row, results[i], system ? retrySettings(system) : null) };
    });
    const unlinked = await this.dataSource.transaction((m) => recordAttempts(m, active, attempts, new Date().toISOString()));
    for (const x of unlinked) {
      this.logger.warn(`${x.system} ${x.entityType} ${x.externalId} created for ${x.goldenId} is already linked to another golden record`);
    }
    this.signals.deliveries(attempts.map((a, i) => ({
      system: a.row.system, outcome: signalOutcome(a.outcome.status), durationMs: durations[i] ?? null, appliedAt: a.row.appliedAt,
    })));
    await this.afterOutages(attempts);
    for (const a of attempts) {
      if (a.outcome.status === 'dead') this.logger.warn(`delivery ${a.row.id} to ${a.row.system} is a dead letter: ${a.outcome.lastError}`);
    }
    this.logger.debug(`claim of ${attempts.length} deliveries recorded: ${attempts.filter((a) => a.outcome.status === 'delivered').length} delivered`);
    await this.maybePurge();
    return claimed.length + paused.length;
  }

  /**
   * Everything the calls need from the database, read in bulk: the systems' current ids of the records, and a
   * fresh mapping for payloads whose references had no id in the system at enqueue time.
   */
  private async prepare(active: ActiveConfig, rows: ClaimedDelivery[]): Promise<PreparedDelivery[]> {
    const m = this.dataSource.manager;
    const records = await loadSystemRecords(m, rows.map((r) => ({ system: r.system, entityType: r.entityType, goldenId: r.goldenId })));
    const prepared: PreparedDelivery[] = rows.map((row) => {
      const record = records.get(targetKey(row.system, row.goldenId));
      const binding = bindingByEntityType(active, row.system, row.entityType) ?? null;
      const usable = binding && binding.system.direction !== 'in' && binding.mapping.direction !== 'in' ? binding : null;
      return { row, binding: usable, externalId: record && !record.deleted ? record.externalId : undefined, payload: row.payload, remapped: false };
    });
    const stale = prepared.filter((p) => p.binding && p.row.operation === 'upsert' && p.row.mappingErrors?.some((e) => e.code === 'REFERENCE_UNRESOLVED'));
    if (stale.length === 0) return prepared;
    const remapped = await mapOutboundAll(m, stale.map((p) => ({ binding: p.binding!, canonical: p.row.canonical })));
    for (const [i, p] of stale.entries()) {
      p.payload = remapped[i].record;
      p.remapped = true;
      const missing = remapped[i].errors.filter((e) => e.code === 'REFERENCE_UNRESOLVED').map((e) => String(e.value));
      if (missing.length === 0) continue;
      const underway = await goldenIdsWithOpenDeliveries(m, p.row.system, missing);
      if (underway.size > 0) {
        p.waitingForReference = `waiting for ${[...underway].join(', ')} to be created in ${p.row.system} first (referenced by this record)`;
      }
    }
    return prepared;
  }

  private async afterOutages(attempts: Attempt[]): Promise<void> {
    for (const system of this.outages.observe(attempts)) {
      const n = await bringForwardAfterOutage(this.dataSource.manager, [system]);
      if (n > 0) this.logger.log(`${system} answers again: ${n} deliveries waiting out its outage are due now`);
    }
  }

  private async maybeFinishIdleWindows(): Promise<void> {
    if (Date.now() - this.lastWindowSweep < WINDOW_SWEEP_EVERY_MS) return;
    this.lastWindowSweep = Date.now();
    await this.dataSource.transaction((m) => finishIdleWindows(m));
  }

  private async maybePurge(): Promise<void> {
    if (Date.now() - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = Date.now();
    await purgeFinishedDeliveries(this.dataSource.manager, this.settings.retentionDays);
  }
}

function signalOutcome(status: 'delivered' | 'pending' | 'dead'): DeliveryOutcomeLabel {
  return status === 'pending' ? 'retried' : status;
}
