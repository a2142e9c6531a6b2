import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';

/**
 * The baseline: the same rows per change as the hub's batch pipeline, with the same transaction grouping and
 * set-based `unnest` statements, but with `pg` only and the least logic that produces those rows (field
 * renames, last-writer-wins merge; no validation, survivorship, echo guard or delivery planning).
 */

type Row = Record<string, unknown>;
const TO_CANONICAL: Record<string, Record<string, string>> = {
  A: { email: 'email', firstName: 'firstName', lastName: 'lastName', phone: 'phone', birthDate: 'birthDate' },
  B: { email_address: 'email', first_name: 'firstName', last_name: 'lastName', phone_number: 'phone', birth_date: 'birthDate', state: 'status' },
};
const OTHER: Record<string, string> = { A: 'B', B: 'A' };

function toCanonical(system: string, payload: Row): Row {
  const out: Row = {};
  for (const [from, to] of Object.entries(TO_CANONICAL[system])) {
    let v = payload[from];
    if (v === undefined) continue;
    if (to === 'birthDate' && system === 'B') v = String(v).split('/').reverse().join('-');
    if (to === 'status') v = v === 'A' ? 'active' : 'inactive';
    out[to] = v;
  }
  return out;
}

function toSystem(system: string, canonical: Row): Row {
  const out: Row = {};
  for (const [from, to] of Object.entries(TO_CANONICAL[system])) {
    let v = canonical[to];
    if (v === undefined) continue;
    if (to === 'birthDate' && system === 'B') v = String(v).split('-').reverse().join('/');
    if (to === 'status') v = v === 'active' ? 'A' : 'I';
    out[from] = v;
  }
  return out;
}

interface Golden { id: string; version: number; deleted: boolean; data: Row; lineage: Row; isNew?: boolean }

const j = (v: unknown) => JSON.stringify(v);

/** Processes every pending inbox event; returns the events handled. */
export async function drainRaw(url: string, batchSize: number): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let total = 0;
  try {
    for (;;) {
      await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
      const n = await rawBatch(client, batchSize);
      await client.query('COMMIT');
      if (n === 0) return total;
      total += n;
    }
  } finally {
    await client.end();
  }
}

async function rawBatch(c: pg.Client, batchSize: number): Promise<number> {
  const { rows: events } = await c.query(
    `SELECT id, system, event_id, entity_type, action, external_id, payload, source_timestamp
       FROM inbox_event WHERE status = 'pending' ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`, [batchSize]);
  if (events.length === 0) return 0;
  const key = (s: string, t: string, e: string) => `${s}\u0000${t}\u0000${e}`;
  const { rows: xrefRows } = await c.query(
    `SELECT x.system, x.entity_type, x.external_id, x.golden_id
       FROM unnest($1::text[], $2::text[], $3::text[]) AS k(system, entity_type, external_id) JOIN xref x USING (system, entity_type, external_id)`,
    [events.map((e) => e.system), events.map((e) => e.entity_type), events.map((e) => e.external_id)]);
  const xrefs = new Map<string, string>(xrefRows.map((x) => [key(x.system, x.entity_type, x.external_id), x.golden_id]));
  const newKeys = events.filter((e) => !xrefs.has(key(e.system, e.entity_type, e.external_id)) && e.action === 'upsert')
    .map((e) => `email:${String(toCanonical(e.system, e.payload).email).toLowerCase()}`).sort();
  if (newKeys.length) {
    await c.query(`SELECT pg_advisory_xact_lock(hashtextextended('contact:' || k, 7)) FROM unnest($1::text[]) WITH ORDINALITY AS t(k, n) ORDER BY n`, [newKeys]);
    await c.query(`SELECT mk.key, mk.golden_id FROM unnest($1::text[]) AS k(key) JOIN match_key mk ON mk.entity_type = 'contact' AND mk.key = k.key`, [newKeys]);
  }
  const ids = [...new Set(xrefs.values())];
  const { rows: goldenRows } = await c.query(
    `SELECT id, version, deleted, data, lineage FROM golden_record WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
  const golden = new Map<string, Golden>(goldenRows.map((g) => [g.id, g as Golden]));
  await c.query(`SELECT system, entity_type, external_id, data, synced FROM source_record WHERE golden_id = ANY($1::uuid[])`, [ids]);

  const versions: Row[] = [];
  const newXrefs: Row[] = [];
  const matchKeys: Row[] = [];
  const sources = new Map<string, Row>();
  const dirty = new Set<string>();
  const outbox = new Map<string, Row>();
  const outcomes: Row[] = [];
  const now = new Date().toISOString();
  for (const e of events) {
    const xk = key(e.system, e.entity_type, e.external_id);
    let g = golden.get(xrefs.get(xk) ?? '');
    if (!g && e.action === 'delete') {
      outcomes.push({ id: e.id, status: 'noop', golden_id: null, version: null });
      continue;
    }
    const mapped = e.action === 'delete' ? {} : toCanonical(e.system, e.payload);
    if (!g) {
      g = { id: randomUUID(), version: 0, deleted: false, data: {}, lineage: {}, isNew: true };
      golden.set(g.id, g);
      xrefs.set(xk, g.id);
      newXrefs.push({ system: e.system, entityType: e.entity_type, externalId: e.external_id, goldenId: g.id });
      matchKeys.push({ key: `email:${String(mapped.email).toLowerCase()}`, goldenId: g.id });
    }
    const before = g.data;
    const data = { ...before, ...mapped };
    const diff = Object.keys(mapped).filter((f) => before[f] !== mapped[f]).map((f) => ({ op: before[f] === undefined ? 'add' : 'replace', path: `/${f}`, value: mapped[f] }));
    for (const d of diff) g.lineage[d.path.slice(1)] = { system: e.system, at: now };
    Object.assign(g, { version: g.version + 1, data, deleted: e.action === 'delete' });
    dirty.add(g.id);
    versions.push({ goldenId: g.id, version: g.version, deleted: g.deleted, data, diff, cause: { kind: 'event', inboxId: e.id, eventId: e.event_id, system: e.system } });
    sources.set(xk, { system: e.system, entityType: e.entity_type, externalId: e.external_id, goldenId: g.id, data: mapped, hash: createHash('sha256').update(j(e.payload)).digest('hex'), at: e.source_timestamp, deleted: e.action === 'delete' });
    const target = OTHER[e.system];
    const payload = g.deleted ? {} : toSystem(target, data);
    outbox.set(`${target}\u0000${g.id}`, { system: target, goldenId: g.id, version: g.version, operation: g.deleted ? 'delete' : 'upsert', payload, canonical: data, hash: createHash('sha256').update(j(payload)).digest('hex') });
    outcomes.push({ id: e.id, status: 'applied', golden_id: g.id, version: g.version });
  }
  await writeRaw(c, [...dirty].map((id) => golden.get(id)!), versions, newXrefs, [...sources.values()], matchKeys, [...outbox.values()], outcomes);
  return events.length;
}

async function writeRaw(c: pg.Client, touched: Golden[], versions: Row[], xrefs: Row[], sources: Row[], matchKeys: Row[], outbox: Row[], outcomes: Row[]): Promise<void> {
  const col = <T>(rows: T[], f: (r: T) => unknown) => rows.map(f);
  const goldenArgs = (rows: Golden[]) => [col(rows, (g) => g.id), col(rows, () => 'contact'), col(rows, (g) => g.version), col(rows, (g) => g.deleted), col(rows, (g) => j(g.data)), col(rows, (g) => j(g.lineage))];
  const inserts = touched.filter((g) => g.isNew);
  const updates = touched.filter((g) => !g.isNew);
  if (inserts.length) {
    await c.query(`INSERT INTO golden_record (id, entity_type, version, deleted, data, lineage)
      SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::bool[], $5::jsonb[], $6::jsonb[])`, goldenArgs(inserts));
  }
  if (updates.length) {
    await c.query(`UPDATE golden_record g SET entity_type = u.entity_type, version = u.version, deleted = u.deleted, data = u.data, lineage = u.lineage, updated_at = now()
      FROM unnest($1::uuid[], $2::text[], $3::int[], $4::bool[], $5::jsonb[], $6::jsonb[]) AS u(id, entity_type, version, deleted, data, lineage) WHERE g.id = u.id`, goldenArgs(updates));
  }
  await c.query(`INSERT INTO golden_version (golden_id, version, deleted, data, diff, cause)
    SELECT * FROM unnest($1::uuid[], $2::int[], $3::bool[], $4::jsonb[], $5::jsonb[], $6::jsonb[])`,
  [col(versions, (v) => v.goldenId), col(versions, (v) => v.version), col(versions, (v) => v.deleted), col(versions, (v) => j(v.data)), col(versions, (v) => j(v.diff)), col(versions, (v) => j(v.cause))]);
  if (xrefs.length) {
    await c.query(`INSERT INTO xref (system, entity_type, external_id, golden_id) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[]) ON CONFLICT DO NOTHING`,
      [col(xrefs, (x) => x.system), col(xrefs, (x) => x.entityType), col(xrefs, (x) => x.externalId), col(xrefs, (x) => x.goldenId)]);
  }
  await c.query(`INSERT INTO source_record (system, entity_type, external_id, golden_id, data, synced, received_hash, source_updated_at, deleted)
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::jsonb[], $6::jsonb[], $7::text[], $8::timestamptz[], $9::bool[])
    ON CONFLICT (system, entity_type, external_id) DO UPDATE SET golden_id = EXCLUDED.golden_id, data = EXCLUDED.data, synced = EXCLUDED.synced,
      received_hash = EXCLUDED.received_hash, source_updated_at = EXCLUDED.source_updated_at, deleted = EXCLUDED.deleted, updated_at = now()`,
  [col(sources, (s) => s.system), col(sources, (s) => s.entityType), col(sources, (s) => s.externalId), col(sources, (s) => s.goldenId),
    col(sources, (s) => j(s.data)), col(sources, (s) => j(s.data)), col(sources, (s) => s.hash), col(sources, (s) => s.at), col(sources, (s) => s.deleted)]);
  if (matchKeys.length) {
    await c.query(`INSERT INTO match_key (entity_type, key, golden_id) SELECT 'contact', k, g FROM unnest($1::text[], $2::uuid[]) AS t(k, g) ON CONFLICT DO NOTHING`,
      [col(matchKeys, (k) => k.key), col(matchKeys, (k) => k.goldenId)]);
  }
  await c.query(`INSERT INTO outbox (system, entity_type, golden_id, golden_version, operation, payload, canonical, payload_hash, mapping_errors, next_attempt_at, window_at)
    SELECT s, 'contact', g, v, o, p, cn, h, NULL, now(), NULL FROM unnest($1::text[], $2::uuid[], $3::int[], $4::text[], $5::jsonb[], $6::jsonb[], $7::text[]) AS t(s, g, v, o, p, cn, h)
    ON CONFLICT (system, golden_id) WHERE status IN ('pending', 'paused') DO UPDATE
      SET golden_version = EXCLUDED.golden_version, operation = EXCLUDED.operation, payload = EXCLUDED.payload, canonical = EXCLUDED.canonical,
          payload_hash = EXCLUDED.payload_hash, updated_at = now()
    WHERE outbox.golden_version <= EXCLUDED.golden_version`,
  [col(outbox, (o) => o.system), col(outbox, (o) => o.goldenId), col(outbox, (o) => o.version), col(outbox, (o) => o.operation),
    col(outbox, (o) => j(o.payload)), col(outbox, (o) => j(o.canonical)), col(outbox, (o) => o.hash)]);
  await c.query(`UPDATE inbox_event e SET status = u.status, reason = 'RAW', golden_id = u.golden_id, golden_version = u.golden_version,
      processed_at = clock_timestamp(), attempts = e.attempts + 1
    FROM unnest($1::bigint[], $2::text[], $3::uuid[], $4::int[]) AS u(id, status, golden_id, golden_version) WHERE e.id = u.id`,
  [col(outcomes, (o) => o.id), col(outcomes, (o) => o.status), col(outcomes, (o) => o.golden_id), col(outcomes, (o) => o.version)]);
}
