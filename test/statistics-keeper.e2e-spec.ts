import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import type { AppSettings } from '../src/config/app-settings';
import { PROBED_TABLES } from '../src/database/statistics-keeper';
import { StatisticsKeeperService } from '../src/database/statistics-keeper.service';
import { openOneConnection } from './support/one-connection';
import type { TestDatabase } from './support/test-database';

/**
 * The hub analyses a probed table when it has grown past what the planner last counted (twice, from 500 rows),
 * and leaves tables of steady size to autovacuum, however often their rows change. Autovacuum is off for these
 * tables here, so every analysis seen is the keeper's.
 */
describe('statistics keeper on a real database', () => {
  let db: TestDatabase;
  let source: DataSource;
  let keeper: StatisticsKeeperService;

  beforeAll(async () => {
    ({ db, source } = await openOneConnection('hub_statistics_keeper'));
    for (const t of PROBED_TABLES) await source.query(`ALTER TABLE ${t} SET (autovacuum_enabled = false)`);
    // Only check() is called: the interval started on bootstrap is not.
    keeper = new StatisticsKeeperService(source, { workersEnabled: true } as AppSettings);
  }, 120_000);

  afterAll(async () => {
    await source?.destroy();
    await db?.drop();
  });

  async function check(): Promise<string[]> {
    await source.query(`SELECT pg_stat_force_next_flush()`);
    return keeper.check();
  }

  async function addXrefs(n: number): Promise<void> {
    const ids = Array.from({ length: n }, () => randomUUID());
    await source.query(`INSERT INTO golden_record (id, entity_type, version, data) SELECT g, 'contact', 1, '{}' FROM unnest($1::uuid[]) g`, [ids]);
    await source.query(`INSERT INTO xref (system, entity_type, external_id, golden_id) SELECT 'B', 'contact', 'b-' || g, g FROM unnest($1::uuid[]) g`, [ids]);
  }

  async function plannedRows(table: string): Promise<number> {
    const [r]: { n: number }[] = await source.query(`SELECT reltuples::float8 AS n FROM pg_class WHERE relname = $1`, [table]);
    return r.n;
  }

  it('leaves small tables alone', async () => {
    await addXrefs(400);
    expect(await check()).toEqual([]);
  });

  it('analyses a table that grew past 500 rows, once', async () => {
    await addXrefs(2_600);
    expect(await check()).toEqual(expect.arrayContaining(['xref', 'golden_record']));
    expect(await plannedRows('xref')).toBe(3_000);
    expect(await check()).toEqual([]);
  });

  it('does not analyse a table of steady size whose rows all changed, twice over', async () => {
    await source.query(`UPDATE golden_record SET version = version + 1, data = jsonb_build_object('v', version + 1)`);
    await source.query(`UPDATE golden_record SET version = version + 1, data = jsonb_build_object('v', version + 1)`);
    expect(await check()).toEqual([]);
  });

  it('analyses it again once it has more than doubled', async () => {
    await addXrefs(2_900); // 5,900 rows: not yet twice 3,000
    expect(await check()).toEqual([]);
    await addXrefs(200);
    expect(await check()).toEqual(expect.arrayContaining(['xref', 'golden_record']));
    expect(await plannedRows('xref')).toBe(6_100);
  });
});
