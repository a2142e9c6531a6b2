import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { WorkerLoop } from '../common/worker-loop';
import { APP_SETTINGS, type AppSettings } from '../config/app-settings';
import { isDatabaseUnavailable } from '../database/database-errors';
import { runChain } from './batch-chain';
import { JobHandlerRegistry } from './job-handler.registry';
import { checkpoint, claimJob, failJob, heartbeat, setTotal } from './job.repository';
import { JOB_CHANNEL, type JobHandler, type JobRecord } from './job.types';

/** How often a runner with nothing to do looks for a queued job or an abandoned lease (NOTIFY wakes it sooner). */
const IDLE_MS = 1_000;
/** A batch that fails for an unexpected reason is tried this many times before the job is marked failed. */
const MAX_BATCH_ATTEMPTS = 3;
/** Batches per step of the worker loop (a step ends early on shutdown, cancel or failure), and how many overlap. */
const BATCHES_PER_STEP = 8;
const OVERLAP = 2;
/** deadlock_detected, serialization_failure: a concurrent writer won a race; the batch is simply run again. */
const RETRYABLE_SQLSTATES = new Set(['40P01', '40001']);

class JobLostError extends Error {}

interface Held {
  job: JobRecord;
  handler: JobHandler;
  failures: number;
  /** the lease was found gone by the heartbeat: give the job up at the next step */
  lost: boolean;
}

/**
 * Runs jobs one at a time per process, in batches: each batch and its checkpoint are one transaction (see
 * JobHandler). Jobs are claimed across replicas with SKIP LOCKED and held under a heartbeat lease; a runner that
 * dies (kill -9) stops renewing it and another runner, or the same process restarted, takes the job over once the
 * lease has run out, resuming from the last checkpoint. A cancelled job's next checkpoint fails, so the batch in
 * progress is rolled back and the runner moves on. docs/decision-job-runner.md.
 */
@Injectable()
export class JobRunnerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('job-runner');
  readonly runnerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly loop: WorkerLoop;
  private held?: Held;
  private beat?: NodeJS.Timeout;
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly handlers: JobHandlerRegistry,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
  ) {
    this.loop = new WorkerLoop(() => this.runOnce(), IDLE_MS, this.logger);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.settings.workersEnabled) return;
    const url = (this.dataSource.options as { url?: string }).url;
    await this.loop.start(1, { url, channel: JOB_CHANNEL });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.loop.stop();
    this.release();
  }

  /** Runs batches until no job this process can run is left (tests, benchmarks); returns the batches run. */
  drain(): Promise<number> {
    return this.loop.drain();
  }

  wake(): void {
    this.loop.wake();
  }

  /**
   * One step: claim a job if none is held, then run up to `maxBatches` batches of it (overlapping two at a time, see
   * runChain). Returns 0 when there was nothing to do.
   */
  async runOnce(maxBatches = BATCHES_PER_STEP): Promise<number> {
    if (this.held?.lost) this.release();
    if (!this.held) {
      const job = await claimJob(this.dataSource, this.runnerId, this.handlers.kinds(), this.settings.jobLeaseMs);
      if (!job) return 0;
      this.hold(job);
      const resumed = job.attempts > 1 ? ` (resumed after ${job.processed} items, attempt ${job.attempts})` : '';
      this.logger.log(`job ${job.id} (${job.kind} ${job.key}) started${resumed}`);
    }
    const held = this.held!;
    if (held.handler.ready && !(await held.handler.ready(held.job))) return 0;
    try {
      if (held.job.total === null) {
        held.job.total = await held.handler.total(this.dataSource.manager, held.job);
        await setTotal(this.dataSource, held.job.id, this.runnerId, held.job.total);
      }
    } catch (err) {
      return this.failed(held, err);
    }
    const { batches, error } = await runChain({
      start: held.job.cursor, max: maxBatches, depth: OVERLAP, stopping: () => this.stopping || held.lost,
      run: (cursor, steps, previousCommitted) => this.dataSource.transaction(async (m) => {
        const batch = await held.handler.runBatch(m, held.job, cursor, this.settings.jobBatchSize, steps);
        await previousCommitted;
        if (!(await checkpoint(m, held.job.id, this.runnerId, batch))) throw new JobLostError();
        return batch;
      }),
    });
    let processed = 0;
    for (const batch of batches) {
      held.failures = 0;
      held.job.cursor = batch.nextCursor ?? held.job.cursor;
      held.job.processed += batch.processed;
      held.job.changed += batch.changed;
      processed += batch.processed;
      if (batch.nextCursor === null) {
        this.logger.log(`job ${held.job.id} (${held.job.kind} ${held.job.key}) succeeded: ${held.job.processed} items, ${held.job.changed} changed`);
        this.release();
      }
    }
    if (error !== undefined) return processed + (await this.failed(held, error));
    return Math.max(1, processed);
  }

  private async failed(held: Held, err: unknown): Promise<number> {
    if (err instanceof JobLostError) {
      this.logger.log(`job ${held.job.id} is no longer this runner's (cancelled or taken over); its last batch was rolled back`);
      this.release();
      return 0;
    }
    const code = (err as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (err as { code?: string }).code;
    if (code && RETRYABLE_SQLSTATES.has(code)) return 1;
    // The database is away, not the job at fault: the loop backs off and the same batch runs again.
    if (isDatabaseUnavailable(err)) throw err;
    held.failures++;
    const message = (err as Error).message || String(err);
    if (held.failures < MAX_BATCH_ATTEMPTS) {
      this.logger.warn(`job ${held.job.id} batch failed (attempt ${held.failures} of ${MAX_BATCH_ATTEMPTS}): ${message}`);
      return 1;
    }
    this.logger.error(`job ${held.job.id} (${held.job.kind} ${held.job.key}) failed after ${held.job.processed} items: ${message}`);
    await failJob(this.dataSource, held.job.id, this.runnerId, message);
    this.release();
    return 0;
  }

  private hold(job: JobRecord): void {
    this.held = { job, handler: this.handlers.get(job.kind), failures: 0, lost: false };
    // Renewed well within the lease, so a live runner is never taken over while a batch waits on locks.
    this.beat = setInterval(() => void this.renew(), Math.max(250, Math.floor(this.settings.jobLeaseMs / 4)));
    this.beat.unref();
  }

  private async renew(): Promise<void> {
    const held = this.held;
    if (!held) return;
    try {
      if (!(await heartbeat(this.dataSource, held.job.id, this.runnerId)) && this.held === held) held.lost = true;
    } catch (err) {
      this.logger.warn(`job ${held.job.id}: lease not renewed (${(err as Error).message})`);
    }
  }

  private release(): void {
    clearInterval(this.beat);
    this.beat = undefined;
    this.held = undefined;
  }
}
