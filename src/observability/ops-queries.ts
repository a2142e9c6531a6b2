/**
 * The SQL behind /metrics gauges and /api/status. Every query is one aggregate whose cost does not grow
 * with the number of systems (no per-system round trips), and each is shaped to use an existing index.
 * `outbox`, `sync_run`, `job` and `alert` belong to other modules and may not exist yet: callers check `optionalTables()`
 * first and only touch the columns those modules promised (id, system, status, attempts, last_error, next_attempt_at, delivered_at / entity_type,
 * kind, status, started_at, finished_at, duration_ms / id, kind, key, status, processed, total, changed, error,
 * created_at, started_at, finished_at, heartbeat_at).
 */

import { FAILING_DELIVERY_SQL } from '../common/failing-delivery';
import type { Queryable } from '../common/queryable';

export type { Queryable };

export interface OptionalTables {
  outbox: boolean;
  syncRun: boolean;
  job: boolean;
  alert: boolean;
}

export interface JobRow {
  id: string;
  kind: string;
  key: string;
  status: string;
  processed: number;
  total: number | null;
  changed: number;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  heartbeatAt: string | null;
}

export interface PendingBySystem {
  system: string;
  pending: number;
  oldestAt: string;
  oldestAgeSeconds: number;
}

export interface InboxWindowRow {
  system: string;
  applied: number;
  rejected: number;
  failed: number;
  lastAppliedAt: string | null;
  latencySamples: number;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
}

export interface OutboxCountRow {
  system: string;
  status: string;
  count: number;
  /** of count, the failing ones (common/failing-delivery.ts) */
  failing: number;
}

export interface SyncRunSummaryRow {
  system: string;
  lastSuccessAt: string | null;
  failed24h: number;
  runs1h: number;
  durationP50Ms: number | null;
  durationP95Ms: number | null;
}

export interface LastSyncRunRow {
  system: string;
  entityType: string | null;
  kind: string | null;
  status: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface GoldenTotalsRow {
  entityType: string;
  live: number;
  deleted: number;
  versions: number;
}

/** Outbox statuses that still wait for delivery (paused: held by a batch window or a circuit breaker): "queue depth". */
export const QUEUED_OUTBOX_STATUSES = ['pending', 'in_flight', 'paused'];

/** Listing every status lets PostgreSQL use the (status, received_at) index for a time-window scan. */
const ALL_INBOX_STATUSES = `('pending', 'applied', 'noop', 'echo', 'rejected', 'failed')`;

export class OpsQueries {
  constructor(private readonly db: Queryable) {}

  async optionalTables(): Promise<OptionalTables> {
    const [r] = await this.rows(
      `SELECT to_regclass('outbox') IS NOT NULL AS outbox, to_regclass('sync_run') IS NOT NULL AS sync_run, to_regclass('job') IS NOT NULL AS job,
              to_regclass('alert') IS NOT NULL AS alert`,
    );
    return { outbox: r.outbox === true, syncRun: r.sync_run === true, job: r.job === true, alert: r.alert === true };
  }

  /** Served by the partial index on pending events. Age uses the database clock, like received_at. */
  async pendingBySystem(): Promise<PendingBySystem[]> {
    const rows = await this.rows(
      `SELECT system, count(*) AS n, min(received_at) AS oldest,
              extract(epoch FROM now() - min(received_at))::float8 AS age
         FROM inbox_event WHERE status = 'pending' GROUP BY system`,
    );
    return rows.map((r) => ({ system: str(r.system), pending: num(r.n), oldestAt: iso(r.oldest)!, oldestAgeSeconds: Math.max(0, num(r.age)) }));
  }

  /** Last 24 h per system: outcomes, newest applied event, and receive→processed latency over the last hour. */
  async inboxWindow(): Promise<InboxWindowRow[]> {
    const lastHour = `received_at > now() - interval '1 hour' AND processed_at IS NOT NULL`;
    // processed_at is the worker transaction's start, which can precede the insert of an event it then
    // claims by a few milliseconds: clamp at zero rather than report negative latency.
    const latency = `greatest(0, extract(epoch FROM processed_at - received_at) * 1000)`;
    const rows = await this.rows(
      `SELECT system,
              count(*) FILTER (WHERE status = 'applied') AS applied,
              count(*) FILTER (WHERE status = 'rejected') AS rejected,
              count(*) FILTER (WHERE status = 'failed') AS failed,
              max(processed_at) FILTER (WHERE status = 'applied') AS last_applied,
              count(*) FILTER (WHERE ${lastHour}) AS samples,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ${latency}) FILTER (WHERE ${lastHour}) AS p50,
              percentile_cont(0.95) WITHIN GROUP (ORDER BY ${latency}) FILTER (WHERE ${lastHour}) AS p95
         FROM inbox_event
        WHERE status IN ${ALL_INBOX_STATUSES} AND received_at > now() - interval '24 hours'
        GROUP BY system`,
    );
    return rows.map((r) => ({
      system: str(r.system),
      applied: num(r.applied),
      rejected: num(r.rejected),
      failed: num(r.failed),
      lastAppliedAt: iso(r.last_applied),
      latencySamples: num(r.samples),
      latencyP50Ms: optNum(r.p50),
      latencyP95Ms: optNum(r.p95),
    }));
  }

  /** For systems quiet for over 24 h: their newest applied event, one index walk each inside one statement. */
  async lastAppliedBefore(systems: string[]): Promise<Map<string, string>> {
    if (systems.length === 0) return new Map();
    const rows = await this.rows(
      `SELECT s.system,
              (SELECT e.processed_at FROM inbox_event e
                WHERE e.status = 'applied' AND e.system = s.system
                ORDER BY e.received_at DESC LIMIT 1) AS last_applied
         FROM unnest($1::text[]) AS s(system)`,
      [systems],
    );
    const out = new Map<string, string>();
    for (const r of rows) if (r.last_applied) out.set(str(r.system), iso(r.last_applied)!);
    return out;
  }

  async xrefCounts(): Promise<Map<string, number>> {
    const rows = await this.rows(`SELECT system, count(*) AS n FROM xref GROUP BY system`);
    return new Map(rows.map((r) => [str(r.system), num(r.n)]));
  }

  async openConflicts(): Promise<Map<string, number>> {
    const rows = await this.rows(`SELECT entity_type, count(*) AS n FROM conflict WHERE status = 'open' GROUP BY entity_type`);
    return new Map(rows.map((r) => [str(r.entity_type), num(r.n)]));
  }

  /** Versions are numbered 1..n per record, so summing current versions counts them without scanning golden_version. */
  async goldenTotals(): Promise<GoldenTotalsRow[]> {
    const rows = await this.rows(
      `SELECT entity_type, count(*) FILTER (WHERE NOT deleted) AS live, count(*) FILTER (WHERE deleted) AS deleted,
              coalesce(sum(version), 0) AS versions
         FROM golden_record GROUP BY entity_type ORDER BY entity_type`,
    );
    return rows.map((r) => ({ entityType: str(r.entity_type), live: num(r.live), deleted: num(r.deleted), versions: num(r.versions) }));
  }

  /**
   * Waiting and dead rows only: delivered (and superseded, compressed into a newer row) are history, not
   * depth, and leaving them out keeps this cheap as the outbox grows.
   */
  async outboxCounts(): Promise<OutboxCountRow[]> {
    const rows = await this.rows(
      `SELECT system, status, count(*) AS n, count(*) FILTER (WHERE ${FAILING_DELIVERY_SQL}) AS failing
         FROM outbox o WHERE status = ANY($1::text[]) GROUP BY system, status`,
      [[...QUEUED_OUTBOX_STATUSES, 'dead']],
    );
    return rows.map((r) => ({ system: str(r.system), status: str(r.status), count: num(r.n), failing: num(r.failing) }));
  }

  /** "failed" counts aborted runs too: the mass-delete guard aborts a reconciliation, and that needs a human. */
  async syncRunSummary(): Promise<SyncRunSummaryRow[]> {
    const lastHour = `started_at > now() - interval '1 hour' AND duration_ms IS NOT NULL`;
    const rows = await this.rows(
      `SELECT system,
              max(finished_at) FILTER (WHERE status = 'succeeded') AS last_success,
              count(*) FILTER (WHERE status IN ('failed', 'aborted') AND started_at > now() - interval '24 hours') AS failed,
              count(*) FILTER (WHERE ${lastHour}) AS runs,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms) FILTER (WHERE ${lastHour}) AS p50,
              percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms) FILTER (WHERE ${lastHour}) AS p95
         FROM sync_run GROUP BY system`,
    );
    return rows.map((r) => ({
      system: str(r.system),
      lastSuccessAt: iso(r.last_success),
      failed24h: num(r.failed),
      runs1h: num(r.runs),
      durationP50Ms: optNum(r.p50),
      durationP95Ms: optNum(r.p95),
    }));
  }

  async lastSyncRuns(): Promise<LastSyncRunRow[]> {
    const rows = await this.rows(
      `SELECT DISTINCT ON (system) system, entity_type, kind, status, started_at, finished_at
         FROM sync_run ORDER BY system, started_at DESC`,
    );
    return rows.map((r) => ({
      system: str(r.system),
      entityType: r.entity_type == null ? null : str(r.entity_type),
      kind: r.kind == null ? null : str(r.kind),
      status: str(r.status),
      startedAt: iso(r.started_at),
      finishedAt: iso(r.finished_at),
    }));
  }

  /** Open jobs (queued, running) and those that ended in the last 24 h, newest first; the table stays small. */
  async recentJobs(limit = 20): Promise<JobRow[]> {
    const rows = await this.rows(
      `SELECT id::text AS id, kind, key, status, processed, total, changed, error, created_at, started_at, finished_at, heartbeat_at
         FROM job WHERE status IN ('queued', 'running') OR finished_at > now() - interval '24 hours'
        ORDER BY (status IN ('queued', 'running')) DESC, id DESC LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({
      id: str(r.id), kind: str(r.kind), key: str(r.key), status: str(r.status), processed: num(r.processed),
      total: r.total == null ? null : num(r.total), changed: num(r.changed), error: r.error == null ? null : str(r.error),
      createdAt: iso(r.created_at)!, startedAt: iso(r.started_at), finishedAt: iso(r.finished_at), heartbeatAt: iso(r.heartbeat_at),
    }));
  }

  private async rows(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]> {
    return this.db.query<Record<string, unknown>[]>(sql, params);
  }
}

/** count(*) and sum() come back from pg as strings (bigint/numeric): numbers here, as no count nears 2^53. */
export function num(v: unknown): number {
  return v == null ? 0 : Number(v);
}

export function optNum(v: unknown): number | null {
  return v == null ? null : Math.round(Number(v) * 100) / 100;
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
}

export function iso(v: unknown): string | null {
  if (v == null) return null;
  return v instanceof Date ? v.toISOString() : new Date(str(v)).toISOString();
}
