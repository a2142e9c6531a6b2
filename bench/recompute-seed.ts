import path from 'node:path';
import pg from 'pg';
import { Webhook } from 'standardwebhooks';
import { InboxWorkerService } from '../src/golden-records/pipeline/inbox-worker.service';
import { JobRunnerService } from '../src/jobs/job-runner.service';
import { type BenchServer, createDatabase, startHub } from './bench-env';
import { compare, dump } from './scale-check';

/**
 * The recompute benchmark's data, seeded with SQL (INSERT … SELECT generate_series): exactly the rows the hub writes
 * for person n created in A (CRM, wins), then in B (ERP, first name `Bee<n>`, adds `status`) and, for even n, in C
 * (help desk, first name `Cee<n>`), all three events in one batch, with recompute-config.yaml: golden record at
 * version 2 (A's create, then B adding status; B's and C's first names lose a true conflict to A, each recorded as
 * an automatically resolved conflict), both versions with diffs and causes, the cross-references, the three source
 * records (B's and C's first names stay claims: their merge base is A's value) and the email match key. Nothing is
 * left to deliver. checkRecomputeSeeding compares the seeded rows with the hub's own, before and after a recompute.
 */

export const RECOMPUTE_CONFIG = path.resolve(__dirname, '../../bench/recompute-config.yaml');
const SEEDED_TABLES = ['golden_record', 'golden_version', 'xref', 'match_key', 'source_record', 'conflict'];
const SEED_PREFIX = 'bench-recompute:';
const SECRETS = { A: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', B: 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD', C: 'whsec_ad18AAg5aWdZUwNc+mIv+bGhQXQvUYos' };

/** Person n as each system holds it. */
export function personRecords(n: number): { A: Record<string, unknown>; B: Record<string, unknown>; C?: Record<string, unknown> } {
  const email = `person${n}@example.org`;
  const phone = `+336${String(10_000_000 + ((n * 7) % 89_999_999)).slice(0, 8)}`;
  return {
    A: { id: `a-${n}`, email, firstName: `First${n}`, lastName: `Last${n}`, phone, birthDate: '1980-04-02' },
    B: { customer_id: `b-${n}`, email_address: email, first_name: `Bee${n}`, last_name: `Last${n}`, phone_number: phone, birth_date: '02/04/1980', state: 'A' },
    ...(n % 2 === 0 ? { C: { id: `c-${n}`, email, name: `Cee${n}` } } : {}),
  };
}

// $1, $2: first and last person; $3: the events' source time; $4: the processing time (ISO 8601, milliseconds).
const PERSONS = `
  SELECT n, (substr(h, 1, 12) || '4' || substr(h, 14, 3) || translate(substr(h, 17, 1), '0123456789abcdef', '89ab89ab89ab89ab')
             || substr(h, 18))::uuid AS id, 'person' || n || '@example.org' AS email,
         'First' || n AS first_name, 'Bee' || n AS b_name, 'Cee' || n AS c_name, 'Last' || n AS last_name,
         '+336' || left((10000000 + (n::bigint * 7) % 89999999)::text, 8) AS phone, $3::text AS src, $4::text AS proc
    FROM generate_series($1::int, $2::int) AS n, LATERAL (SELECT md5('${SEED_PREFIX}' || n) AS h) m`;

const A_DATA = `jsonb_build_object('email', p.email, 'firstName', p.first_name, 'lastName', p.last_name, 'phone', p.phone, 'birthDate', '1980-04-02')`;
const GOLDEN = `(${A_DATA} || '{"status": "active"}')`;
const B_DATA = `(${GOLDEN} || jsonb_build_object('firstName', p.b_name))`;
const C_DATA = `jsonb_build_object('email', p.email, 'firstName', p.c_name)`;
const LINEAGE = (field: string, value: string, system: string) =>
  `'${field}', jsonb_build_object('rule', 'merge', 'value', ${value}, 'system', '${system}', 'sourceAt', p.src, 'updatedAt', p.proc)`;
const FIELDS: [string, string][] = [['email', 'p.email'], ['firstName', 'p.first_name'], ['lastName', 'p.last_name'], ['phone', 'p.phone'], ['birthDate', `'1980-04-02'`]];
const HASH = (json: string) => `encode(sha256(convert_to(${json}, 'UTF8')), 'hex')`;
// canonicalJson: keys sorted, no spaces (the values here need no escaping)
const A_JSON = `format('{"birthDate":"1980-04-02","email":"%s","firstName":"%s","lastName":"%s","phone":"%s"}', p.email, p.first_name, p.last_name, p.phone)`;
const B_JSON = `format('{"birthDate":"1980-04-02","email":"%s","firstName":"%s","lastName":"%s","phone":"%s","status":"active"}', p.email, p.b_name, p.last_name, p.phone)`;
const C_JSON = `format('{"email":"%s","firstName":"%s"}', p.email, p.c_name)`;
// Inbox ids as the hub numbers them: A's events first, then B's, then C's (even persons only).
const INBOX = { A: `(p.n - $1 + 1)`, B: `(($2 - $1 + 1) + p.n - $1 + 1)`, C: `(2 * ($2 - $1 + 1) + (p.n - $1) / 2 + 1)` };
const CONFLICT = (system: 'B' | 'C', value: string) => `
  SELECT md5('${SEED_PREFIX}conflict:${system}:' || p.n)::uuid, p.id, 'contact', 'firstName', 'auto_resolved', 'merge:precedence',
         jsonb_build_array(jsonb_build_object('system', 'A', 'value', p.first_name, 'at', p.src), jsonb_build_object('system', '${system}', 'value', ${value}, 'at', p.src)),
         'A', to_jsonb(p.first_name), 2, ${INBOX[system]}, p.proc::timestamptz
    FROM (${PERSONS}) p`;

const INSERTS = [
  `INSERT INTO golden_record (id, entity_type, version, deleted, data, lineage, created_at, updated_at)
   SELECT p.id, 'contact', 2, false, ${GOLDEN},
          jsonb_build_object(${FIELDS.map(([f, v]) => LINEAGE(f, v, 'A')).join(', ')}, ${LINEAGE('status', `'active'`, 'B')}), p.proc::timestamptz, p.proc::timestamptz
     FROM (${PERSONS}) p`,
  `INSERT INTO golden_version (golden_id, version, deleted, data, diff, cause, created_at)
   SELECT p.id, 1, false, ${A_DATA},
          jsonb_build_array(${[...FIELDS].sort((a, b) => a[0].localeCompare(b[0])).map(([f, v]) => `jsonb_build_object('op', 'add', 'path', '/${f}', 'value', ${v})`).join(', ')}),
          jsonb_build_object('kind', 'event', 'action', 'contacts.created', 'system', 'A', 'eventId', 'base-A-' || p.n, 'inboxId', ${INBOX.A}::text,
            'decisions', jsonb_build_array(${FIELDS.map(([f, v]) => `jsonb_build_object('rule', 'merge', 'field', '${f}', 'value', ${v}, 'system', 'A', 'outcome', 'set')`).join(', ')})),
          p.proc::timestamptz
     FROM (${PERSONS}) p
   UNION ALL
   SELECT p.id, 2, false, ${GOLDEN}, jsonb_build_array(jsonb_build_object('op', 'add', 'path', '/status', 'value', 'active')),
          jsonb_build_object('kind', 'event', 'action', 'customers.created', 'system', 'B', 'eventId', 'base-B-' || p.n, 'inboxId', ${INBOX.B}::text,
            'decisions', jsonb_build_array(
              jsonb_build_object('rule', 'merge:precedence', 'field', 'firstName', 'value', p.first_name, 'system', 'A', 'outcome', 'conflict_lost', 'previous', p.first_name),
              jsonb_build_object('rule', 'merge', 'field', 'status', 'value', 'active', 'system', 'B', 'outcome', 'set'))),
          p.proc::timestamptz
     FROM (${PERSONS}) p`,
  `INSERT INTO xref (system, entity_type, external_id, golden_id, created_at)
   SELECT s.system, 'contact', lower(s.system) || '-' || p.n, p.id, p.proc::timestamptz
     FROM (${PERSONS}) p CROSS JOIN (VALUES ('A'), ('B'), ('C')) AS s(system) WHERE s.system <> 'C' OR p.n % 2 = 0`,
  `INSERT INTO match_key (entity_type, key, golden_id) SELECT 'contact', 'email:' || p.email, p.id FROM (${PERSONS}) p`,
  `INSERT INTO source_record (system, entity_type, external_id, golden_id, data, synced, received_hash, source_updated_at, deleted, updated_at)
   SELECT 'A', 'contact', 'a-' || p.n, p.id, ${A_DATA}, ${A_DATA}, ${HASH(A_JSON)}, p.src::timestamptz, false, p.proc::timestamptz FROM (${PERSONS}) p
   UNION ALL
   SELECT 'B', 'contact', 'b-' || p.n, p.id, ${B_DATA}, ${GOLDEN}, ${HASH(B_JSON)}, p.src::timestamptz, false, p.proc::timestamptz FROM (${PERSONS}) p
   UNION ALL
   SELECT 'C', 'contact', 'c-' || p.n, p.id, ${C_DATA}, jsonb_build_object('email', p.email, 'firstName', p.first_name), ${HASH(C_JSON)}, p.src::timestamptz, false,
          p.proc::timestamptz
     FROM (${PERSONS}) p WHERE p.n % 2 = 0`,
  `INSERT INTO conflict (id, golden_id, entity_type, field, status, rule, candidates, winner, winning_value, golden_version, event_id, created_at)
   ${CONFLICT('B', 'p.b_name')}
   UNION ALL
   ${CONFLICT('C', 'p.c_name')} WHERE p.n % 2 = 0`,
];

interface Definition { table: string; name: string; def: string }

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

/** Seeds persons [0, count) into a migrated, empty database; indexes are dropped for the load and rebuilt, then VACUUM ANALYZE. */
export async function seedRecomputeContacts(url: string, count: number, sourceAt: Date): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`SET maintenance_work_mem = '512MB'`);
    await c.query('SET synchronous_commit = off');
    const { fks, keys, indexes } = await definitions(c);
    for (const x of [...fks, ...keys]) await c.query(`ALTER TABLE ${x.table} DROP CONSTRAINT ${x.name}`);
    for (const x of indexes) await c.query(`DROP INDEX ${x.name}`);
    const t0 = performance.now();
    const processedAt = new Date(sourceAt.getTime() + 500);
    for (const sql of INSERTS) await c.query(sql, [0, count - 1, sourceAt.toISOString(), processedAt.toISOString()]);
    for (const x of indexes) await c.query(x.def);
    for (const x of [...keys, ...fks]) await c.query(`ALTER TABLE ${x.table} ADD CONSTRAINT ${x.name} ${x.def}`);
    // The hub numbers inbox events from 1: the seeded ids stand for events it has purged since.
    await c.query(`SELECT setval(pg_get_serial_sequence('inbox_event', 'id'), $1)`, [Math.floor(count * 2.5) + 1]);
    for (const table of SEEDED_TABLES) await c.query(`VACUUM (ANALYZE) ${table}`);
    return performance.now() - t0;
  } finally {
    await c.end();
  }
}

async function postBatch(baseUrl: string, system: 'A' | 'B' | 'C', events: Record<string, unknown>[], id: string): Promise<void> {
  const body = JSON.stringify({ events });
  const at = new Date();
  const res = await fetch(`${baseUrl}/webhooks/${system}/batch`, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(SECRETS[system]).sign(id, at, body),
    },
  });
  if (res.status !== 202) throw new Error(`batch refused: ${res.status} ${(await res.text()).slice(0, 500)}`);
}

const HUB_ENV = { HUB_CONFIG: RECOMPUTE_CONFIG };

/** The rule change the benchmark makes, through the rules API, and the job's drain (workers off). */
async function recompute(url: string): Promise<void> {
  const hub = await startHub(url, HUB_ENV);
  try {
    const res = await fetch(`${hub.baseUrl}/api/entity-types/contact/rules`, {
      method: 'PUT', body: JSON.stringify({ precedence: ['B', 'A', 'C'] }),
      headers: { 'content-type': 'application/json', authorization: 'Bearer bench-admin-key-0123456789abcdef' },
    });
    if (res.status !== 200) throw new Error(`rules change refused: ${res.status} ${await res.text()}`);
    await hub.app.get(JobRunnerService, { strict: false }).drain();
  } finally {
    await hub.close();
  }
}

/** Throws when the seeded rows differ from the hub's, before or after the benchmark's recompute; a summary line otherwise. */
export async function checkRecomputeSeeding(server: BenchServer, persons = 100): Promise<string> {
  const made = await createDatabase(server.adminUrl);
  const seeded = await createDatabase(server.adminUrl);
  try {
    const sourceAt = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    const hub = await startHub(made.url, HUB_ENV);
    const people = Array.from({ length: persons }, (_, n) => personRecords(n));
    for (const system of ['A', 'B', 'C'] as const) {
      const events = people.flatMap((p, n) => (p[system] ? [{ id: `base-${system}-${n}`, type: `${system === 'A' ? 'contacts' : system === 'B' ? 'customers' : 'requesters'}.created`, timestamp: sourceAt.toISOString(), data: p[system] }] : []));
      await postBatch(hub.baseUrl, system, events, `base-${system}`);
    }
    await hub.app.get(InboxWorkerService, { strict: false }).drain();
    await hub.close();

    await (await startHub(seeded.url, HUB_ENV)).close();
    await seedRecomputeContacts(seeded.url, persons, sourceAt);

    const problems = compare('after seeding:', await dump(made.url), await dump(seeded.url));
    await recompute(made.url);
    await recompute(seeded.url);
    const after = [await dump(made.url), await dump(seeded.url)];
    problems.push(...compare('after the recompute:', after[0], after[1]));
    if (problems.length) throw new Error(`SQL seeding differs from the hub's rows:\n  ${problems.join('\n  ')}`);
    const rows = Object.entries(after[1]).map(([t, r]) => `${t} ${r.length}`).join(', ');
    return `seeding check: ${persons} persons made by the hub = seeded with SQL, before and after the recompute (${rows}) ✔`;
  } finally {
    await made.drop();
    await seeded.drop();
  }
}
