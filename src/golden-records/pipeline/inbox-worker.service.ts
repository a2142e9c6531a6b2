import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { APP_SETTINGS, type AppSettings } from '../../config/app-settings';
import { HubConfigService } from '../../config/hub-config.service';
import { BatchProcessor } from './batch-processor';
import { claimInboxBatch, recordFailure, recordOutcomes } from './inbox.repository';
import { PipelineHooks } from './pipeline-hooks';
import type { EventOutcome, GoldenChange } from './pipeline.types';

const MAX_EVENT_ATTEMPTS = 3;
/** deadlock_detected, serialization_failure: another batch won a race; the whole batch is simply retried. */
const RETRYABLE_SQLSTATES = new Set(['40P01', '40001']);

/**
 * Takes inbox events in batches, each batch one transaction: claim → decide → write golden state,
 * versions, conflicts, outbox rows and event outcomes → commit. A crash before commit leaves the events
 * pending (nothing half-applied); after commit they are done (never applied twice).
 */
@Injectable()
export class InboxWorkerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('inbox-worker');
  private stopping = false;
  private loops: Promise<void>[] = [];
  private listener?: pg.Client;
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: HubConfigService,
    private readonly hooks: PipelineHooks,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.settings.workersEnabled) return;
    await this.listen();
    const concurrency = 2;
    for (let i = 0; i < concurrency; i++) this.loops.push(this.loop());
  }

  /** Before shutdown hooks, so the loops finish their batch while the database connection still exists. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.wakeAll();
    await Promise.all(this.loops);
    await this.listener?.end().catch(() => undefined);
  }

  /** Processes until the inbox has nothing left that this process can take; returns the events handled. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.runOnce();
      if (n === 0) return total;
      total += n;
    }
  }

  async runOnce(): Promise<number> {
    const started = performance.now();
    let result: { outcomes: EventOutcome[]; changes: GoldenChange[] };
    for (let attempt = 1; ; attempt++) {
      try {
        result = await this.dataSource.transaction('READ COMMITTED', async (m) => {
          const events = await claimInboxBatch(m, this.settings.workerBatchSize);
          if (events.length === 0) return { outcomes: [], changes: [] };
          const processed = await new BatchProcessor(m, this.config.current()).process(events);
          for (const l of this.hooks.inTransaction) await l.onGoldenChanges(m, processed.changes);
          await recordOutcomes(m, processed.outcomes);
          return processed;
        });
        break;
      } catch (err) {
        const code = (err as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (err as { code?: string }).code;
        if (code && RETRYABLE_SQLSTATES.has(code) && attempt < 5) continue;
        this.logger.error(`batch failed, isolating events one by one: ${(err as Error).message}`);
        return this.isolate(err as Error);
      }
    }
    const durationMs = performance.now() - started;
    for (const l of this.hooks.afterCommit) {
      try {
        l.onBatchCommitted(result.outcomes, result.changes, durationMs);
      } catch (err) {
        this.logger.warn(`after-commit listener failed: ${(err as Error).message}`);
      }
    }
    return result.outcomes.length;
  }

  /**
   * A batch that fails for an unexpected reason is retried one event per transaction, so one poison event
   * costs only itself: it is counted, retried, and after MAX_EVENT_ATTEMPTS parked as failed.
   */
  private async isolate(batchError: Error): Promise<number> {
    let handled = 0;
    const ids: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM inbox_event WHERE status = 'pending' ORDER BY id LIMIT $1`, [this.settings.workerBatchSize],
    );
    for (const { id } of ids) {
      try {
        await this.dataSource.transaction(async (m) => {
          const [ev] = (await claimInboxBatch(m, 1)).filter((e) => e.id === String(id));
          if (!ev) return;
          const processed = await new BatchProcessor(m, this.config.current()).process([ev]);
          for (const l of this.hooks.inTransaction) await l.onGoldenChanges(m, processed.changes);
          await recordOutcomes(m, processed.outcomes);
        });
      } catch (err) {
        this.logger.error(`event ${id} failed: ${(err as Error).message}`);
        await this.dataSource.transaction((m) => recordFailure(m, String(id), (err as Error).message || batchError.message, MAX_EVENT_ATTEMPTS));
      }
      handled++;
    }
    return handled;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let n = 0;
      try {
        n = await this.runOnce();
      } catch (err) {
        this.logger.error(`worker loop error: ${(err as Error).message}`);
      }
      if (n === 0 && !this.stopping) await this.idle();
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, this.settings.workerIdleMs);
      this.waiters.add(done);
    });
  }

  private wakeAll(): void {
    for (const w of [...this.waiters]) w();
  }

  /** LISTEN on a dedicated connection so a stored webhook wakes a worker at once instead of at the next poll. */
  private async listen(): Promise<void> {
    const url = (this.dataSource.options as { url?: string }).url;
    if (!url) return;
    const client = new pg.Client({ connectionString: url });
    client.on('error', (err) => this.logger.warn(`inbox listener lost: ${err.message}; falling back to polling`));
    try {
      await client.connect();
      await client.query('LISTEN hub_inbox');
      client.on('notification', () => this.wakeAll());
      this.listener = client;
    } catch (err) {
      this.logger.warn(`LISTEN failed (${(err as Error).message}); polling only`);
      await client.end().catch(() => undefined);
    }
  }
}
