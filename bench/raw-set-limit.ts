import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { type BenchServer, createDatabase, fmt, runAsScript, startHub } from './bench-env';

/**
 * The set-based raw limit: the write set of one change, done in batches of set-based statements with nothing
 * computed between them (every value prepared before the clock starts): the inbox insert, its claim (locked,
 * then marked applied), the cross-reference (creates), the golden record locked and updated (updates) or
 * inserted (creates), the source record upserted, the version inserted, and two outbox rows (one per target).
 * One transaction per batch, like the pipeline. No mapping, matching, survivorship or hashing: a ceiling for
 * the hub's pipeline on this server, not a competitor.
 */

const BATCH = 500;

interface Change {
  eventId: string;
  externalId: string;
  goldenId: string;
  version: number;
  payload: string;
  data: string;
}

function changes(n: number, tag: string, goldenIds: string[], version: number): Change[] {
  return Array.from({ length: n }, (_, i) => {
    const data = JSON.stringify({ email: `person${i}@example.org`, firstName: `First${i}`, lastName: `Last${i}v${version}`, phone: '+33612345678' });
    return { eventId: `${tag}-${i}`, externalId: `a-${i}`, goldenId: goldenIds[i], version, payload: data, data };
  });
}

async function batch(c: pg.Client, rows: Change[], create: boolean): Promise<void> {
  const col = <T>(f: (r: Change) => T) => rows.map(f);
  await c.query('BEGIN');
  const { rows: ids } = await c.query<{ id: string }>(
    `INSERT INTO inbox_event (system, origin, event_id, event_type, entity_type, action, external_id, payload)
     SELECT 'A', 'webhook', e, 'contacts.updated', 'contact', 'upsert', x, p FROM unnest($1::text[], $2::text[], $3::jsonb[]) AS u(e, x, p)
     RETURNING id::text AS id`,
    [col((r) => r.eventId), col((r) => r.externalId), col((r) => r.payload)],
  );
  const inboxIds = ids.map((r) => r.id);
  await c.query(`SELECT id FROM inbox_event WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE`, [inboxIds]);
  if (create) {
    await c.query(`INSERT INTO golden_record (id, entity_type, version, deleted, data, lineage)
      SELECT g, 'contact', 1, false, d, '{}' FROM unnest($1::uuid[], $2::jsonb[]) AS u(g, d)`, [col((r) => r.goldenId), col((r) => r.data)]);
    await c.query(`INSERT INTO xref (system, entity_type, external_id, golden_id) SELECT 'A', 'contact', x, g FROM unnest($1::text[], $2::uuid[]) AS u(x, g)`,
      [col((r) => r.externalId), col((r) => r.goldenId)]);
  } else {
    await c.query(`SELECT id FROM golden_record WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [col((r) => r.goldenId)]);
    await c.query(`UPDATE golden_record g SET version = u.v, data = u.d, updated_at = now()
      FROM unnest($1::uuid[], $2::int[], $3::jsonb[]) AS u(id, v, d) WHERE g.id = u.id`, [col((r) => r.goldenId), col((r) => r.version), col((r) => r.data)]);
  }
  await c.query(`INSERT INTO source_record (system, entity_type, external_id, golden_id, data, synced, received_hash, deleted)
    SELECT 'A', 'contact', x, g, d, d, 'h', false FROM unnest($1::text[], $2::uuid[], $3::jsonb[]) AS u(x, g, d)
    ON CONFLICT (system, entity_type, external_id) DO UPDATE SET data = EXCLUDED.data, synced = EXCLUDED.synced, updated_at = now()`,
  [col((r) => r.externalId), col((r) => r.goldenId), col((r) => r.data)]);
  await c.query(`INSERT INTO golden_version (golden_id, version, deleted, data, diff, cause)
    SELECT g, v, false, d, '[]', '{}' FROM unnest($1::uuid[], $2::int[], $3::jsonb[]) AS u(g, v, d)`,
  [col((r) => r.goldenId), col((r) => r.version), col((r) => r.data)]);
  await c.query(`INSERT INTO outbox (system, entity_type, golden_id, golden_version, operation, payload, canonical, payload_hash)
    SELECT s, 'contact', g, v, 'upsert', d, d, 'h' FROM unnest($1::uuid[], $2::int[], $3::jsonb[]) AS u(g, v, d) CROSS JOIN (VALUES ('B'), ('C')) AS t(s)
    ON CONFLICT (system, golden_id) WHERE status IN ('pending', 'paused') DO UPDATE SET golden_version = EXCLUDED.golden_version, payload = EXCLUDED.payload`,
  [col((r) => r.goldenId), col((r) => r.version), col((r) => r.data)]);
  await c.query(`UPDATE inbox_event SET status = 'applied', processed_at = clock_timestamp(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])`, [inboxIds]);
  await c.query('COMMIT');
}

/** Changes per second of the raw write set, for creates and then updates of the same records. */
export async function rawSetLimit(url: string, n: number): Promise<{ createsPerS: number; updatesPerS: number }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const goldenIds = Array.from({ length: n }, () => randomUUID());
    const rate = async (list: Change[], create: boolean) => {
      const t0 = performance.now();
      for (let i = 0; i < list.length; i += BATCH) await batch(c, list.slice(i, i + BATCH), create);
      return list.length / ((performance.now() - t0) / 1000);
    };
    const createsPerS = await rate(changes(n, 'raw-c', goldenIds, 1), true);
    const updatesPerS = await rate(changes(n, 'raw-u', goldenIds, 2), false);
    return { createsPerS, updatesPerS };
  } finally {
    await c.end();
  }
}

/** A fresh database with the hub's schema (migrations run by one hub start), then the raw limit on it. */
export async function measureRawSetLimit(server: BenchServer, n: number): Promise<{ createsPerS: number; updatesPerS: number }> {
  const db = await createDatabase(server.adminUrl);
  try {
    const hub = await startHub(db.url);
    await hub.close();
    return await rawSetLimit(db.url, n);
  } finally {
    await db.drop();
  }
}

export async function benchRawSetLimit(server: BenchServer): Promise<string[]> {
  const n = Number(process.env.BENCH_E2E_RECORDS ?? 20_000);
  const r = await measureRawSetLimit(server, n);
  return [
    `raw set-based limit [${server.label} ${server.version}] ${fmt(n)} changes in batches of ${BATCH}, one transaction each:`
      + ` creates ${fmt(r.createsPerS)}/s, updates ${fmt(r.updatesPerS)}/s`,
  ];
}

if (require.main === module) runAsScript(benchRawSetLimit);
