import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { createTestDatabase, type TestDatabase } from './support/test-database';

/**
 * The hub's pool (database/prepared-statements.ts) prepares each parameterised text once per connection and
 * plans every execution for its own parameters: a generic plan estimates each unnest() of a batch at 10 rows.
 */
describe('prepared statements', () => {
  let db: TestDatabase;
  let source: DataSource;
  const TEXT = `SELECT count(*)::int AS n FROM unnest($1::int[]) AS u(v) WHERE v > $2`;

  beforeAll(async () => {
    db = await createTestDatabase('hub_prepared');
    // One connection, so pg_prepared_statements below is the one the statements ran on.
    source = new DataSource(dataSourceOptions(db.url, { migrationsRun: false, extra: { max: 1 } }, true));
    await source.initialize();
  });
  afterAll(async () => {
    await source?.destroy();
    await db?.drop();
  });

  it('prepares a text once and plans each of its executions for the parameters given', async () => {
    for (let i = 1; i <= 8; i++) {
      const [row]: { n: number }[] = await source.query(TEXT, [Array.from({ length: i * 100 }, (_, k) => k), 49]);
      expect(row.n).toBe(i * 100 - 50);
    }
    const rows: { generic_plans: string; custom_plans: string }[] = await source.query(
      `SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement = $1`, [TEXT]);
    expect(rows).toHaveLength(1);
    expect(Number(rows[0].generic_plans)).toBe(0);
    expect(Number(rows[0].custom_plans)).toBe(8);
    const [mode]: { plan_cache_mode: string }[] = await source.query(`SHOW plan_cache_mode`);
    expect(mode.plan_cache_mode).toBe('force_custom_plan');
  });
});
