import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { correlationScope, distinctIds, runWithCorrelation } from '../../common/correlation';
import { WorkerLoop } from '../../common/worker-loop';
import { isDatabaseUnavailable } from '../../database/database-errors';
import { APP_SETTINGS, type AppSettings } from '../../config/app-settings';
import { HubConfigService } from '../../config/hub-config.service';
import { BatchProcessor, type ProcessedBatch } from './batch-processor';
import { claimInboxBatch, pendingEventIds, purgeProcessedEvents, recordFailure, recordOutcomes } from '../../inbox/inbox.repository';
import type { CommittedBatch } from './pipeline.types';
import { PipelineHooks } from './pipeline-hooks';

const MAX_EVENT_ATTEMPTS = 3;
/** Processed events older than the retention are removed about this often (versions and audit are kept). */
const PURGE_EVERY_MS = 60 * 60_000;
/** deadlock_detected, serialization_failure: another batch won a race; the whole batch is simply retried. */
const RETRYABLE_SQLSTATES = new Set(['40P01', '40001']);

/**
 * Takes inbox events in batches, each batch one transaction: claim → decide → write golden state,
 * versions, conflicts, outbox rows and event outcomes → commit. A crash before commit leaves the events
 * pending (nothing half-applied); after commit they are done (never applied twice).
 */
/** Batches in progress at once per process: one decides in memory while the other waits on the database. */
export const INBOX_LOOPS = 2;

@Injectable()
export class InboxWorkerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('inbox-worker');
  private readonly loop: WorkerLoop;
  private lastPurge = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: HubConfigService,
    private readonly hooks: PipelineHooks,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
  ) {
    this.loop = new WorkerLoop(() => this.runOnce(), settings.workerIdleMs, this.logger, {
      ms: settings.workerLingerMs, below: Math.ceil(settings.workerBatchSize / 4),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.settings.workersEnabled) return;
    const url = (this.dataSource.options as { url?: string }).url;
    await this.loop.start(INBOX_LOOPS, { url, channel: 'hub_inbox' });
  }

  /** Before shutdown hooks, so the loops finish their batch while the database connection still exists. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** Until nothing is left that this process can take; returns the items handled. */
  drain(): Promise<number> {
    return this.loop.drain();
  }

  /** The batch runs in a correlation scope that names its events' ids once claimed: every line it logs carries them. */
  runOnce(): Promise<number> {
    return runWithCorrelation({}, () => this.runBatch());
  }

  private async runBatch(): Promise<number> {
    const started = performance.now();
    let result: ProcessedBatch;
    for (let attempt = 1; ; attempt++) {
      try {
        // PostgreSQL's default isolation (READ COMMITTED) is what the batch is written for; naming it costs a round trip.
        result = await this.dataSource.transaction(async (m) => {
          const events = await claimInboxBatch(m, this.settings.workerBatchSize);
          if (events.length === 0) return { outcomes: [], changes: [], conflicts: [] };
          const scope = correlationScope();
          if (scope) scope.correlationIds = distinctIds(events.map((e) => e.correlationId));
          const processor = new BatchProcessor(m, this.config.current(), this.hooks.ledger);
          const processed = await processor.process(events);
          for (const l of this.hooks.inTransaction) await l.onGoldenChanges(m, processed.changes);
          await processor.flushLedger();
          await recordOutcomes(m, processed.outcomes);
          return processed;
        });
        break;
      } catch (err) {
        const code = (err as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (err as { code?: string }).code;
        if (code && RETRYABLE_SQLSTATES.has(code) && attempt < 5) continue;
        // The database is away, the events are not at fault: the loop backs off and retries the batch as it is.
        if (isDatabaseUnavailable(err)) throw err;
        this.logger.error(`batch failed, isolating events one by one: ${(err as Error).message}`);
        return this.isolate(err as Error);
      }
    }
    if (result.outcomes.length === 0) await this.maybePurge();
    const durationMs = performance.now() - started;
    if (result.outcomes.length > 0) this.logger.debug(`batch of ${result.outcomes.length} events committed: ${result.changes.length} golden changes`);
    this.committed({ ...result, durationMs });
    return result.outcomes.length;
  }

  private committed(batch: CommittedBatch): void {
    for (const l of this.hooks.afterCommit) {
      try {
        l.onBatchCommitted(batch);
      } catch (err) {
        this.logger.warn(`after-commit listener failed: ${(err as Error).message}`);
      }
    }
  }

  /**
   * A batch that fails for an unexpected reason is retried one event per transaction, so one poison event
   * costs only itself: it is counted, retried, and after MAX_EVENT_ATTEMPTS parked as failed.
   */
  private async isolate(batchError: Error): Promise<number> {
    let handled = 0;
    const ids = await pendingEventIds(this.dataSource.manager, this.settings.workerBatchSize);
    for (const id of ids) {
      try {
        const started = performance.now();
        const processed = await this.dataSource.transaction(async (m) => {
          const [ev] = (await claimInboxBatch(m, 1)).filter((e) => e.id === String(id));
          if (!ev) return undefined;
          const scope = correlationScope();
          if (scope) scope.correlationIds = distinctIds([ev.correlationId]);
          const processor = new BatchProcessor(m, this.config.current(), this.hooks.ledger);
          const one = await processor.process([ev]);
          for (const l of this.hooks.inTransaction) await l.onGoldenChanges(m, one.changes);
          await processor.flushLedger();
          await recordOutcomes(m, one.outcomes);
          return one;
        });
        if (processed) this.committed({ ...processed, durationMs: performance.now() - started });
      } catch (err) {
        if (isDatabaseUnavailable(err)) throw err;
        this.logger.error(`event ${id} failed: ${(err as Error).message}`);
        await this.dataSource.transaction((m) => recordFailure(m, String(id), (err as Error).message || batchError.message, MAX_EVENT_ATTEMPTS));
      }
      handled++;
    }
    return handled;
  }

  /** The inbox is the log of every change received: processed events are kept for HUB_RETENTION_DAYS. */
  private async maybePurge(): Promise<void> {
    if (Date.now() - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = Date.now();
    await purgeProcessedEvents(this.dataSource.manager, this.settings.retentionDays);
  }
}
