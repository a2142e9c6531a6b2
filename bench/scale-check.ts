import pg from 'pg';
import { canonicalJson } from '../src/golden-records/domain/canonical-json';
import { InboxWorkerService } from '../src/golden-records/pipeline/inbox-worker.service';
import { type BenchServer, createDatabase, startHub } from './bench-env';
import { type BatchEvent, postBatch } from './contacts';
import { baseEvents, mixEvents, postInterleaved } from './mix';
import { seedContacts } from './scale-seed';

/**
 * The seeding's sanity check: the same persons made by the hub (A's and B's creates through the batch endpoint,
 * drained) and seeded with SQL must leave the same rows, and a small mix of changes applied on top of each must
 * have the same outcomes and leave the same rows again. Rows are compared with golden ids replaced by the
 * person number (from the `a-<n>` / `b-<n>` cross-references), times and inbox ids blanked.
 */

const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

function normalise(value: unknown, person: Map<string, string>): unknown {
  if (typeof value === 'string') return TIME.test(value) ? '<time>' : (person.get(value) ?? value);
  if (value instanceof Date) return '<time>';
  if (Array.isArray(value)) return value.map((v) => normalise(v, person));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'inboxId' || k === 'event_id' || k === 'id' ? '<id>' : normalise(v, person)]));
  }
  return value;
}

const DUMPS: Record<string, string> = {
  golden_record: 'SELECT id AS golden, entity_type, version, deleted, data, lineage, created_at, updated_at FROM golden_record',
  golden_version: 'SELECT golden_id AS golden, version, deleted, data, diff, cause, created_at FROM golden_version',
  xref: 'SELECT system, entity_type, external_id, golden_id AS golden, created_at FROM xref',
  match_key: 'SELECT entity_type, key, golden_id AS golden FROM match_key',
  source_record: 'SELECT system, entity_type, external_id, golden_id AS golden, data, synced, received_hash, source_updated_at, deleted, updated_at FROM source_record',
  outbox: 'SELECT system, entity_type, golden_id AS golden, golden_version, operation, payload, canonical, payload_hash, mapping_errors, status, attempts FROM outbox',
  delivery_ledger: 'SELECT * FROM delivery_ledger',
  conflict: 'SELECT golden_id AS golden, entity_type, field, status, rule, candidates, winner, winning_value, golden_version FROM conflict',
  inbox_outcomes: `SELECT system, event_id, status, reason, golden_id AS golden, golden_version FROM inbox_event WHERE event_id NOT LIKE 'base-%'`,
};

/** Every compared table as sorted lines of canonical JSON. */
export async function dump(url: string): Promise<Record<string, string[]>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows: xrefs } = await c.query<{ external_id: string; golden_id: string }>('SELECT external_id, golden_id FROM xref');
    const person = new Map(xrefs.map((x) => [x.golden_id, `<person ${x.external_id.slice(2)}>`]));
    const out: Record<string, string[]> = {};
    for (const [table, sql] of Object.entries(DUMPS)) {
      const { rows } = await c.query(sql);
      out[table] = rows.map((r) => {
        // event ids carry the person number; keep them, they identify the event across both databases
        const { event_id: eventId, ...rest } = r as Record<string, unknown>;
        return canonicalJson({ ...(normalise(rest, person) as object), ...(eventId ? { eventId } : {}) })!;
      }).sort();
    }
    return out;
  } finally {
    await c.end();
  }
}

export function compare(stage: string, hub: Record<string, string[]>, seeded: Record<string, string[]>): string[] {
  const problems: string[] = [];
  for (const table of Object.keys(DUMPS)) {
    const a = hub[table];
    const b = seeded[table];
    const i = a.findIndex((line, k) => line !== b[k]);
    if (a.length !== b.length || i >= 0) {
      const k = i >= 0 ? i : Math.min(a.length, b.length);
      problems.push(`${stage} ${table}: hub ${a.length} rows, seeded ${b.length}; first difference:\n    hub:    ${a[k]}\n    seeded: ${b[k]}`);
    }
  }
  return problems;
}

async function applyMix(url: string, base: number): Promise<void> {
  const hub = await startHub(url);
  try {
    await postInterleaved(hub.baseUrl, mixEvents({ base, total: base * 2 }).events, 1_000, 'mix');
    await hub.app.get(InboxWorkerService, { strict: false }).drain();
  } finally {
    await hub.close();
  }
}

/** Throws when the seeded rows differ from the hub's; returns a one-line summary otherwise. */
export async function checkSeeding(server: BenchServer, persons = 100): Promise<string> {
  const made = await createDatabase(server.adminUrl);
  const seeded = await createDatabase(server.adminUrl);
  try {
    const hub = await startHub(made.url);
    const base = baseEvents({ base: persons, total: 0 });
    // A's creates, then B's: one inbox batch holds both, as in the seeded state (nothing left to deliver).
    for (const system of ['A', 'B'] as const) await postBatch(hub.baseUrl, system, base[system] as BatchEvent[], `base-${system}`);
    await hub.app.get(InboxWorkerService, { strict: false }).drain();
    await hub.close();

    await (await startHub(seeded.url)).close();
    const sourceAt = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    await seedContacts(seeded.url, 0, persons, sourceAt);

    const problems = compare('after seeding:', await dump(made.url), await dump(seeded.url));
    await applyMix(made.url, persons);
    await applyMix(seeded.url, persons);
    const after = [await dump(made.url), await dump(seeded.url)];
    problems.push(...compare(`after a mix of ${persons * 2} changes:`, after[0], after[1]));
    if (problems.length) throw new Error(`SQL seeding differs from the hub's rows:\n  ${problems.join('\n  ')}`);
    const rows = Object.entries(after[1]).map(([t, r]) => `${t} ${r.length}`).join(', ');
    return `seeding check: ${persons} persons made by the hub = seeded with SQL, before and after a mix of ${persons * 2} changes (${rows}) ✔`;
  } finally {
    await made.drop();
    await seeded.drop();
  }
}
