import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { APP_SETTINGS, type AppSettings } from '../config/app-settings';
import type { HubConfig } from '../config/hub-config.schema';
import { HubConfigService } from '../config/hub-config.service';
import { diffJobs, jobSignature, type ScheduledJob, scheduledJobs } from './domain/sync-schedule';
import { SyncRunService } from './sync-run.service';
import { SyncRunnerService } from './sync-runner.service';

/** How often ended runs get their final changed / rejected counts. */
const SETTLE_EVERY_MS = 5_000;
/** How often runs past the retention period are deleted (every replica does it; it is idempotent). */
const PRUNE_EVERY_MS = 3_600_000;
const NAME_PREFIX = 'hub-sync:';
const MAX_TIMER_MS = 86_400_000;

/**
 * Registers one interval or cron job per (system, entity type) from the configuration, on every replica,
 * and re-registers only what changed when a new configuration version is activated. The runner makes
 * each tick run once across replicas. Nothing is scheduled when the process runs without workers.
 */
@Injectable()
export class SyncSchedulerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('sync-scheduler');
  /** job key → signature of what is registered */
  private readonly registered = new Map<string, string>();
  private readonly firstTicks = new Set<NodeJS.Timeout>();
  private unsubscribe?: () => void;
  private settleTimer?: NodeJS.Timeout;
  private pruneTimer?: NodeJS.Timeout;
  private settling?: Promise<void>;

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly config: HubConfigService,
    private readonly runner: SyncRunnerService,
    private readonly runs: SyncRunService,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.settings.workersEnabled) return;
    this.apply(this.config.current().config);
    this.unsubscribe = this.config.onChange((next) => this.apply(next.config));
    this.settleTimer = setInterval(() => {
      this.settling ??= this.runs.settle().then(
        () => undefined,
        (err: Error) => this.logger.warn(`settling sync run counts failed: ${err.message}`),
      ).finally(() => (this.settling = undefined));
    }, SETTLE_EVERY_MS);
    this.settleTimer.unref();
    this.pruneTimer = setInterval(() => {
      this.runs.prune(this.settings.retentionDays).catch((err: Error) => this.logger.warn(`pruning old sync runs failed: ${err.message}`));
    }, PRUNE_EVERY_MS);
    this.pruneTimer.unref();
  }

  /** Before the runner's own shutdown hook: no new tick may start while it waits for the running ones. */
  async beforeApplicationShutdown(): Promise<void> {
    this.unsubscribe?.();
    clearInterval(this.settleTimer);
    clearInterval(this.pruneTimer);
    for (const t of this.firstTicks) clearTimeout(t);
    for (const key of [...this.registered.keys()]) this.unregister(key);
    await this.settling;
  }

  private apply(config: HubConfig): void {
    const { remove, add } = diffJobs(this.registered, scheduledJobs(config));
    for (const key of remove) this.unregister(key);
    for (const job of add) {
      try {
        this.register(job);
      } catch (err) {
        this.logger.error(`could not schedule ${job.key}: ${(err as Error).message}`);
      }
    }
    if (remove.length || add.length) this.logger.log(`sync schedules: ${add.length} added or changed, ${remove.length} removed`);
  }

  private register(job: ScheduledJob): void {
    const name = NAME_PREFIX + job.key;
    if (job.everyMs !== undefined) {
      const everyMs = job.everyMs;
      // Node timers overflow past 24.8 days; the claim keeps a longer interval to one run per slot anyway.
      const handle = setInterval(() => this.runner.tick(job, { everyMs }), Math.min(everyMs, MAX_TIMER_MS));
      handle.unref();
      this.registry.addInterval(name, handle);
      // A freshly started hub polls at once instead of one interval later; the claim keeps it to one replica.
      const first = setTimeout(() => {
        this.firstTicks.delete(first);
        this.runner.tick(job, { everyMs });
      }, 0);
      this.firstTicks.add(first);
    } else if (job.cron !== undefined) {
      const cron: CronJob = CronJob.from({
        cronTime: job.cron,
        timeZone: 'UTC',
        start: false,
        // Fire times are whole seconds; rounding absorbs a timer firing a few milliseconds early or late.
        onTick: () => this.runner.tick(job, { tick: new Date(Math.round(Date.now() / 1000) * 1000), minGapMs: minGap(cron) }),
      });
      this.registry.addCronJob(name, cron);
      cron.start();
    }
    this.registered.set(job.key, jobSignature(job));
  }

  private unregister(key: string): void {
    const name = NAME_PREFIX + key;
    if (this.registry.doesExist('interval', name)) this.registry.deleteInterval(name);
    if (this.registry.doesExist('cron', name)) this.registry.deleteCronJob(name);
    this.registered.delete(key);
  }
}

/** The shortest gap between upcoming fire times: two replicas firing within half of it share one tick. */
function minGap(cron: CronJob): number {
  const dates = cron.nextDates(6).map((d) => d.toMillis());
  let gap = Number.POSITIVE_INFINITY;
  for (let i = 1; i < dates.length; i++) gap = Math.min(gap, dates[i] - dates[i - 1]);
  return Number.isFinite(gap) ? gap : 1000;
}
