import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { createTestDatabase, type TestDatabase } from './test-database';

/**
 * A migrated test database reached through one connection, with the hub's pool options (prepared statements). One
 * connection, so the statements these tests watch are prepared on it and the statistics counters it writes are
 * flushed by pg_stat_force_next_flush() before each reading.
 */
export async function openOneConnection(prefix: string): Promise<{ db: TestDatabase; source: DataSource }> {
  const db = await createTestDatabase(prefix);
  const source = new DataSource(dataSourceOptions(db.url, { migrationsRun: true, extra: { max: 1 } }, true));
  await source.initialize();
  return { db, source };
}

/** Index entries and sequentially scanned rows read so far from `tables`, as this connection's counters say. */
export async function tuplesRead(source: DataSource, tables: string[]): Promise<number> {
  await source.query(`SELECT pg_stat_force_next_flush()`);
  await source.query(`SELECT pg_stat_clear_snapshot()`);
  const [r]: { n: string }[] = await source.query(
    `SELECT (SELECT coalesce(sum(idx_tup_read), 0) FROM pg_stat_user_indexes WHERE relname = ANY($1))
          + (SELECT coalesce(sum(seq_tup_read), 0) FROM pg_stat_user_tables WHERE relname = ANY($1)) AS n`, [tables]);
  return Number(r.n);
}
