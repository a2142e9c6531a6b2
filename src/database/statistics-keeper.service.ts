import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_SETTINGS, type AppSettings } from '../config/app-settings';
import { ACTIVITY_SQL, PROBED_TABLES, type TableActivity, tablesToAnalyze } from './statistics-keeper';

const CHECK_EVERY_MS = 5_000;

/** Runs with the workers: the processes that write these tables are the ones that need fresh plans. */
@Injectable()
export class StatisticsKeeperService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('statistics');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.settings.workersEnabled) return;
    this.timer = setInterval(() => {
      this.running ??= this.check().finally(() => (this.running = undefined));
    }, CHECK_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async check(): Promise<string[]> {
    try {
      const activity: TableActivity[] = await this.dataSource.query(ACTIVITY_SQL, [PROBED_TABLES]);
      const due = tablesToAnalyze(activity);
      // Table names come from PROBED_TABLES, never from input.
      for (const table of due) await this.dataSource.query(`ANALYZE ${table}`);
      if (due.length) this.logger.debug(`analysed ${due.join(', ')}`);
      return due;
    } catch (err) {
      this.logger.warn(`statistics check failed: ${(err as Error).message}`);
      return [];
    }
  }
}
