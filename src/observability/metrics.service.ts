import { Injectable, Logger } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { HubConfigService } from '../config/hub-config.service';
import { type DeliverySignal, OpsSignals } from '../common/ops-signals';
import { OpsQueries } from './ops-queries';
import { OpsRecentQueries } from './ops-recent-queries';
import { poolOf, registerPoolGauges } from './pool-gauges';
import { registerScrapeGauges, type ScrapeSource } from './scrape-gauges';
import { withTimeout } from './timeout';

/** Calls to systems and the pipeline's hops: milliseconds to tens of seconds. */
/** The alert rules (alerts/domain/alert-rules.ts), listed here because observability does not import alerts. */
const ALERT_RULE_LABELS = ['conflicts', 'rejected_events', 'dead_letters', 'circuit_open', 'mass_delete_guard', 'no_sync'];

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Each scrape-time query gets this long; Prometheus' default scrape timeout is 10 s. */
const SCRAPE_QUERY_TIMEOUT_MS = 2_000;

/**
 * Owns this application's Prometheus registry. Not prom-client's global registry: several hubs in one
 * process (the e2e tests) would otherwise register the same names twice.
 */
@Injectable()
export class MetricsService {
  private readonly logger = new Logger('metrics');
  readonly registry = new Registry();
  private readonly queries: OpsQueries;
  private readonly recent: OpsRecentQueries;
  private scrapeMemo = new Map<string, Promise<unknown>>();

  readonly inboxEvents = new Counter({
    name: 'hub_inbox_events_total',
    help: 'Inbox events processed by the pipeline, by sending system and outcome (applied, noop, echo, rejected, failed)',
    labelNames: ['system', 'status'] as const,
    registers: [this.registry],
  });

  readonly batchDuration = new Histogram({
    name: 'hub_batch_duration_seconds',
    help: 'Wall time of one pipeline batch (claim, decide, write, commit), batches with at least one event',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  readonly goldenVersions = new Counter({
    name: 'hub_golden_versions_total',
    help: 'Golden record versions written by the pipeline, by entity type',
    labelNames: ['entity_type'] as const,
    registers: [this.registry],
  });

  readonly conflicts = new Counter({
    name: 'hub_conflicts_total',
    help: 'Conflicts recorded by the pipeline, by entity type and status at creation (auto_resolved, open)',
    labelNames: ['entity_type', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'hub_http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly deliveries = new Counter({
    name: 'hub_deliveries_total',
    help: 'Delivery attempts by target system and outcome (delivered, retried, dead, paused by the circuit breaker)',
    labelNames: ['system', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly deliveryDuration = new Histogram({
    name: 'hub_delivery_duration_seconds',
    help: "Duration of one delivery call to a target system (the adapter's request, retries inside it included)",
    labelNames: ['system'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly webhookToApplied = new Histogram({
    name: 'hub_webhook_to_applied_seconds',
    help: 'From a webhook event stored in the inbox to its change applied to the golden record, by sending system',
    labelNames: ['system'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly appliedToDelivered = new Histogram({
    name: 'hub_applied_to_delivered_seconds',
    help: 'From a golden version written to its delivery acknowledged by a target system, by target system',
    labelNames: ['system'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
    registers: [this.registry],
  });

  readonly alertEvaluations = new Counter({
    name: 'hub_alert_evaluations_total',
    help: 'Alert rule evaluations this process ran to the end (flat while another replica evaluates, or when evaluation fails)',
    registers: [this.registry],
  });

  readonly alertsOpen = new Gauge({
    name: 'hub_alerts_open',
    help: 'Alerts open after the last evaluation this process ran, by rule',
    labelNames: ['rule'] as const,
    registers: [this.registry],
  });

  readonly errors = new Counter({
    name: 'hub_metrics_errors_total',
    help: 'Metrics that could not be computed (a scrape-time query failed or timed out, a batch could not be labelled)',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });

  constructor(dataSource: DataSource, config: HubConfigService, signals: OpsSignals) {
    this.queries = new OpsQueries(dataSource);
    this.recent = new OpsRecentQueries(dataSource);
    collectDefaultMetrics({ register: this.registry });
    signals.onDeliveries((attempts) => this.countDeliveries(attempts));
    signals.onAlertEvaluation(({ openByRule }) => {
      this.alertEvaluations.inc();
      this.alertsOpen.reset();
      for (const rule of ALERT_RULE_LABELS) this.alertsOpen.set({ rule }, openByRule.get(rule) ?? 0);
    });
    registerPoolGauges(this.registry, () => poolOf(dataSource));
    const source: ScrapeSource = {
      tables: () => this.once('tables', () => this.queries.optionalTables()),
      pending: () => this.once('pending', () => this.queries.pendingBySystem()),
      openConflicts: () => this.once('conflicts', () => this.queries.openConflicts()),
      outbox: () => this.once('outbox', () => this.queries.outboxCounts()),
      syncRuns: () => this.once('sync_run', () => this.queries.syncRunSummary()),
      lastSync: (systems) => this.once('last_sync', async () => this.recent.lastSyncBySystem(systems, await source.tables())),
      jobs: () => this.once('jobs', () => this.queries.recentJobs(100)),
      systems: () => {
        try {
          return Object.keys(config.current().config.systems);
        } catch {
          return [];
        }
      },
      failed: (gauge, err) => {
        this.errors.inc({ source: gauge });
        this.logger.warn(`${gauge} not collected: ${(err as Error).message}`);
      },
    };
    registerScrapeGauges(this.registry, source);
  }

  /** Labels come from configured system keys and a fixed outcome list: bounded. */
  private countDeliveries(attempts: DeliverySignal[]): void {
    const now = Date.now();
    for (const a of attempts) {
      this.deliveries.inc({ system: a.system, outcome: a.outcome });
      if (a.durationMs !== null) this.deliveryDuration.observe({ system: a.system }, a.durationMs / 1000);
      if (a.outcome === 'delivered' && a.appliedAt) this.appliedToDelivered.observe({ system: a.system }, Math.max(0, now - a.appliedAt.getTime()) / 1000);
    }
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The exposition text. Each call is one scrape: shared queries (table checks, outbox counts) run once in it. */
  async render(): Promise<string> {
    this.scrapeMemo = new Map();
    return this.registry.metrics();
  }

  private once<T>(key: string, read: () => Promise<T>): Promise<T> {
    let p = this.scrapeMemo.get(key) as Promise<T> | undefined;
    if (!p) {
      p = withTimeout(read(), SCRAPE_QUERY_TIMEOUT_MS, `metrics query ${key}`);
      this.scrapeMemo.set(key, p);
    }
    return p;
  }
}
