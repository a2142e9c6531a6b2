/**
 * Keeps planner statistics in step with the tables the pipeline probes by key. Autovacuum analyses a table
 * once 10% of it has changed and looks at most once a minute; a fresh hub taking its first load grows these
 * tables from nothing in seconds, and on statistics that still say "a handful of rows" PostgreSQL probes an
 * index by a prefix and filters the rest: every lookup scans a whole system's cross-references (measured:
 * propagation at 200 changes/s fell seconds behind within a minute). Plain TypeScript: the caller supplies
 * the query function and the clock.
 */

export const PROBED_TABLES = ['xref', 'source_record', 'match_key', 'golden_record', 'delivery_ledger', 'outbox', 'inbox_event'] as const;

export interface TableActivity {
  table: string;
  liveRows: number;
  changedSinceAnalyze: number;
}

/** Analyse when a fifth of the table (at least 500 rows) changed since its last analysis. */
export function tablesToAnalyze(activity: TableActivity[]): string[] {
  return activity.filter((t) => t.changedSinceAnalyze >= Math.max(500, 0.2 * t.liveRows)).map((t) => t.table);
}

export const ACTIVITY_SQL = `
  SELECT relname AS table, n_live_tup::float8 AS "liveRows", n_mod_since_analyze::float8 AS "changedSinceAnalyze"
    FROM pg_stat_user_tables
   WHERE schemaname = current_schema() AND relname = ANY($1::text[])`;
