import { Gauge, type Registry } from 'prom-client';
import { type JobRow, type OptionalTables, type OutboxCountRow, type PendingBySystem, QUEUED_OUTBOX_STATUSES, type SyncRunSummaryRow } from './ops-queries';

/**
 * What the scrape-time gauges read. Implementations memoise each read for one scrape, so gauges that
 * share a query (outbox depth and dead letters) cost one round trip, and bound each read with a timeout.
 */
export interface ScrapeSource {
  tables(): Promise<OptionalTables>;
  pending(): Promise<PendingBySystem[]>;
  openConflicts(): Promise<Map<string, number>>;
  outbox(): Promise<OutboxCountRow[]>;
  syncRuns(): Promise<SyncRunSummaryRow[]>;
  /** per configured system: its last successful exchange (event applied, sync run, delivery), null if none */
  lastSync(systems: string[]): Promise<Map<string, string | null>>;
  /** open jobs and those that ended in the last 24 h */
  jobs(): Promise<JobRow[]>;
  /** configured system keys: their series read 0 instead of vanishing when nothing is queued */
  systems(): string[];
  /** a gauge could not be computed this scrape (it then has no samples) */
  failed(gauge: string, err: unknown): void;
}

type Fill<L extends string> = (g: Gauge<L>) => Promise<void>;

function scrapeGauge<L extends string>(registry: Registry, name: string, help: string, labelNames: L[], source: ScrapeSource, fill: Fill<L>): Gauge<L> {
  return new Gauge<L>({
    name,
    help,
    labelNames,
    registers: [registry],
    async collect(this: Gauge<L>) {
      // Reset first: a system removed from the configuration, or a failed read, must not leave stale series.
      this.reset();
      try {
        await fill(this);
      } catch (err) {
        this.reset();
        source.failed(name, err);
      }
    },
  });
}

/** Gauges computed from the database at scrape time, so they are right across replicas and restarts. */
export function registerScrapeGauges(registry: Registry, source: ScrapeSource): void {
  scrapeGauge(registry, 'hub_inbox_pending_events', 'Inbox events received but not processed yet, by sending system', ['system'], source, async (g) => {
    const rows = await source.pending();
    for (const s of source.systems()) g.set({ system: s }, 0);
    for (const r of rows) g.set({ system: r.system }, r.pending);
  });

  scrapeGauge(registry, 'hub_inbox_oldest_pending_age_seconds', 'Age of the oldest pending inbox event, by sending system (0 when none)', ['system'], source, async (g) => {
    const rows = await source.pending();
    for (const s of source.systems()) g.set({ system: s }, 0);
    for (const r of rows) g.set({ system: r.system }, r.oldestAgeSeconds);
  });

  scrapeGauge(registry, 'hub_conflicts_open', 'Conflicts waiting for a data steward, by entity type', ['entity_type'], source, async (g) => {
    for (const [entityType, n] of await source.openConflicts()) g.set({ entity_type: entityType }, n);
  });

  scrapeGauge(registry, 'hub_outbox_rows', 'Outbox rows not delivered yet, by target system and status (only when the outbox exists)', ['system', 'status'], source, async (g) => {
    if (!(await source.tables()).outbox) return;
    const rows = await source.outbox();
    for (const system of source.systems()) for (const status of [...QUEUED_OUTBOX_STATUSES, 'dead']) g.set({ system, status }, 0);
    for (const r of rows) g.set({ system: r.system, status: r.status }, r.count);
  });

  scrapeGauge(registry, 'hub_outbox_dead_letters', 'Deliveries that exhausted their retries, by target system (only when the outbox exists)', ['system'], source, async (g) => {
    if (!(await source.tables()).outbox) return;
    const rows = await source.outbox();
    for (const system of source.systems()) g.set({ system }, 0);
    for (const r of rows) if (r.status === 'dead') g.set({ system: r.system }, r.count);
  });

  scrapeGauge(registry, 'hub_jobs', 'Jobs queued or running now, and failed in the last 24 h, by kind and status (only when jobs are recorded)', ['kind', 'status'], source, async (g) => {
    if (!(await source.tables()).job) return;
    for (const j of await source.jobs()) {
      if (j.status !== 'queued' && j.status !== 'running' && j.status !== 'failed') continue;
      g.inc({ kind: j.kind, status: j.status });
    }
  });

  scrapeGauge(
    registry, 'hub_sync_last_success_timestamp_seconds',
    'Unix time of the last successful sync with each configured system: an event applied, a sync run succeeded or a delivery acknowledged (0: never)',
    ['system'], source, async (g) => {
      const systems = source.systems();
      const last = await source.lastSync(systems);
      for (const s of systems) {
        const at = last.get(s);
        g.set({ system: s }, at ? Date.parse(at) / 1000 : 0);
      }
    },
  );
}
