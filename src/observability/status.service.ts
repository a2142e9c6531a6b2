import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error';
import type { ActiveConfig } from '../config/active-config';
import { HubConfigService } from '../config/hub-config.service';
import { HealthService } from './health.service';
import { OpsQueries } from './ops-queries';
import { OpsRecentQueries } from './ops-recent-queries';
import { buildStatusReport, type ConfiguredSystem } from './status-report';
import type { StatusReport } from './status.types';
import { withTimeout } from './timeout';

/** Per query; the page refreshes every 10 s, so an answer later than this is not worth waiting for. */
const STATUS_QUERY_TIMEOUT_MS = 5_000;

/**
 * What the status page shows, from a fixed number of aggregate queries run in parallel (none per system).
 * The core sections must succeed; the optional ones (outbox, sync runs) degrade to a warning.
 */
@Injectable()
export class StatusService {
  private readonly logger = new Logger('status');
  private readonly queries: OpsQueries;
  private readonly recent: OpsRecentQueries;

  constructor(
    dataSource: DataSource,
    private readonly config: HubConfigService,
    private readonly health: HealthService,
  ) {
    this.queries = new OpsQueries(dataSource);
    this.recent = new OpsRecentQueries(dataSource);
  }

  async report(): Promise<StatusReport> {
    const health = await this.health.readiness();
    if (health.status !== 'ok') {
      throw new DomainError('STATUS_UNAVAILABLE', `the hub cannot read its database: ${health.checks.database.error ?? 'down'}`, 'unavailable');
    }
    const active = this.config.current();
    const systems = configuredSystems(active);
    const q = this.queries;
    const activity = this.recent;
    const warnings: string[] = [];
    try {
      const [tables, inboxWindow, pending, xrefs, openConflicts, golden] = await Promise.all([
        this.bounded('optional tables', q.optionalTables()),
        this.bounded('inbox window', q.inboxWindow()),
        this.bounded('inbox pending', q.pendingBySystem()),
        this.bounded('cross-references', q.xrefCounts()),
        this.bounded('open conflicts', q.openConflicts()),
        this.bounded('golden totals', q.goldenTotals()),
      ]);
      const recent = new Set(inboxWindow.filter((r) => r.lastAppliedAt).map((r) => r.system));
      const [lastAppliedBefore, outbox, syncRuns, lastRuns, jobs, alerts, throughput, lastDelivered] = await Promise.all([
        this.bounded('last applied event', q.lastAppliedBefore(systems.map((s) => s.key).filter((k) => !recent.has(k)))),
        tables.outbox ? this.optional('outbox', q.outboxCounts(), warnings) : null,
        tables.syncRun ? this.optional('sync runs', q.syncRunSummary(), warnings) : null,
        tables.syncRun ? this.optional('last sync runs', q.lastSyncRuns(), warnings) : null,
        tables.job ? this.optional('jobs', q.recentJobs(), warnings) : null,
        tables.alert ? this.optional('alerts', activity.openAlerts(), warnings) : null,
        this.optional('throughput', activity.throughputLastHour(tables.outbox), warnings),
        tables.outbox ? this.optional('last delivery', activity.lastDelivered(systems.map((s) => s.key)), warnings) : null,
      ]);
      return buildStatusReport({
        generatedAt: new Date().toISOString(),
        configVersion: active.version,
        health,
        systems,
        entityTypes: Object.keys(active.entityTypes),
        inboxWindow,
        lastAppliedBefore,
        pending,
        xrefs,
        openConflicts,
        golden,
        features: { outbox: tables.outbox, syncRuns: tables.syncRun, jobs: tables.job },
        jobs,
        outbox,
        syncRuns,
        lastRuns,
        alerts,
        throughput: throughput ?? [],
        lastDelivered: lastDelivered ?? new Map(),
        warnings,
      });
    } catch (err) {
      if (err instanceof DomainError) throw err;
      this.logger.warn(`status report failed: ${(err as Error).message}`);
      throw new DomainError('STATUS_UNAVAILABLE', `the status could not be computed: ${(err as Error).message}`, 'unavailable');
    }
  }

  private bounded<T>(what: string, work: Promise<T>): Promise<T> {
    return withTimeout(work, STATUS_QUERY_TIMEOUT_MS, `status query "${what}"`);
  }

  private async optional<T>(what: string, work: Promise<T>, warnings: string[]): Promise<T | null> {
    try {
      return await this.bounded(what, work);
    } catch (err) {
      this.logger.warn(`status section ${what} unavailable: ${(err as Error).message}`);
      warnings.push(`${what}: ${(err as Error).message}`);
      return null;
    }
  }
}

export function configuredSystems(active: ActiveConfig): ConfiguredSystem[] {
  return Object.entries(active.config.systems).map(([key, s]) => ({
    key,
    name: s.name ?? key,
    direction: s.direction,
    entityTypes: Object.keys(s.entities),
  }));
}
