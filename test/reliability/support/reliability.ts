import type pg from 'pg';

/** `HUB_RELIABILITY=full` runs the sizes the issue asks for; the default sizes keep each test near a minute. */
export const FULL = process.env.HUB_RELIABILITY === 'full';

export function size<T>(fast: T, full: T): T {
  return FULL ? full : fast;
}

// A port free right now on 127.0.0.1 (child hubs need theirs before they listen).
export { freePort } from '../../fixtures/polling/polling-support';

/** One line per test with the counts, in a form bench/RESULTS.md can take as is. */
export function printSummary(name: string, counts: Record<string, number | string>): void {
  console.log(`reliability ${name}: ${Object.entries(counts).map(([k, v]) => `${k}=${v}`).join(' ')}`);
}

export interface VersionCounts {
  /** golden records */
  records: number;
  versions: number;
  /** records whose versions are not exactly 1..n */
  gapped: number;
  /** inbox events applied: those that changed the golden record, and those that only updated their source record */
  applied: number;
  /** applied events that changed the golden record (no reason; the others say LINKED or GOLDEN_KEPT_BY_RULES) */
  changedGolden: number;
  /** of those, the ones that are the cause of exactly one version */
  changedGoldenOnce: number;
  /** versions whose cause is not an event that changed the golden record */
  strayVersions: number;
}

/**
 * "Applied exactly once", read from the hub's tables: each event that changed a golden record is the cause of
 * exactly one version, no version has another cause, and every record's versions run 1..n without a gap.
 */
export async function versionCounts(sql: pg.Pool): Promise<VersionCounts> {
  const { rows } = await sql.query(`
    WITH per_record AS (
      SELECT golden_id, count(*) AS n, min(version) AS lo, max(version) AS hi FROM golden_version GROUP BY golden_id
    ), per_event AS (
      SELECT cause->>'inboxId' AS inbox_id, count(*) AS n FROM golden_version GROUP BY 1
    ), changed AS (
      SELECT id::text AS inbox_id FROM inbox_event WHERE status = 'applied' AND reason IS NULL
    )
    SELECT (SELECT count(*)::int FROM golden_record) AS records,
           (SELECT count(*)::int FROM golden_version) AS versions,
           (SELECT count(*)::int FROM per_record WHERE lo <> 1 OR hi <> n) AS gapped,
           (SELECT count(*)::int FROM inbox_event WHERE status = 'applied') AS applied,
           (SELECT count(*)::int FROM changed) AS changed,
           (SELECT count(*)::int FROM changed c JOIN per_event p USING (inbox_id) WHERE p.n = 1) AS changed_once,
           (SELECT coalesce(sum(p.n), 0)::int FROM per_event p WHERE NOT EXISTS (SELECT 1 FROM changed c WHERE c.inbox_id = p.inbox_id)) AS stray`);
  const r = rows[0];
  return {
    records: r.records, versions: r.versions, gapped: r.gapped, applied: r.applied, changedGolden: r.changed, changedGoldenOnce: r.changed_once,
    strayVersions: r.stray,
  };
}

/** Inbox events per status. */
export async function inboxByStatus(sql: pg.Pool): Promise<Record<string, number>> {
  const { rows } = await sql.query(`SELECT status, count(*)::int AS n FROM inbox_event GROUP BY status`);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Outbox rows per status, for one system or all. */
export async function outboxByStatus(sql: pg.Pool, system?: string): Promise<Record<string, number>> {
  const { rows } = await sql.query(
    `SELECT status, count(*)::int AS n FROM outbox WHERE $1::text IS NULL OR system = $1 GROUP BY status`, [system ?? null],
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Work still in hand: pending inbox events and outbox rows waiting, in flight or paused. */
export async function openWork(sql: pg.Pool): Promise<{ inbox: number; outbox: number }> {
  const { rows } = await sql.query(`
    SELECT (SELECT count(*)::int FROM inbox_event WHERE status = 'pending') AS inbox,
           (SELECT count(*)::int FROM outbox WHERE status IN ('pending', 'in_flight', 'paused')) AS outbox`);
  return rows[0];
}

/** Sleeps; the scenarios pace their load with it, the assertions never depend on it. */
export function pause(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Ids of the outbox rows in flight now (after a kill: the dead hub's orphaned deliveries). */
export async function inFlightIds(sql: pg.Pool): Promise<string[]> {
  const { rows } = await sql.query(`SELECT id::text AS id FROM outbox WHERE status = 'in_flight'`);
  return rows.map((r) => r.id);
}

/** How many of these outbox rows are still in flight or waiting to be retried. */
export async function stillOpen(sql: pg.Pool, ids: string[]): Promise<number> {
  const { rows } = await sql.query(
    `SELECT count(*)::int AS n FROM outbox WHERE id = ANY($1::bigint[]) AND status IN ('in_flight', 'pending')`, [ids],
  );
  return rows[0].n;
}
