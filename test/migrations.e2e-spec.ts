import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { migrations } from '../migrations';
import { dataSourceOptions } from '../src/database/data-source-options';
import { createTestDatabase, type TestDatabase } from './support/test-database';

/**
 * Every migration has a `down` that undoes its `up`: all of them are reverted one by one down to an empty schema,
 * then applied again, and the schema after the second pass is the schema after the first.
 */
describe('migrations: each down undoes its up', () => {
  let db: TestDatabase;
  let source: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('hub_migrations');
    source = new DataSource(dataSourceOptions(db.url, { migrationsRun: false, extra: { max: 2 } }));
    await source.initialize();
  });
  afterAll(async () => {
    await source?.destroy();
    await db?.drop();
  });

  /** Tables, columns, indexes, sequences, constraints and persistence (logged or not) of the public schema. */
  const schema = async (): Promise<string[]> => {
    const rows: { d: string }[] = await source.query(`
      SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS d
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'migrations'
      UNION ALL SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'migrations'
      UNION ALL SELECT 'relation ' || relname || ' ' || relkind::text || ' ' || relpersistence::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND relname NOT LIKE 'migrations%'
          AND c.oid NOT IN (SELECT indexrelid FROM pg_index WHERE indrelid = 'migrations'::regclass)
      UNION ALL SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
        WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> 'migrations'
      UNION ALL SELECT 'trigger ' || tgrelid::regclass || ' ' || tgname FROM pg_trigger WHERE NOT tgisinternal
      UNION ALL SELECT 'function ' || proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace
      -- per-column statistics targets set by a migration (-1, or NULL from PostgreSQL 17 on, is the default)
      UNION ALL SELECT 'statistics ' || a.attrelid::regclass || '.' || a.attname || ' ' || a.attstattarget FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid WHERE c.relnamespace = 'public'::regnamespace AND a.attnum > 0 AND coalesce(a.attstattarget, -1) >= 0
      ORDER BY 1`);
    return rows.map((r) => r.d);
  };

  it('reverts every migration to an empty schema and applies them again to the same schema', async () => {
    expect(await source.runMigrations({ transaction: 'each' })).toHaveLength(migrations.length);
    const first = await schema();
    expect(first.some((d) => d.startsWith('relation golden_record '))).toBe(true);
    // the rate limit counters are unlogged (relpersistence u); everything else is logged (p)
    expect(first).toContain('relation rate_limit r u');
    // wide columns no query filters on are left out of ANALYZE; the filtered golden data is not
    expect(first).toContain('statistics outbox.payload 0');
    expect(first.filter((d) => d.startsWith('statistics golden_record.'))).toEqual(['statistics golden_record.lineage 0']);

    for (let i = 0; i < migrations.length; i++) await source.undoLastMigration({ transaction: 'each' });
    expect(await source.query(`SELECT count(*)::int AS n FROM migrations`)).toEqual([{ n: 0 }]);
    // extensions a migration created stay (dropping one could break another database's use of it): not schema here
    expect(await schema()).toEqual([]);

    expect(await source.runMigrations({ transaction: 'each' })).toHaveLength(migrations.length);
    expect(await schema()).toEqual(first);
  });
});
