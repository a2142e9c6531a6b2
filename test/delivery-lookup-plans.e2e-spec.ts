import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { targetKey } from '../src/delivery/domain/target-key';
import { recordRemoteVersions } from '../src/delivery/ledger/delivery-ledger.repository';
import { loadSystemRecords, loadTargetStates } from '../src/delivery/target-state.repository';
import { openOneConnection, tuplesRead } from './support/one-connection';
import type { TestDatabase } from './support/test-database';

/**
 * The delivery side's lookups of "the system's record for this golden record" stay one index probe per key when
 * the planner statistics still say the tables are empty, as on a fresh hub taking its first load: they were
 * analysed empty and have grown since. Before, PostgreSQL probed the (system, entity_type) prefix of the primary
 * keys and read every cross-reference and source record of the system for each key.
 *
 * Measured as index entries and heap rows read (pg_stat counters of this one connection), not as time.
 */
const RECORDS = 3_000;
const KEYS = 200;
const TABLES = ['xref', 'source_record'];

describe('delivery lookups on statistics that say "empty"', () => {
  let db: TestDatabase;
  let source: DataSource;
  const goldenIds: string[] = [];

  beforeAll(async () => {
    ({ db, source } = await openOneConnection('hub_lookup_plans'));
    for (const t of [...TABLES, 'golden_record']) {
      await source.query(`ALTER TABLE ${t} SET (autovacuum_enabled = false)`);
      await source.query(`ANALYZE ${t}`);
    }
    for (let i = 0; i < RECORDS; i++) goldenIds.push(randomUUID());
    await source.query(`INSERT INTO golden_record (id, entity_type, version, data) SELECT g, 'contact', 1, '{}' FROM unnest($1::uuid[]) g`, [goldenIds]);
    await source.query(`
      INSERT INTO xref (system, entity_type, external_id, golden_id) SELECT 'B', 'contact', 'b-' || g, g FROM unnest($1::uuid[]) g`, [goldenIds]);
    await source.query(`
      INSERT INTO source_record (system, entity_type, external_id, golden_id, data)
      SELECT 'B', 'contact', 'b-' || g, g, jsonb_build_object('email', g::text || '@example.com') FROM unnest($1::uuid[]) g`, [goldenIds]);
  }, 120_000);

  afterAll(async () => {
    await source?.destroy();
    await db?.drop();
  });

  /** Index entries and sequentially scanned rows read from xref and source_record by `fn`, on this connection. */
  async function rowsRead(fn: () => Promise<unknown>): Promise<number> {
    const before = await tuplesRead(source, TABLES);
    await fn();
    return (await tuplesRead(source, TABLES)) - before;
  }

  const keys = () => goldenIds.slice(0, KEYS).map((goldenId) => ({ system: 'B', entityType: 'contact', goldenId }));

  it('the statistics still say the tables are empty', async () => {
    const rows: { reltuples: number }[] = await source.query(`SELECT reltuples FROM pg_class WHERE relname = ANY($1)`, [TABLES]);
    expect(rows.map((r) => r.reltuples)).toEqual([0, 0]);
  });

  it('loadSystemRecords finds each held record with one probe per key', async () => {
    let found = new Map<string, { externalId: string }>();
    const read = await rowsRead(async () => (found = await loadSystemRecords(source.manager, keys())));
    expect(found.size).toBe(KEYS);
    expect(goldenIds.slice(0, KEYS).every((g) => found.get(targetKey('B', g))?.externalId === `b-${g}`)).toBe(true);
    // One xref entry and one source_record entry per key; the old plan read RECORDS of each per key.
    expect(read).toBeLessThanOrEqual(3 * KEYS);
  });

  it('loadTargetStates reads the held state with one probe per key', async () => {
    let states = new Map<string, { held: { externalId?: string } }>();
    const read = await rowsRead(async () => (states = await loadTargetStates(source.manager, keys())));
    expect(states.size).toBe(KEYS);
    expect(goldenIds.slice(0, KEYS).every((g) => states.get(targetKey('B', g))?.held.externalId === `b-${g}`)).toBe(true);
    expect(read).toBeLessThanOrEqual(3 * KEYS);
  });

  it('recordRemoteVersions checks the held record with one probe per key', async () => {
    const versions = goldenIds.slice(0, KEYS).map((goldenId) => ({
      system: 'B', entityType: 'contact', goldenId, version: 'v1', at: new Date().toISOString(), externalId: `b-${goldenId}`,
    }));
    const read = await rowsRead(() => recordRemoteVersions(source.manager, versions));
    const [stored]: { n: number }[] = await source.query(`SELECT count(*)::int AS n FROM delivery_ledger WHERE remote_version = 'v1'`);
    expect(stored.n).toBe(KEYS);
    expect(read).toBeLessThanOrEqual(3 * KEYS);
  });
});
