import { randomUUID } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { HubConfigService } from '../src/config/hub-config.service';
import { blockingKeys } from '../src/matching/domain/blocking-keys';
import { keyText } from '../src/matching/match-block.repository';
import { SuspectDetectionService } from '../src/matching/suspect-detection.service';
import { SuspectDetector, type SuspectEntityType } from '../src/matching/suspect-detector';
import { type BenchServer, createDatabase, fmt, runAsScript, startHub } from './bench-env';
import { rng } from './mix';

/**
 * Suspect lookup for one change at BENCH_SUSPECT_RECORDS golden contacts (default 1,000,000): the time of
 * SuspectDetectionService.findSuspectsFor for one record whose first name was just edited (its blocking keys
 * rewritten, every key probed, candidates read and scored, the result stored), inside a transaction rolled back
 * afterwards so every lookup sees the same table.
 *
 * Seeded directly (not through the pipeline): golden records with names drawn from pools of 2,000 first names and
 * 20,000 last names (made-up but pronounceable, so phonetic codes collide as real ones do), birth dates spread
 * over 65 years, unique phones; every 100th person has a near-duplicate (same last name, birth date and phone, its
 * first name one letter short). Blocking keys are computed by the hub's own blockingKeys() under the rules of
 * suspects-config.yaml, so the table holds exactly what the pipeline would have written.
 */

const SUSPECTS_CONFIG = path.resolve(__dirname, '../../bench/suspects-config.yaml');
const CHUNK = 20_000;

export function names(count: number, seed: number, syllables: [number, number]): string[] {
  const random = rng(seed);
  const onsets = ['b', 'c', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'w', 'z', 'br', 'ch', 'cl', 'dr', 'gr', 'sh', 'st', 'th', 'tr'];
  const vowels = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ie', 'ou', 'y'];
  const codas = ['', '', 'n', 'r', 'l', 's', 't', 'm', 'ck', 'ng', 'th'];
  const out = new Set<string>();
  while (out.size < count) {
    const n = syllables[0] + Math.floor(random() * (syllables[1] - syllables[0] + 1));
    let word = '';
    for (let i = 0; i < n; i++) word += onsets[Math.floor(random() * onsets.length)] + vowels[Math.floor(random() * vowels.length)] + codas[Math.floor(random() * codas.length)];
    out.add(word[0].toUpperCase() + word.slice(1));
  }
  return [...out];
}

interface Seeded { id: string; data: Record<string, unknown> }

export function personAt(n: number, first: string[], last: string[]): Record<string, unknown> {
  // A near-duplicate is person n-1 with its first name one letter short.
  const base = n % 100 === 1 ? n - 1 : n;
  const r = rng(base * 2_654_435_761);
  const firstName = first[Math.floor(r() * first.length)];
  const day = new Date(Date.UTC(1940, 0, 1) + Math.floor(r() * 65 * 365) * 86_400_000).toISOString().slice(0, 10);
  return {
    email: `person${n}@example.org`,
    firstName: base === n ? firstName : firstName.slice(0, -1),
    lastName: last[Math.floor(r() * last.length)],
    birthDate: day,
    phone: `+4420${String(10_000_000 + base).slice(-8)}`,
  };
}

async function seed(url: string, total: number, type: SuspectEntityType, first: string[], last: string[]): Promise<{ ids: string[]; ms: number; blocks: number }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const t0 = performance.now();
  const ids: string[] = [];
  let blocks = 0;
  try {
    await c.query('SET synchronous_commit = off');
    await c.query(`SET maintenance_work_mem = '512MB'`);
    await c.query('ALTER TABLE match_block DROP CONSTRAINT match_block_pkey');
    await c.query('DROP INDEX match_block_golden');
    for (let from = 0; from < total; from += CHUNK) {
      const rows: Seeded[] = [];
      for (let n = from; n < Math.min(total, from + CHUNK); n++) rows.push({ id: randomUUID(), data: personAt(n, first, last) });
      ids.push(...rows.map((r) => r.id));
      await c.query(
        `INSERT INTO golden_record (id, entity_type, version, data) SELECT id, 'contact', 1, data FROM unnest($1::uuid[], $2::jsonb[]) AS u(id, data)`,
        [rows.map((r) => r.id), rows.map((r) => JSON.stringify(r.data))],
      );
      await c.query(
        `INSERT INTO xref (system, entity_type, external_id, golden_id) SELECT 'A', 'contact', 'a-' || n, id FROM unnest($1::uuid[], $2::int[]) AS u(id, n)`,
        [rows.map((r) => r.id), rows.map((_r, i) => from + i)],
      );
      const keys = rows.flatMap((r) => blockingKeys(type, type.suspects, r.data).map((k) => ({ ...k, id: r.id })));
      blocks += keys.length;
      // The rules of suspects-config.yaml have no trigram field: every key is an equality key.
      await c.query(
        `INSERT INTO match_block (key, golden_id) SELECT hashtextextended(t, 0), g FROM unnest($1::text[], $2::uuid[]) AS u(t, g) ON CONFLICT DO NOTHING`,
        [keys.map((k) => keyText('contact', k)), keys.map((k) => k.id)],
      );
    }
    await c.query('ALTER TABLE match_block ADD CONSTRAINT match_block_pkey PRIMARY KEY (key, golden_id)');
    await c.query('CREATE INDEX match_block_golden ON match_block (golden_id)');
    for (const table of ['golden_record', 'xref', 'match_block']) await c.query(`VACUUM (ANALYZE) ${table}`);
  } finally {
    await c.end();
  }
  return { ids, ms: performance.now() - t0, blocks };
}

class Rollback extends Error {}

export async function benchSuspectLookup(server: BenchServer): Promise<string[]> {
  const total = Number(process.env.BENCH_SUSPECT_RECORDS ?? 1_000_000);
  const lookups = Number(process.env.BENCH_LOOKUPS ?? 2_000);
  const db = await createDatabase(server.adminUrl);
  try {
    const hub = await startHub(db.url, { HUB_CONFIG: SUSPECTS_CONFIG });
    try {
      const type = hub.app.get(HubConfigService, { strict: false }).current().entityTypes.contact as SuspectEntityType;
      const first = names(2_000, 1, [1, 2]);
      const last = names(20_000, 2, [2, 3]);
      const seeded = await seed(db.url, total, type, first, last);
      const detection = hub.app.get(SuspectDetectionService, { strict: false });
      const ds = hub.app.get(DataSource, { strict: false });
      const random = rng(7);
      const full: number[] = [];
      const lookup: number[] = [];
      const inside: number[] = [];
      // The same lookup again, each statement first run under EXPLAIN ANALYZE: PostgreSQL's own planning and
      // execution time, without the round trips and the waits for a CPU that a shared machine adds.
      let serverMs = 0;
      const explaining = {
        query: async (sql: string, params?: unknown[]) => {
          const [plan] = (await ds.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params))[0]['QUERY PLAN'] as { 'Planning Time': number; 'Execution Time': number }[];
          serverMs += plan['Planning Time'] + plan['Execution Time'];
          return ds.query(sql, params);
        },
      } as unknown as EntityManager;
      const roundTrip: number[] = [];
      let found = 0;
      let compared = 0;
      for (let i = 0; i < lookups + 100; i++) {
        const n = Math.floor(random() * total);
        const data = personAt(n, first, last);
        const edited = { ...data, firstName: `${String(data.firstName)}e` };
        // The first 100 warm the caches and the connections: not counted.
        const keep = i >= 100;
        let t0 = performance.now();
        await ds.query('SELECT 1');
        if (keep) roundTrip.push(performance.now() - t0);
        t0 = performance.now();
        const read = await new SuspectDetector(ds.manager, type).lookup([{ id: seeded.ids[n], data: edited }]);
        if (keep) {
          lookup.push(performance.now() - t0);
          compared += read.compared;
        }
        serverMs = 0;
        await new SuspectDetector(explaining, type).lookup([{ id: seeded.ids[n], data: edited }]);
        if (keep) inside.push(serverMs);
        await ds.transaction(async (m) => {
          await m.query(`UPDATE golden_record SET data = $2, version = 2 WHERE id = $1`, [seeded.ids[n], JSON.stringify(edited)]);
          t0 = performance.now();
          const result = await detection.findSuspectsFor(m, [seeded.ids[n]]);
          if (keep) {
            full.push(performance.now() - t0);
            found += result.suspects.length;
          }
          throw new Rollback();
        }).catch((e: unknown) => {
          if (!(e instanceof Rollback)) throw e;
        });
      }
      const stats = (times: number[]) => {
        const sorted = [...times].sort((a, b) => a - b);
        const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(2);
        return `p50 ${at(0.5)} ms, p90 ${at(0.9)} ms, p99 ${at(0.99)} ms, max ${sorted[sorted.length - 1].toFixed(2)} ms`;
      };
      return [
        `suspect-lookup [${server.label} ${server.version}] ${fmt(total)} golden contacts, ${fmt(seeded.blocks)} blocking keys (seeded in ${fmt(seeded.ms / 1000, 1)} s); `
          + `${fmt(lookups)} records drawn at random, each with its first name edited`,
        `  lookup (probe every key, read the stored pairs and the candidates, score; SuspectDetector.lookup): ${stats(lookup)} (target p99 ≤ 5 ms)`,
        `  the same lookup's statements inside PostgreSQL (planning + execution, EXPLAIN ANALYZE): ${stats(inside)}`,
        `  whole detection for the change (keys rewritten, lock, lookup, result stored; findSuspectsFor, rolled back): ${stats(full)}`,
        `  for scale, one SELECT 1 round trip on the same connection pool: ${stats(roundTrip)}`,
        `  ${(compared / lookups).toFixed(2)} candidates scored per lookup; ${found} suspects found (near-duplicates are 1 % of the records)`,
      ];
    } finally {
      await hub.close();
    }
  } finally {
    await db.drop();
  }
}

if (require.main === module) runAsScript(benchSuspectLookup);
