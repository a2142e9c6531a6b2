import type { HealthReport } from './health.service';
import {
  type GoldenTotalsRow, type InboxWindowRow, type JobRow, type LastSyncRunRow, type OutboxCountRow, type PendingBySystem, QUEUED_OUTBOX_STATUSES,
  type SyncRunSummaryRow,
} from './ops-queries';
import type { OpenAlertRow, ThroughputRow } from './ops-recent-queries';
import type { EntityTypeTotals, JobStatus, StatusReport, SystemLinks, SystemStatus } from './status.types';

export interface ConfiguredSystem {
  key: string;
  name: string;
  direction: 'in' | 'out' | 'both';
  entityTypes: string[];
}

/** Everything the status report is made of, as read by a few aggregate queries. */
export interface StatusInputs {
  generatedAt: string;
  configVersion: number;
  health: HealthReport;
  systems: ConfiguredSystem[];
  /** configured entity types: listed in the totals even before they hold a record */
  entityTypes: string[];
  inboxWindow: InboxWindowRow[];
  /** newest applied event of systems with none in the last 24 h */
  lastAppliedBefore: Map<string, string>;
  pending: PendingBySystem[];
  xrefs: Map<string, number>;
  openConflicts: Map<string, number>;
  golden: GoldenTotalsRow[];
  features: { outbox: boolean; syncRuns: boolean; jobs: boolean };
  /** null when the table is absent or its query failed (then a warning says so) */
  jobs: JobRow[] | null;
  outbox: OutboxCountRow[] | null;
  syncRuns: SyncRunSummaryRow[] | null;
  lastRuns: LastSyncRunRow[] | null;
  alerts: OpenAlertRow[] | null;
  throughput: ThroughputRow[];
  /** each system's newest acknowledged delivery (outbound-only systems sync this way only) */
  lastDelivered?: Map<string, string>;
  warnings: string[];
}

/** Joins the per-system rows in memory: one pass per input, whatever the number of systems. */
export function buildStatusReport(input: StatusInputs): StatusReport {
  const window = byKey(input.inboxWindow, (r) => r.system);
  const pending = byKey(input.pending, (r) => r.system);
  const runs = input.syncRuns ? byKey(input.syncRuns, (r) => r.system) : null;
  const lastRuns = input.lastRuns ? byKey(input.lastRuns, (r) => r.system) : null;
  const outbox = input.outbox ? outboxBySystem(input.outbox) : null;

  const systems = input.systems.map((s): SystemStatus => {
    const w = window.get(s.key);
    const p = pending.get(s.key);
    const run = runs?.get(s.key);
    const box = outbox ? (outbox.get(s.key) ?? { queued: 0, paused: 0, dead: 0, failing: 0 }) : null;
    const failedRuns = runs ? (run?.failed24h ?? 0) : null;
    const inboxPending = p?.pending ?? 0;
    const lastRun = lastRuns?.get(s.key);
    return {
      key: s.key,
      name: s.name,
      direction: s.direction,
      entityTypes: s.entityTypes,
      lastSync: latestSync([
        { at: w?.lastAppliedAt ?? input.lastAppliedBefore.get(s.key) ?? null, source: 'inbox' },
        { at: run?.lastSuccessAt ?? null, source: 'sync_run' },
        { at: input.lastDelivered?.get(s.key) ?? null, source: 'delivery' },
      ]),
      lastRun: lastRun
        ? { entityType: lastRun.entityType, kind: lastRun.kind, status: lastRun.status, startedAt: lastRun.startedAt, finishedAt: lastRun.finishedAt }
        : null,
      records: { applied24h: w?.applied ?? 0, linked: input.xrefs.get(s.key) ?? 0 },
      errors24h: {
        rejected: w?.rejected ?? 0,
        failed: w?.failed ?? 0,
        failedRuns,
        deadDeliveries: box ? box.dead : null,
        failingDeliveries: box ? box.failing : null,
        total: (w?.rejected ?? 0) + (w?.failed ?? 0) + (failedRuns ?? 0) + (box?.dead ?? 0) + (box?.failing ?? 0),
      },
      queue: {
        inboxPending,
        oldestPendingAt: p?.oldestAt ?? null,
        outboxQueued: box ? box.queued : null,
        outboxPaused: box ? box.paused : null,
        total: inboxPending + (box?.queued ?? 0),
      },
      openConflicts: s.entityTypes.reduce((n, t) => n + (input.openConflicts.get(t) ?? 0), 0),
      executionTime: {
        events: { p50Ms: w?.latencyP50Ms ?? null, p95Ms: w?.latencyP95Ms ?? null, samples: w?.latencySamples ?? 0 },
        syncRuns: runs ? { p50Ms: run?.durationP50Ms ?? null, p95Ms: run?.durationP95Ms ?? null, samples: run?.runs1h ?? 0 } : null,
      },
      links: consoleLinks(s.key),
      apiLists: apiLists(s.key),
    };
  });

  const entityTypes = entityTypeTotals(input);
  return {
    generatedAt: input.generatedAt,
    configVersion: input.configVersion,
    health: input.health,
    hub: {
      goldenRecords: sum(entityTypes, (t) => t.live),
      versions: sum(entityTypes, (t) => t.versions),
      openConflicts: sum([...input.openConflicts.values()], (n) => n),
      inboxPending: sum(input.pending, (r) => r.pending),
      entityTypes,
    },
    systems,
    jobs: input.jobs ? input.jobs.map(jobStatus) : null,
    alerts: input.alerts,
    throughput: input.throughput,
    features: input.features,
    warnings: input.warnings,
  };
}

function jobStatus(j: JobRow): JobStatus {
  const progress = j.total === null ? null : j.total === 0 ? 1 : Math.min(1, j.processed / j.total);
  const { error, ...rest } = j;
  return { ...rest, progress, lastError: error };
}

function entityTypeTotals(input: StatusInputs): EntityTypeTotals[] {
  const golden = byKey(input.golden, (r) => r.entityType);
  const names = [...new Set([...input.entityTypes, ...golden.keys(), ...input.openConflicts.keys()])].sort();
  return names.map((entityType) => {
    const g = golden.get(entityType);
    return { entityType, live: g?.live ?? 0, deleted: g?.deleted ?? 0, versions: g?.versions ?? 0, openConflicts: input.openConflicts.get(entityType) ?? 0 };
  });
}

type SyncSource = NonNullable<SystemStatus['lastSync']>['source'];

/** The newest of the candidates; on a tie the earlier listed wins after a sync run (a run's finish covers its events). */
function latestSync(candidates: { at: string | null; source: SyncSource }[]): SystemStatus['lastSync'] {
  let best: { at: string; source: SyncSource } | null = null;
  for (const c of candidates) {
    if (!c.at) continue;
    if (!best || Date.parse(c.at) > Date.parse(best.at) || (Date.parse(c.at) === Date.parse(best.at) && c.source === 'sync_run')) {
      best = { at: c.at, source: c.source };
    }
  }
  return best;
}

/** The console's systems page, one anchor per list an operator follows from a number. */
export function consoleLinks(system: string): SystemLinks {
  const page = `/console/systems/${encodeURIComponent(system)}`;
  return {
    failingDeliveries: `${page}#failing-deliveries`, deadLetters: `${page}#dead-letters`, syncRuns: `${page}#sync-runs`, rejectedEvents: `${page}#rejected-events`,
  };
}

/** The API lists behind the console's: what a script or an operator without the console reads. */
export function apiLists(system: string): SystemLinks {
  const s = encodeURIComponent(system);
  return {
    failingDeliveries: `/api/deliveries?system=${s}&failing=true`, deadLetters: `/api/deliveries?system=${s}&status=dead`,
    syncRuns: `/api/sync-runs?system=${s}`, rejectedEvents: `/api/events?system=${s}&status=rejected`,
  };
}

interface OutboxTotals { queued: number; paused: number; dead: number; failing: number }

/** Failing rows count as failing, not queued: a delivery refused again and again is a problem, not a backlog. */
function outboxBySystem(rows: OutboxCountRow[]): Map<string, OutboxTotals> {
  const out = new Map<string, OutboxTotals>();
  for (const r of rows) {
    const entry = out.get(r.system) ?? { queued: 0, paused: 0, dead: 0, failing: 0 };
    if (QUEUED_OUTBOX_STATUSES.includes(r.status)) {
      entry.queued += r.count - r.failing;
      entry.failing += r.failing;
    } else if (r.status === 'dead') entry.dead += r.count;
    if (r.status === 'paused') entry.paused += r.count;
    out.set(r.system, entry);
  }
  return out;
}

function byKey<T>(rows: T[], key: (r: T) => string): Map<string, T> {
  return new Map(rows.map((r) => [key(r), r]));
}

function sum<T>(items: T[], f: (t: T) => number): number {
  return items.reduce((n, t) => n + f(t), 0);
}
