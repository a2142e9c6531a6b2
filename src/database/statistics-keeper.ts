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
  /** the row count the planner's statistics hold (pg_class.reltuples, from the last ANALYZE or VACUUM); -1: never counted */
  plannedRows: number;
}

/** Below this many rows any plan is cheap; the first analysis comes once a table has it. */
const MIN_ROWS_TO_ANALYZE = 500;

/**
 * Analyse a table once it holds at least MIN_ROWS_TO_ANALYZE rows and more than twice what its statistics last
 * counted: a table growing from nothing is analysed at 500, 1,000, 2,000… rows, a logarithmic number of times.
 * Changes that leave the size alone are autovacuum's (10 %, once a minute). The first rule here analysed every
 * table of which a fifth had changed, every 5 s: under steady updates that was the outbox and the inbox on every
 * check, and ANALYZE, which sorts a sample of every column (the JSON ones too), took 28 % of PostgreSQL's CPU in
 * bench/e2e (bench/RESULTS.md §15).
 */
export function tablesToAnalyze(activity: TableActivity[]): string[] {
  return activity
    .filter((t) => t.liveRows >= MIN_ROWS_TO_ANALYZE && t.liveRows > 2 * Math.max(t.plannedRows, 0))
    .map((t) => t.table);
}

export const ACTIVITY_SQL = `
  SELECT s.relname AS table, s.n_live_tup::float8 AS "liveRows", c.reltuples::float8 AS "plannedRows"
    FROM pg_stat_user_tables s
    JOIN pg_class c ON c.oid = s.relid
   WHERE s.schemaname = current_schema() AND s.relname = ANY($1::text[])`;
