import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { PLAN_PER_CALL } from '../src/database/prepared-statements';
import { createTestDatabase, type TestDatabase } from './support/test-database';

/**
 * The hub's pool (database/prepared-statements.ts) prepares each parameterised text once per connection, but runs
 * a call carrying a batch (an array of more than 32 values) unnamed, so it is planned for its arrays: a generic
 * plan estimates each unnest() at 10 rows.
 */
describe('prepared statements', () => {
  let db: TestDatabase;
  let source: DataSource;
  const SMALL = `SELECT count(*)::int AS n FROM unnest($1::int[]) AS u(v) WHERE v > $2`;
  const BATCH = `SELECT count(*)::int AS n FROM unnest($1::int[]) AS u(v) WHERE v >= $2`;

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

  const preparedCount = async (text: string): Promise<number> => {
    const rows: unknown[] = await source.query(`SELECT 1 FROM pg_prepared_statements WHERE statement = $1`, [text]);
    return rows.length;
  };

  it('prepares a text called with small arrays once, and runs calls carrying a batch unnamed', async () => {
    for (let i = 1; i <= 8; i++) {
      const [row]: { n: number }[] = await source.query(SMALL, [Array.from({ length: i * 4 }, (_, k) => k), 0]);
      expect(row.n).toBe(i * 4 - 1);
    }
    expect(await preparedCount(SMALL)).toBe(1);

    for (const size of [33, 500, 2_000]) {
      const [row]: { n: number }[] = await source.query(BATCH, [Array.from({ length: size }, (_, k) => k), 10]);
      expect(row.n).toBe(size - 10);
    }
    expect(await preparedCount(BATCH)).toBe(0);
    // The same text with a small array is prepared after all.
    const [small]: { n: number }[] = await source.query(BATCH, [[1, 2, 30], 10]);
    expect(small.n).toBe(1);
    expect(await preparedCount(BATCH)).toBe(1);
  });

  it('sends array parameters whole and unchanged, the fast literal and node-postgres\'s alike', async () => {
    const texts = ['plain', '', 'NULL', 'null', 'a b', 'q"uote', 'back\\slash', 'end\\', 'literal \\n', '\\\\u0000', 'é ✓ 𝄞', ' {x,y} ', null];
    const awkward = ['line\nbreak', 'tab\t', '\u0001', 'x"\\\n'];
    const uuids = ['5f1f6c1e-6c0b-4c47-9d8e-1a2b3c4d5e6f', null];
    for (const size of [1, 40]) {
      const many = <T>(list: T[]) => Array.from({ length: size }, () => list).flat();
      const params = [many(texts), many(awkward), many([0, -7, 2_147_483_647, null]), many([true, false, null]), many([1.5, -0.25, 1e-7, 12345.678]), many(uuids)];
      const [row]: { t: unknown[]; a: unknown[]; i: unknown[]; b: unknown[]; f: unknown[]; u: unknown[] }[] = await source.query(
        `SELECT $1::text[] AS t, $2::text[] AS a, $3::int[] AS i, $4::bool[] AS b, $5::float8[] AS f, $6::uuid[] AS u`, params);
      expect([row.t, row.a, row.i, row.b, row.f, row.u]).toEqual(params);
    }
  });

  it('never prepares a text marked to be planned per call, however often it runs', async () => {
    const text = `${PLAN_PER_CALL}SELECT count(*)::int AS n FROM unnest($1::int[]) AS u(v) WHERE v < $2`;
    for (let i = 1; i <= 8; i++) {
      const [row]: { n: number }[] = await source.query(text, [[1, 2, 3], i]);
      expect(row.n).toBe(Math.min(i - 1, 3));
    }
    expect(await preparedCount(text)).toBe(0);
  });
});
