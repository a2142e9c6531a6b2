import pg from 'pg';

/**
 * Seeds contacts with SQL (INSERT … SELECT generate_series), writing exactly the rows the hub's pipeline writes
 * for person n of bench/contacts.ts created in A and linked from B by email, both events in one batch
 * (bench/scale-check.ts compares the two): golden record at version 2 (A's create, then B adding `status`),
 * both versions with their diffs and causes, A's and B's cross-references and source records (received_hash =
 * sha256 of the canonical JSON of the mapped record), the email match key. Nothing is left to deliver (A and
 * B already hold the golden values), so no outbox or ledger row; no inbox rows either (processed events are
 * purged after HUB_RETENTION_DAYS, and the pending-only indexes make them irrelevant to processing).
 *
 * Golden ids are v4-shaped uuids made from md5('bench-seed:' || n): random like the hub's (same index locality),
 * and computable by the benchmark for lookups (seededGoldenId).
 */

const SEEDED_TABLES = ['golden_record', 'golden_version', 'xref', 'match_key', 'source_record'];
const SEED_PREFIX = 'bench-seed:';

export interface SeedTimings {
  insertMs: number;
  indexMs: number;
  vacuumMs: number;
}

/** Person n's seeded golden id: md5 of a fixed prefix and n, with the version and variant bits of a v4 uuid. */
export function seededGoldenId(n: number, md5: (s: string) => string): string {
  const h = md5(`${SEED_PREFIX}${n}`);
  const variant = '89ab'[parseInt(h[16], 16) % 4];
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20)}`;
}

// Person n as bench/contacts.ts person(n) builds it (variant 0), its golden id, and the times of its rows:
// src = the events' source time ($3), proc = the processing time ($4), ISO 8601 with milliseconds as the hub writes them.
const PERSONS = `
  SELECT n, (substr(h, 1, 12) || '4' || substr(h, 14, 3) || translate(substr(h, 17, 1), '0123456789abcdef', '89ab89ab89ab89ab')
             || substr(h, 18))::uuid AS id, 'person' || n || '@example.org' AS email,
         'First' || n || 'v0' AS first_name, 'Last' || n || 'v0' AS last_name,
         '+336' || left((10000000 + (n::bigint * 7) % 89999999)::text, 8) AS phone,
         $3::text AS src, $4::text AS proc
    FROM generate_series($1::int, $2::int) AS n, LATERAL (SELECT md5('${SEED_PREFIX}' || n) AS h) m`;

const LINEAGE = (field: string, value: string, system: string) =>
  `'${field}', jsonb_build_object('rule', 'merge', 'value', ${value}, 'system', '${system}', 'sourceAt', p.src, 'updatedAt', p.proc)`;
const A_DATA = `jsonb_build_object('email', p.email, 'phone', p.phone, 'lastName', p.last_name, 'birthDate', '1980-04-02', 'firstName', p.first_name)`;
const B_DATA = `(${A_DATA} || '{"status": "active"}')`;
// sha256 of canonicalJson(record): keys sorted, no spaces (the values here need no escaping).
const A_JSON = `format('{"birthDate":"1980-04-02","email":"%s","firstName":"%s","lastName":"%s","phone":"%s"', p.email, p.first_name, p.last_name, p.phone)`;
const HASH = (json: string) => `encode(sha256(convert_to(${json}, 'UTF8')), 'hex')`;
const DECISION = (field: string, value: string) =>
  `jsonb_build_object('rule', 'merge', 'field', '${field}', 'value', ${value}, 'system', 'A', 'outcome', 'set')`;
const FIELDS: [string, string][] = [['email', 'p.email'], ['firstName', 'p.first_name'], ['lastName', 'p.last_name'], ['phone', 'p.phone'], ['birthDate', `'1980-04-02'`]];
const ADD = (field: string, value: string) => `jsonb_build_object('op', 'add', 'path', '/${field}', 'value', ${value})`;

const INSERTS = [
  `INSERT INTO golden_record (id, entity_type, version, deleted, data, lineage, created_at, updated_at)
   SELECT p.id, 'contact', 2, false, ${B_DATA},
          jsonb_build_object(${FIELDS.map(([f, v]) => LINEAGE(f, v, 'A')).join(', ')}, ${LINEAGE('status', `'active'`, 'B')}), p.proc::timestamptz, p.proc::timestamptz
     FROM (${PERSONS}) p`,
  `INSERT INTO golden_version (golden_id, version, deleted, data, diff, cause, created_at)
   SELECT p.id, 1, false, ${A_DATA},
          jsonb_build_array(${[...FIELDS].sort((a, b) => a[0].localeCompare(b[0])).map(([f, v]) => ADD(f, v)).join(', ')}),
          jsonb_build_object('kind', 'event', 'action', 'contacts.created', 'system', 'A', 'eventId', 'base-A-' || p.n || '-0-created',
            -- the correlation id of the batch request that brought the base in (scale-check posts it as base-A)
            'correlationId', 'base-A', 'inboxId', (p.n + 1)::text, 'decisions', jsonb_build_array(${FIELDS.map(([f, v]) => DECISION(f, v)).join(', ')})),
          p.proc::timestamptz
     FROM (${PERSONS}) p
   UNION ALL
   SELECT p.id, 2, false, ${B_DATA}, jsonb_build_array(${ADD('status', `'active'`)}),
          jsonb_build_object('kind', 'event', 'action', 'customers.created', 'system', 'B', 'eventId', 'base-B-' || p.n || '-0-created',
            'correlationId', 'base-B', 'inboxId', ($2::int + p.n + 2)::text,
            -- only the decisions that did something: B's values equal A's except status, which it adds
            'decisions', jsonb_build_array(jsonb_build_object('rule', 'merge', 'field', 'status', 'value', 'active', 'system', 'B', 'outcome', 'set'))),
          p.proc::timestamptz
     FROM (${PERSONS}) p`,
  `INSERT INTO xref (system, entity_type, external_id, golden_id, created_at)
   SELECT s.system, 'contact', lower(s.system) || '-' || p.n, p.id, p.proc::timestamptz FROM (${PERSONS}) p CROSS JOIN (VALUES ('A'), ('B')) AS s(system)`,
  `INSERT INTO match_key (entity_type, key, golden_id) SELECT 'contact', 'email:' || p.email, p.id FROM (${PERSONS}) p`,
  `INSERT INTO source_record (system, entity_type, external_id, golden_id, data, synced, received_hash, source_updated_at, deleted, updated_at)
   SELECT 'A', 'contact', 'a-' || p.n, p.id, ${A_DATA}, ${A_DATA}, ${HASH(`${A_JSON} || '}'`)}, p.src::timestamptz, false, p.proc::timestamptz FROM (${PERSONS}) p
   UNION ALL
   SELECT 'B', 'contact', 'b-' || p.n, p.id, ${B_DATA}, ${B_DATA}, ${HASH(`${A_JSON} || ',"status":"active"}'`)}, p.src::timestamptz, false, p.proc::timestamptz
     FROM (${PERSONS}) p`,
];

interface Definition { table: string; name: string; def: string }

/** The seeded tables' indexes and constraints (and foreign keys pointing at them), to drop before a bulk load. */
async function definitions(c: pg.Client): Promise<{ fks: Definition[]; keys: Definition[]; indexes: Definition[] }> {
  const { rows: cons } = await c.query<Definition & { type: string }>(
    `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS def, contype AS type FROM pg_constraint
      WHERE contype IN ('p', 'u', 'f') AND (conrelid::regclass::text = ANY($1) OR confrelid::regclass::text = ANY($1))`, [SEEDED_TABLES]);
  const { rows: indexes } = await c.query<Definition>(
    `SELECT tablename AS table, indexname AS name, indexdef AS def FROM pg_indexes
      WHERE schemaname = 'public' AND tablename = ANY($1)
        AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u'))`, [SEEDED_TABLES]);
  return { fks: cons.filter((x) => x.type === 'f'), keys: cons.filter((x) => x.type !== 'f'), indexes };
}

/**
 * Seeds persons [from, from + count) into a migrated database whose seeded tables are still empty. Indexes
 * and constraints are dropped for the load and rebuilt after it (identical definitions), then VACUUM ANALYZE.
 */
export async function seedContacts(url: string, from: number, count: number, sourceAt: Date): Promise<SeedTimings> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`SET maintenance_work_mem = '512MB'`);
    await c.query('SET synchronous_commit = off');
    const { fks, keys, indexes } = await definitions(c);
    for (const x of [...fks, ...keys]) await c.query(`ALTER TABLE ${x.table} DROP CONSTRAINT ${x.name}`);
    for (const x of indexes) await c.query(`DROP INDEX ${x.name}`);
    const processedAt = new Date(sourceAt.getTime() + 500);
    const t0 = performance.now();
    for (const sql of INSERTS) await c.query(sql, [from, from + count - 1, sourceAt.toISOString(), processedAt.toISOString()]);
    const t1 = performance.now();
    for (const x of indexes) await c.query(x.def);
    for (const x of [...keys, ...fks]) await c.query(`ALTER TABLE ${x.table} ADD CONSTRAINT ${x.name} ${x.def}`);
    const t2 = performance.now();
    for (const table of SEEDED_TABLES) await c.query(`VACUUM (ANALYZE) ${table}`);
    return { insertMs: t1 - t0, indexMs: t2 - t1, vacuumMs: performance.now() - t2 };
  } finally {
    await c.end();
  }
}
