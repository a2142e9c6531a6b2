import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { DataSource, type EntityManager } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoldenChange } from '../src/golden-records/pipeline/pipeline.types';
import { SuspectDetectionService } from '../src/matching/suspect-detection.service';
import { count, startTestHub, type TestHub } from './support/test-hub';
import { envelope, SECRETS, signedWebhook, waitForInboxDrained } from './support/webhooks';

const CONFIG = path.resolve(__dirname, 'fixtures/match-suspects/hub.config.yaml');
const MISSING = '00000000-0000-4000-8000-000000000000';
type Auth = { Authorization: string };

const SUSPECT_FIELDS = `id entityType status resolution score survivorId resolvedBy rule { index name }
  fieldScores { field method weight score } records { id deleted data sources { system externalId } }`;

describe('match suspects: detection in the pipeline and the review queue (REST and GraphQL)', () => {
  let hub: TestHub;
  let steward: Auth;
  let viewer: Auth;

  beforeAll(async () => {
    hub = await startTestHub({ HUB_CONFIG: CONFIG });
    const issue = async (name: string, role: string) =>
      ({ Authorization: `Bearer ${(await hub.http.post('/api/api-keys').set(hub.auth).send({ name, role }).expect(201)).body.key}` });
    steward = await issue('steward-s', 'steward');
    viewer = await issue('viewer-s', 'viewer');
  });
  afterAll(async () => {
    await hub?.close();
  });

  /** Signed webhooks, posted together (so two workers may take them at once), then the inbox drained. */
  async function send(...events: [system: 'A' | 'B', type: string, data: Record<string, unknown>][]) {
    const statuses = await Promise.all(events.map(async ([system, type, data]) => {
      const { raw, headers } = signedWebhook(SECRETS[system], envelope(type, data));
      return (await hub.http.post(`/webhooks/${system}`).set(headers).send(raw)).status;
    }));
    expect(statuses.every((s) => s === 202)).toBe(true);
    await waitForInboxDrained(hub.sql);
  }
  const fromA = (id: string, first: string, last: string, email: string, extra: Record<string, unknown> = {}) =>
    ['A', 'contacts.updated', { id, firstName: first, lastName: last, email, ...extra }] as ['A', string, Record<string, unknown>];
  const fromB = (id: string, first: string, last: string, email: string, extra: Record<string, unknown> = {}) =>
    ['B', 'customers.updated', { customer_id: id, first_name: first, last_name: last, email_address: email, ...extra }] as ['B', string, Record<string, unknown>];
  async function goldenOf(system: string, externalId: string): Promise<string> {
    const { rows } = await hub.sql.query(`SELECT golden_id FROM xref WHERE system = $1 AND external_id = $2`, [system, externalId]);
    return rows[0].golden_id as string;
  }
  async function suspectsOf(goldenId: string): Promise<{ id: string; status: string; resolution: string | null; golden_a: string; golden_b: string }[]> {
    const { rows } = await hub.sql.query(`SELECT id, status, resolution, golden_a, golden_b FROM match_suspect WHERE $1 IN (golden_a, golden_b) ORDER BY created_at`, [goldenId]);
    return rows;
  }
  async function gql(auth: Auth, query: string, variables: Record<string, unknown> = {}) {
    return (await hub.http.post('/graphql').set(auth).send({ query, variables })).body as { data?: any; errors?: any[] };
  }
  const list = async (query: string, auth: Auth = viewer) => {
    const res = await hub.http.get(`/api/match-suspects?${query}`).set(auth);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { items: any[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  };

  let jonJohn: string;

  it("finds the issue's pair: one open suspect above the threshold, with per-field scores", async () => {
    await send(
      ['A', 'contacts.created', { id: 'a-1', firstName: 'Jon', lastName: 'Smith', email: 'jon.smith@example.com', phone: '+44 20 7946 0000', birthDate: '1980-02-01' }],
      ['B', 'customers.created', { customer_id: 'b-1', first_name: 'John', last_name: 'Smith', email_address: 'jsmith@example.org', phone_number: '+44 20 7946 0000', birth_date: '01/02/1980' }],
    );
    const [jon, john] = [await goldenOf('A', 'a-1'), await goldenOf('B', 'b-1')];
    expect(jon).not.toBe(john);
    const stored = await suspectsOf(jon);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ status: 'open', golden_a: [jon, john].sort()[0], golden_b: [jon, john].sort()[1] });
    jonJohn = stored[0].id;

    const s = (await hub.http.get(`/api/match-suspects/${jonJohn}`).set(viewer).expect(200)).body;
    expect(s).toMatchObject({ entityType: 'contact', status: 'open', resolution: null, rule: { index: 0, name: 'person' } });
    expect(s.score).toBeGreaterThanOrEqual(0.85);
    expect(s.fieldScores).toEqual([
      { field: 'lastName', method: 'jaroWinkler', weight: 3, score: 1 },
      { field: 'firstName', method: 'jaroWinkler', weight: 2, score: 0.9333 },
      { field: 'birthDate', method: 'exact', weight: 2, score: 1 },
      { field: 'phone', method: 'exact', weight: 3, score: 1 },
    ]);
    expect(s.records.map((r: { id: string }) => r.id)).toEqual([jon, john].sort());
    const sides = Object.fromEntries(s.records.map((r: any) => [r.sources[0].system, r]));
    expect(sides.A.data).toMatchObject({ firstName: 'Jon', email: 'jon.smith@example.com', phone: '+442079460000' });
    expect(sides.B.data).toMatchObject({ firstName: 'John', email: 'jsmith@example.org', birthDate: '1980-02-01' });
    expect(sides.B.sources).toEqual([expect.objectContaining({ system: 'B', externalId: 'b-1' })]);
  });

  it('auto-merges a pair sharing an exact key and never makes it a suspect', async () => {
    await send(
      ['A', 'contacts.created', { id: 'a-2', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', birthDate: '1815-12-10' }],
    );
    await send(['B', 'customers.created', { customer_id: 'b-2', first_name: 'Augusta Ada', last_name: 'Lovelace', email_address: 'ADA@example.com', birth_date: '10/12/1815' }]);
    const ada = await goldenOf('A', 'a-2');
    expect(await goldenOf('B', 'b-2')).toBe(ada);
    expect(await suspectsOf(ada)).toEqual([]);
    expect(await count(hub.sql, 'match_suspect')).toBe(1);
  });

  it('does not score two sparse records as identical, nor unrelated people', async () => {
    await send(
      fromA('a-3', 'Grace', 'Hopper', 'grace@example.com'),
      fromB('b-3', 'Grace', 'Hopper', 'ghopper@example.org'),
      fromA('a-4', 'Alan', 'Turing', 'alan@example.com', { birthDate: '1980-02-01', phone: '+44 20 7946 0001' }),
    );
    // Names alone cover 5 of the rule's 10 weight units: not enough evidence.
    expect(await suspectsOf(await goldenOf('A', 'a-3'))).toEqual([]);
    expect(await suspectsOf(await goldenOf('A', 'a-4'))).toEqual([]);
  });

  it('lets a viewer read the queue with filters and paging, on both transports alike', async () => {
    await send(
      fromA('a-5', 'Mary', 'Jones', 'mary@example.com', { birthDate: '1975-05-05', phone: '+44 20 7946 0005' }),
      fromB('b-5', 'Marie', 'Jones', 'mjones@example.org', { birth_date: '05/05/1975', phone_number: '+44 20 7946 0005' }),
      fromA('a-6', 'Peter', 'Brown', 'peter@example.com', { birthDate: '1990-09-09', phone: '+44 20 7946 0006' }),
      fromB('b-6', 'Pete', 'Browne', 'pbrowne@example.org', { birth_date: '09/09/1990', phone_number: '+44 20 7946 0006' }),
    );
    const all = await list('status=open&entityType=contact');
    expect(all.items).toHaveLength(3);
    const scores = all.items.map((i) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    const first = await list('status=open&first=2');
    expect(first.items).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await list(`status=open&first=2&after=${first.pageInfo.endCursor}`);
    expect(second.items).toHaveLength(1);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect([...first.items, ...second.items].map((i) => i.id)).toEqual(all.items.map((i) => i.id));

    const high = await list(`minScore=${scores[1]}`);
    expect(high.items.map((i) => i.id)).toEqual(all.items.slice(0, 2).map((i) => i.id));
    expect((await list('status=dismissed')).items).toEqual([]);

    const g = await gql(viewer, `query { matchSuspects(status: open, entityType: "contact", first: 2) { pageInfo { hasNextPage endCursor } nodes { ${SUSPECT_FIELDS} } } }`);
    expect(g.errors).toBeUndefined();
    expect(g.data.matchSuspects.nodes.map((n: { id: string }) => n.id)).toEqual(first.items.map((i) => i.id));
    expect(g.data.matchSuspects.nodes[0].fieldScores).toEqual(first.items[0].fieldScores);
    const one = await gql(viewer, `query($id: ID!) { matchSuspect(id: $id) { ${SUSPECT_FIELDS} } }`, { id: jonJohn });
    expect(one.data.matchSuspect).toMatchObject({ id: jonJohn, status: 'open', rule: { name: 'person' } });

    for (const [q, code] of [['status=maybe', 'INVALID_REQUEST'], ['minScore=2', 'INVALID_REQUEST'], ['after=nope', 'INVALID_CURSOR'], ['entityType=planet', 'ENTITY_TYPE_UNKNOWN']]) {
      const res = await hub.http.get(`/api/match-suspects?${q}`).set(viewer);
      expect([res.status, res.body.error.code], q).toEqual([code === 'ENTITY_TYPE_UNKNOWN' ? 404 : 400, code]);
    }
    // status is a GraphQL enum: the schema itself refuses a value outside it
    const bad = await gql(viewer, `query { matchSuspects(status: maybe) { nodes { id } } }`);
    expect(bad.errors![0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');

    const doc = (await hub.http.get('/api/openapi.json')).body;
    expect(doc.paths['/api/match-suspects'].get).toBeDefined();
    expect(doc.paths['/api/match-suspects/{id}'].get).toBeDefined();
    for (const action of ['merge', 'dismiss']) {
      expect(doc.paths[`/api/match-suspects/{id}/${action}`].post, action).toBeDefined();
      expect(doc.paths[`/api/match-suspects/${action}`].post, action).toBeDefined();
    }
    expect(doc.components.schemas.MatchSuspectModel.properties).toHaveProperty('fieldScores');
  });

  it('refuses actions to a viewer (403 with the code, and the same code over GraphQL)', async () => {
    for (const url of [`/api/match-suspects/${jonJohn}/merge`, `/api/match-suspects/${jonJohn}/dismiss`, '/api/match-suspects/merge', '/api/match-suspects/dismiss']) {
      const res = await hub.http.post(url).set(viewer).send({ ids: [jonJohn] });
      expect([res.status, res.body.error.code], url).toEqual([403, 'ROLE_FORBIDDEN']);
    }
    const g = await gql(viewer, `mutation($id: ID!) { dismissSuspect(id: $id) { id } }`, { id: jonJohn });
    expect(g.errors![0].extensions.code).toBe('ROLE_FORBIDDEN');
    expect((await suspectsOf(await goldenOf('A', 'a-1')))[0].status).toBe('open');
  });

  it('dismisses "not a match" and never suggests the pair again, however both records are edited', async () => {
    const [mary, marie] = [await goldenOf('A', 'a-5'), await goldenOf('B', 'b-5')];
    const [suspect] = await suspectsOf(mary);
    const res = await hub.http.post(`/api/match-suspects/${suspect.id}/dismiss`).set(steward).expect(200);
    expect(res.body).toMatchObject({ status: 'dismissed', resolution: 'not_a_match', resolvedBy: 'key:steward-s' });
    const again = await hub.http.post(`/api/match-suspects/${suspect.id}/dismiss`).set(steward);
    expect([again.status, again.body.error.code]).toEqual([409, 'MATCH_SUSPECT_NOT_OPEN']);

    for (let i = 0; i < 3; i++) {
      await send(
        fromA('a-5', i % 2 ? 'Mary' : 'Marie', 'Jones', 'mary@example.com', { birthDate: '1975-05-05', phone: `+44 20 7946 000${5 + i}` }),
        fromB('b-5', 'Marie', i % 2 ? 'Jones' : 'Jonnes', 'mjones@example.org', { birth_date: '05/05/1975', phone_number: `+44 20 7946 000${5 + i}` }),
      );
    }
    expect(await goldenOf('A', 'a-5')).toBe(mary);
    expect(await goldenOf('B', 'b-5')).toBe(marie);
    expect(await suspectsOf(mary)).toEqual([expect.objectContaining({ id: suspect.id, status: 'dismissed', resolution: 'not_a_match' })]);
    // A third source record joins Mary by her e-mail: the decision holds for the record it joined.
    await send(fromB('b-55', 'Mary', 'Jones', 'mary@example.com', { birth_date: '05/05/1975', phone_number: '+44 20 7946 0007' }));
    expect(await goldenOf('B', 'b-55')).toBe(mary);
    expect(await suspectsOf(mary)).toHaveLength(1);
    expect(await suspectsOf(marie)).toHaveLength(1);
    const audit = await hub.sql.query(`SELECT actor, after FROM audit_log WHERE action = 'match-suspect.dismiss' AND target = $1`, [`match-suspect:${suspect.id}`]);
    expect(audit.rows).toEqual([expect.objectContaining({ actor: 'key:steward-s' })]);
    expect(audit.rows[0].after).toMatchObject({ left: expect.any(Array), right: expect.any(Array) });
  });

  it('merges through the queue: one golden record remains, the older one, and the suspect is merged', async () => {
    const [jon, john] = [await goldenOf('A', 'a-1'), await goldenOf('B', 'b-1')];
    const { rows } = await hub.sql.query(`SELECT id FROM golden_record WHERE id = ANY($1::uuid[]) ORDER BY created_at, id LIMIT 1`, [[jon, john]]);
    const older = rows[0].id as string;
    const invalid = await hub.http.post(`/api/match-suspects/${jonJohn}/merge`).set(steward).send({ survivorId: MISSING });
    expect([invalid.status, invalid.body.error.code]).toEqual([400, 'MATCH_SUSPECT_SURVIVOR_INVALID']);

    const g = await gql(steward, `mutation($id: ID!) { mergeSuspect(id: $id) { ${SUSPECT_FIELDS} } }`, { id: jonJohn });
    expect(g.errors).toBeUndefined();
    expect(g.data.mergeSuspect).toMatchObject({ status: 'merged', resolution: 'merged', survivorId: older, resolvedBy: 'key:steward-s' });
    expect(await goldenOf('A', 'a-1')).toBe(older);
    expect(await goldenOf('B', 'b-1')).toBe(older);
    expect(await count(hub.sql, 'golden_record', 'id = ANY($1::uuid[]) AND NOT deleted', [[jon, john]])).toBe(1);
    expect(await count(hub.sql, 'audit_log', `action = 'match-suspect.merge' AND target = $1`, [`match-suspect:${jonJohn}`])).toBe(1);
    expect(await count(hub.sql, 'audit_log', `action = 'golden.merge'`)).toBe(1);

    const rest = await hub.http.post(`/api/match-suspects/${jonJohn}/merge`).set(steward).send({});
    expect([rest.status, rest.body.error.code]).toEqual([409, 'MATCH_SUSPECT_NOT_OPEN']);
    const twice = await gql(steward, `mutation($id: ID!) { mergeSuspect(id: $id) { id } }`, { id: jonJohn });
    expect(twice.errors![0].extensions.code).toBe('MATCH_SUSPECT_NOT_OPEN');
    const missing = await hub.http.post(`/api/match-suspects/${MISSING}/merge`).set(steward).send({});
    expect([missing.status, missing.body.error.code]).toEqual([404, 'MATCH_SUSPECT_NOT_FOUND']);
    const missingG = await gql(steward, `mutation($id: ID!) { dismissSuspect(id: $id) { id } }`, { id: MISSING });
    expect(missingG.errors![0].extensions.code).toBe('MATCH_SUSPECT_NOT_FOUND');
    expect((await hub.http.get(`/api/match-suspects/${MISSING}`).set(viewer)).body.error.code).toBe('MATCH_SUSPECT_NOT_FOUND');

    // Later changes from either system land on the survivor and raise no suspect with the tombstone.
    await send(fromB('b-1', 'Johnny', 'Smith', 'jsmith@example.org', { birth_date: '01/02/1980', phone_number: '+44 20 7946 0000' }));
    expect((await suspectsOf(older)).map((s) => s.status)).toEqual(['merged']);
  });

  it('finds a pair by a trigram rule (pg_trgm candidates) when the person rule lacks evidence', async () => {
    await send(
      fromA('a-10', 'Robert', 'Fischer', 'robert.fischer@example.com'),
      fromB('b-10', 'Bob', 'Fisher', 'robertfischer@example.com'),
    );
    const [s] = await suspectsOf(await goldenOf('A', 'a-10'));
    const view = (await hub.http.get(`/api/match-suspects/${s.id}`).set(viewer).expect(200)).body;
    expect(view.rule).toEqual({ index: 1, name: 'e-mail and name' });
    expect(view.fieldScores).toEqual([
      { field: 'email', method: 'trigram', weight: 2, score: expect.any(Number) },
      { field: 'lastName', method: 'phonetic', weight: 1, score: 1 },
    ]);
    expect(view.score).toBeGreaterThanOrEqual(0.85);
  });

  it('finds a pair whose records two concurrent transactions create (neither commits before the other probes)', async () => {
    const ds = hub.app.get(DataSource);
    const detection = hub.app.get(SuspectDetectionService, { strict: false });
    const create = async (m: EntityManager, data: Record<string, unknown>) => {
      const id = randomUUID();
      await m.query(`INSERT INTO golden_record (id, entity_type, version, data) VALUES ($1, 'contact', 1, $2)`, [id, JSON.stringify(data)]);
      const golden = { id, entityType: 'contact', version: 1, deleted: false, data, lineage: {}, updatedAt: new Date().toISOString(), isNew: true };
      const change: GoldenChange = { golden, previous: null, originSystem: 'A', version: { goldenId: id, version: 1, deleted: false, data, diff: [], cause: { kind: 'event' } } };
      await detection.onGoldenChanges(m, [change]);
      return id;
    };
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let first = '';
    let second = '';
    const t1 = ds.transaction(async (m) => {
      first = await create(m, { firstName: 'Nina', lastName: 'Cole', phone: '+442079460011', birthDate: '1966-06-06' });
      await gate;
    });
    await new Promise((r) => setTimeout(r, 300));
    const t2 = ds.transaction(async (m) => {
      second = await create(m, { firstName: 'Nena', lastName: 'Cole', phone: '+442079460011', birthDate: '1966-06-06' });
    });
    await new Promise((r) => setTimeout(r, 300));
    release();
    await Promise.all([t1, t2]);
    const pairs = await suspectsOf(first);
    expect(pairs).toEqual([expect.objectContaining({ status: 'open', golden_a: [first, second].sort()[0], golden_b: [first, second].sort()[1] })]);
  });

  it('acts on several ids at once, answering per id', async () => {
    const [peter] = await suspectsOf(await goldenOf('A', 'a-6'));
    const res = await hub.http.post('/api/match-suspects/dismiss').set(steward).send({ ids: [peter.id, jonJohn, MISSING] }).expect(200);
    expect(res.body).toEqual([
      expect.objectContaining({ id: peter.id, ok: true, error: null, suspect: expect.objectContaining({ status: 'dismissed' }) }),
      { id: jonJohn, ok: false, suspect: null, error: expect.objectContaining({ code: 'MATCH_SUSPECT_NOT_OPEN' }) },
      { id: MISSING, ok: false, suspect: null, error: expect.objectContaining({ code: 'MATCH_SUSPECT_NOT_FOUND' }) },
    ]);
    const tooMany = await hub.http.post('/api/match-suspects/merge').set(steward).send({ ids: [] });
    expect([tooMany.status, tooMany.body.error.code]).toEqual([400, 'INVALID_REQUEST']);

    await send(
      fromA('a-7', 'Kate', 'Bell', 'kate@example.com', { birthDate: '1970-07-07', phone: '+44 20 7946 0007' }),
      fromB('b-7', 'Katie', 'Bell', 'kbell@example.org', { birth_date: '07/07/1970', phone_number: '+44 20 7946 0007' }),
    );
    const [kate] = await suspectsOf(await goldenOf('A', 'a-7'));
    const g = await gql(steward, `mutation($ids: [ID!]!) { mergeSuspects(ids: $ids) { id ok error { code } suspect { status } } }`, { ids: [kate.id, peter.id] });
    expect(g.data.mergeSuspects).toEqual([
      { id: kate.id, ok: true, error: null, suspect: { status: 'merged' } },
      { id: peter.id, ok: false, error: { code: 'MATCH_SUSPECT_NOT_OPEN' }, suspect: null },
    ]);
  });

  it('closes the open suspects of a deleted record, and rescored pairs that no longer match', async () => {
    await send(
      fromA('a-8', 'Tom', 'Hardy', 'tom@example.com', { birthDate: '1977-09-15', phone: '+44 20 7946 0008' }),
      fromB('b-8', 'Thomas', 'Hardy', 'thardy@example.org', { birth_date: '15/09/1977', phone_number: '+44 20 7946 0008' }),
      fromA('a-9', 'Emma', 'Stone', 'emma@example.com', { birthDate: '1988-11-06', phone: '+44 20 7946 0009' }),
      fromB('b-9', 'Emma', 'Stone', 'estone@example.org', { birth_date: '06/11/1988', phone_number: '+44 20 7946 0009' }),
    );
    const tom = await goldenOf('B', 'b-8');
    expect((await suspectsOf(tom)).map((s) => s.status)).toEqual(['open']);
    await send(['B', 'customers.deleted', { customer_id: 'b-8' }]);
    expect(await suspectsOf(tom)).toEqual([expect.objectContaining({ status: 'dismissed', resolution: 'record_deleted' })]);
    expect(await count(hub.sql, 'match_block', 'golden_id = $1', [tom])).toBe(0);

    const emma = await goldenOf('B', 'b-9');
    await send(fromB('b-9', 'Olivia', 'Newton', 'estone@example.org', { birth_date: '01/01/1950', phone_number: '+44 20 7946 0099' }));
    expect(await suspectsOf(emma)).toEqual([expect.objectContaining({ status: 'dismissed', resolution: 'no_longer_similar' })]);
    await send(fromB('b-9', 'Emma', 'Stone', 'estone@example.org', { birth_date: '06/11/1988', phone_number: '+44 20 7946 0009' }));
    expect(await suspectsOf(emma)).toEqual([expect.objectContaining({ status: 'open', resolution: null })]);
  });
});
