import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OpsSignals } from '../common/ops-signals';
import { APP_SETTINGS, type AppSettings } from '../config/app-settings';
import { HubConfigService } from '../config/hub-config.service';
import { OpsQueries } from '../observability/ops-queries';
import { OpsRecentQueries } from '../observability/ops-recent-queries';
import { readAlertFacts } from './alert-conditions.repository';
import { type AlertTarget, AlertNotifier } from './alert-notifier';
import { claimNotifications, insertOpened, openAlerts, releaseNotification, resolveAlerts, touchOpen, tryLockEvaluation } from './alerts.repository';
import { firingConditions } from './domain/alert-conditions';
import { alertSettings, notificationFor, planAlerts } from './domain/alert-rules';

/** Notifications sent per evaluation; more wait for the next one. */
const NOTIFY_BATCH = 50;
/** Without an `alerts` section, alerts still go to the log. */
const DEFAULT_TARGETS: AlertTarget[] = [{ type: 'log' }];

/**
 * Evaluates the alert rules every `alerts.every` (default 30 s): reads what the rules look at, opens alerts for new
 * conditions, resolves those that cleared, and notifies each transition once. State is in the `alert` table, so
 * replicas and restarts agree; one replica evaluates at a time (advisory lock).
 */
@Injectable()
export class AlertEvaluatorService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('alerts');
  private readonly notifier = new AlertNotifier();
  private readonly queries: OpsQueries;
  private readonly recent: OpsRecentQueries;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: HubConfigService,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
    private readonly signals: OpsSignals,
  ) {
    this.queries = new OpsQueries(dataSource);
    this.recent = new OpsRecentQueries(dataSource);
  }

  onApplicationBootstrap(): void {
    if (this.settings.workersEnabled) this.schedule();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One evaluation and its notifications; errors are logged, and the next evaluation tries again. */
  async evaluate(): Promise<void> {
    const active = this.config.current();
    const settings = alertSettings(active.config.alerts);
    const systems = Object.keys(active.config.systems);
    const evaluated = await this.dataSource.transaction(async (m) => {
      if (!(await tryLockEvaluation(m))) return null;
      const facts = await readAlertFacts(m, settings, async () => this.recent.lastSyncBySystem(systems, await this.queries.optionalTables()));
      const plan = planAlerts(await openAlerts(m), firingConditions(settings, facts, new Date()));
      await insertOpened(m, plan.open);
      await touchOpen(m, plan.still);
      await resolveAlerts(m, plan.resolve.map((a) => a.id));
      const openByRule = new Map<string, number>();
      for (const c of [...plan.open, ...plan.still.map((x) => x.condition)]) openByRule.set(c.rule, (openByRule.get(c.rule) ?? 0) + 1);
      return { openByRule, due: await claimNotifications(m, NOTIFY_BATCH) };
    });
    // Another replica holds the evaluation: it reports and notifies.
    if (!evaluated) return;
    this.signals.alertEvaluated({ openByRule: evaluated.openByRule });
    const due = evaluated.due;
    const targets = active.config.alerts?.targets ?? DEFAULT_TARGETS;
    for (const alert of due) {
      if (!(await this.notifier.send(targets, notificationFor(alert)))) await releaseNotification(this.dataSource.manager, alert);
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    let every = 30_000;
    try {
      every = alertSettings(this.config.current().config.alerts).everyMs;
    } catch {
      // no configuration in force yet: try again at the default pace
    }
    this.timer = setTimeout(() => {
      this.running = this.evaluate()
        .catch((err: unknown) => this.logger.warn(`alert evaluation failed: ${(err as Error).message}`))
        .finally(() => this.schedule());
    }, every);
    this.timer.unref();
  }
}
