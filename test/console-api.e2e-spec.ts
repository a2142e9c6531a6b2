import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildClientSchema, getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printSdl } from '../src/graphql-schema/graphql-sdl';
import { ADA, INV, seedGoldenRead } from './golden-read.seed';
import { issueKey } from './support/api-keys';
import { gqlAs } from './support/graphql';
import { startTestHub, type TestHub } from './support/test-hub';

/** The API the steward console reads through: inbox filters and counts, bulk resolution, search, the caller's role. */
describe('console API (GraphQL and REST)', () => {
  let hub: TestHub;
  let viewer: Record<string, string>;
  let ssnConflict: string;
  const admin = (query: string, variables?: Record<string, unknown>) => gqlAs(hub, hub.auth, query, variables);

  beforeAll(async () => {
    hub = await startTestHub({ HUB_WORKERS: 'off' });
    ssnConflict = (await seedGoldenRead(hub.sql)).adaConflicts.ssn;
    viewer = await issueKey(hub, 'viewer', 'golden-read-viewer');
    // Two fresh conflicts for the age buckets: 10 minutes and 2 hours old (the seeded ones are older than a week).
    await hub.sql.query(
      `INSERT INTO conflict (id, golden_id, entity_type, field, status, rule, candidates, created_at)
       VALUES (gen_random_uuid(), $1, 'inventory', 'location', 'open', 'manual', $2, now() - interval '10 minutes'),
              (gen_random_uuid(), $1, 'inventory', 'quantity', 'open', 'manual', $3, now() - interval '2 hours')`,
      [INV, JSON.stringify([{ system: 'B', value: 'X-1', at: null }, { system: 'C', value: 'X-2', at: null }]),
        JSON.stringify([{ system: 'C', value: 1, at: null }, { system: 'C', value: 2, at: null }])],
    );
  });
  afterAll(async () => {
    await hub?.close();
  });

  const ids = async (where: string, params: unknown[] = []) =>
    (await hub.sql.query(`SELECT id FROM conflict WHERE ${where} ORDER BY created_at DESC, id DESC`, params)).rows.map((r) => r.id as string);

  it('filters the inbox by field, candidate system and age, alone and combined, in both transports', async () => {
    const list = async (args: string) => (await admin(`{ conflicts(${args} first: 100) { nodes { id } } }`)).data.conflicts.nodes.map((n: { id: string }) => n.id);
    expect(await list('field: "status",')).toEqual(await ids(`field = 'status'`));
    expect(await list('system: "C",')).toEqual(await ids(`candidates @> '[{"system":"C"}]'`));
    expect(await list('system: "C", status: open,')).toHaveLength(3);
    expect(await list('age: hour,')).toEqual(await ids(`created_at > now() - interval '1 hour'`));
    expect(await list('age: day,')).toEqual(await ids(`field = 'quantity' AND created_at > now() - interval '1 day'`));
    expect(await list('age: older, entityType: "inventory",')).toEqual(await ids(`entity_type = 'inventory' AND created_at < now() - interval '7 days'`));
    const rest = await hub.http.get('/api/conflicts').query({ system: 'C', age: 'hour' }).set(hub.auth);
    expect(rest.status).toBe(200);
    expect(rest.body.items.map((c: { field: string }) => c.field)).toEqual(['location']);

    const code = async (q: string) => (await admin(q)).errors?.[0]?.extensions?.code;
    // age is a GraphQL enum: the schema itself refuses a value outside it (REST answers INVALID_REQUEST)
    expect(await code(`{ conflicts(age: century) { nodes { id } } }`)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await hub.http.get('/api/conflicts?age=century').set(hub.auth)).body.error.code).toBe('INVALID_REQUEST');
  });

  it('counts each filter value under the other filters, the same over REST', async () => {
    const q = `{ conflictFacets(status: open, system: "C") { total status { value count } entityType { value count } field { value count }
      system { value count } age { value count } } }`;
    const facets = (await admin(q)).data.conflictFacets;
    expect(facets.total).toBe(3);
    // status counted without the status filter: every conflict that has C among its candidates
    expect(facets.status).toEqual([{ value: 'open', count: 3 }]);
    expect(facets.field).toEqual([{ value: 'location', count: 1 }, { value: 'quantity', count: 2 }].sort((a, b) => b.count - a.count));
    // system counted without the system filter: open conflicts per candidate system (C twice in one counts once)
    const open = (await hub.sql.query(`SELECT count(*)::int AS n FROM conflict WHERE status = 'open' AND candidates @> '[{"system":"A"}]'`)).rows[0].n;
    expect(facets.system).toContainEqual({ value: 'A', count: open });
    expect(facets.system).toContainEqual({ value: 'C', count: 3 });
    expect(facets.age).toEqual([{ value: 'hour', count: 1 }, { value: 'day', count: 1 }, { value: 'week', count: 0 }, { value: 'older', count: 1 }]);
    const rest = await hub.http.get('/api/conflicts/facets').query({ status: 'open', system: 'C' }).set(viewer);
    expect(rest.status).toBe(200);
    expect(rest.body).toEqual(facets);
  });

  it('bulk-resolves each conflict on its own and answers an outcome with a code per item', async () => {
    const resolved = (await ids(`status = 'resolved'`))[0];
    const missing = '00000000-0000-4000-8000-00000000dead';
    const [inventoryOpen] = await ids(`entity_type = 'inventory' AND field = 'quantity' AND created_at < now() - interval '7 days'`);
    const res = await admin(
      `mutation($items: [ConflictResolutionInput!]!) { resolveConflicts(items: $items) { id ok code message conflict { status winner winningValue } } }`,
      { items: [
        { id: ssnConflict, system: 'A' }, { id: missing, system: 'A' }, { id: resolved, system: 'A' },
        { id: inventoryOpen, system: 'B' }, { id: inventoryOpen, value: 7 },
      ] },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.resolveConflicts.map((o: { ok: boolean; code: string | null }) => [o.ok, o.code])).toEqual([
      [true, null], [false, 'CONFLICT_NOT_FOUND'], [false, 'CONFLICT_ALREADY_RESOLVED'], [false, 'INVALID_RESOLUTION'], [true, null],
    ]);
    expect(res.data.resolveConflicts[0].conflict).toEqual({ status: 'resolved', winner: 'A', winningValue: '123-45-6789' });
    // each success is its own committed version: ADA went 3 → 4, the inventory record 1 → 2
    const versions = (await hub.sql.query(`SELECT id, version FROM golden_record WHERE id = ANY($1::uuid[]) ORDER BY id`, [[ADA, INV]])).rows;
    expect(versions).toEqual([{ id: ADA, version: 4 }, { id: INV, version: 2 }]);

    const rest = await hub.http.post('/api/conflicts/resolve').set(hub.auth).send({ items: [{ id: ssnConflict, system: 'B' }] });
    expect(rest.status).toBe(200);
    expect(rest.body.results).toEqual([expect.objectContaining({ id: ssnConflict, ok: false, code: 'CONFLICT_ALREADY_RESOLVED' })]);
    expect((await hub.http.post('/api/conflicts/resolve').set(hub.auth).send({ items: [] })).body.error.code).toBe('INVALID_REQUEST');
    expect((await admin(`mutation { resolveConflicts(items: []) { id } }`)).errors?.[0]?.extensions?.code).toBe('INVALID_BULK_SIZE');
  });

  it('refuses a bulk resolution by a viewer in both transports, and writes nothing', async () => {
    const [open] = await ids(`status = 'open'`);
    const before = (await hub.sql.query(`SELECT count(*)::int AS n FROM golden_version`)).rows[0].n;
    const gqlRes = await gqlAs(hub, viewer, `mutation($id: ID!) { resolveConflicts(items: [{ id: $id, system: "A" }]) { ok } }`, { id: open });
    expect(gqlRes.errors?.[0]?.extensions?.code).toBe('ROLE_FORBIDDEN');
    const rest = await hub.http.post('/api/conflicts/resolve').set(viewer).send({ items: [{ id: open, system: 'A' }] });
    expect(rest.status).toBe(403);
    expect((await hub.sql.query(`SELECT count(*)::int AS n FROM golden_version`)).rows[0].n).toBe(before);
  });

  it('searches golden records by word prefix and source id, case-insensitively, hiding sensitive values from non-admins', async () => {
    const search = async (headers: Record<string, string>, text: string) =>
      (await gqlAs(hub, headers, `query($s: String) { goldenRecords(entityType: "contact", search: $s, first: 50) { nodes { id } } }`, { s: text }))
        .data.goldenRecords.nodes.map((n: { id: string }) => n.id);
    expect(await search(hub.auth, 'ADA@EXA')).toEqual([ADA]);
    expect(await search(hub.auth, 'a-1')).toEqual([ADA]);
    expect(await search(hub.auth, 'bulk-0')).toHaveLength(9); // bulk-00 … bulk-09 less the tombstoned bulk-05
    // the ssn is searchable by an admin, never by a viewer (the search would reveal the masked value)
    const ssn = ((await hub.sql.query(`SELECT data->>'ssn' AS ssn FROM golden_record WHERE id = $1`, [ADA])).rows[0].ssn as string).slice(0, 6);
    expect(await search(hub.auth, ssn)).toEqual([ADA]);
    expect(await search(viewer, ssn)).toEqual([]);
    expect(await search(viewer, 'ada lon')).toEqual([ADA]); // every word, in any field (address.city London)
    expect(await search(viewer, 'ada par')).toEqual([]);
    const rest = await hub.http.get('/api/golden-records/contact').query({ search: 'ada' }).set(viewer);
    expect(rest.body.items.map((r: { id: string }) => r.id)).toEqual([ADA]);
    expect((await admin(`{ goldenRecords(entityType: "contact", search: "  ") { nodes { id } } }`)).errors?.[0]?.extensions?.code).toBe('INVALID_SEARCH');
  });

  it('lists the deliveries that keep failing (still to be sent, last attempt failed) for the systems page, in both transports', async () => {
    // workers are off: these rows stay as written
    const { rows } = await hub.sql.query(
      `INSERT INTO outbox (system, entity_type, golden_id, golden_version, operation, payload, canonical, payload_hash, status, attempts, last_error)
       VALUES ('F', 'contact', gen_random_uuid(), 1, 'upsert', '{}', '{}', 'h', 'pending', 0, NULL),
              ('F', 'contact', gen_random_uuid(), 1, 'upsert', '{}', '{}', 'h', 'pending', 2, 'HTTP 503'),
              ('F', 'contact', gen_random_uuid(), 1, 'upsert', '{}', '{}', 'h', 'paused', 1, 'circuit breaker'),
              ('F', 'contact', gen_random_uuid(), 1, 'upsert', '{}', '{}', 'h', 'dead', 1, 'HTTP 400'),
              ('F', 'contact', gen_random_uuid(), 1, 'upsert', '{}', '{}', 'h', 'delivered', 2, 'HTTP 503')
       RETURNING id::text AS id`,
    );
    const all = rows.map((r) => r.id as string).reverse();
    const failing = [all[2], all[3]];
    const rest = async (q: string) => ((await hub.http.get(`/api/deliveries?system=F&${q}`).set(viewer).expect(200)).body.items as { id: string }[]).map((d) => d.id);
    expect(await rest('failing=true')).toEqual(failing);
    expect(await rest('failing=false')).toEqual(all.filter((id) => !failing.includes(id)));
    expect(await rest('failing=true&status=paused')).toEqual([all[2]]);
    const gql = await gqlAs(hub, viewer, '{ deliveries(system: "F", failing: true) { nodes { id status } } }');
    expect(gql.data.deliveries.nodes).toEqual([{ id: all[2], status: 'paused' }, { id: all[3], status: 'pending' }]);
    const bad = await hub.http.get('/api/deliveries?failing=maybe').set(viewer);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error)).toContain('failing');
  });

  it('tells the caller its name and role', async () => {
    expect((await admin('{ me { name role keyPrefix } }')).data.me).toMatchObject({ name: 'bootstrap-admin', role: 'admin' });
    expect((await gqlAs(hub, viewer, '{ me { name role } }')).data.me).toEqual({ name: 'golden-read-viewer', role: 'viewer' });
    const rest = await hub.http.get('/api/me').set(viewer);
    expect(rest.body).toMatchObject({ name: 'golden-read-viewer', role: 'viewer' });
  });

  it('lists entity types and systems for viewers', async () => {
    const res = await gqlAs(hub, viewer, '{ entityTypes { name fields { name type sensitive } } systems { key name } }');
    const contact = res.data.entityTypes.find((t: { name: string }) => t.name === 'contact');
    expect(contact.fields).toContainEqual({ name: 'ssn', type: 'string', sensitive: true });
    expect(res.data.systems).toEqual([]);
  });

  it('schema.graphql is what the server serves, and what `npm run schema` writes', async () => {
    const committed = readFileSync(path.resolve('schema.graphql'), 'utf8');
    const introspection = await hub.http.post('/graphql').set(hub.auth).send({ query: getIntrospectionQuery({ descriptions: true }) });
    const served = printSdl(buildClientSchema(introspection.body.data));
    expect(served, 'schema.graphql is stale: run `npm run schema` and commit it').toBe(committed);
    // the script, as `npm run schema` runs it (on the build: e2e tests run after `npm run build`)
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'hub-schema-')), 'schema.graphql');
    execFileSync(process.execPath, ['dist/src/graphql-schema/write-graphql-schema.js', out]);
    expect(readFileSync(out, 'utf8')).toBe(committed);
  });

  it('serves the console with a strict CSP, and index.html for its client routes', async () => {
    for (const p of ['/console', '/console/', '/console/conflicts', '/console/golden-records/abc']) {
      const res = await hub.http.get(p);
      if (res.status === 503) {
        expect(res.body.error.code).toBe('CONSOLE_NOT_BUILT');
        return;
      }
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['content-security-policy']).toContain("default-src 'none'; script-src 'self'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.text).toContain('<div id="root">');
    }
    const asset = /src="\/console\/(assets\/[^"]+\.js)"/.exec((await hub.http.get('/console')).text)![1];
    const js = await hub.http.get(`/console/${asset}`);
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    expect(js.headers['cache-control']).toContain('immutable');
    expect((await hub.http.get('/console/assets/nope.js')).body.error.code).toBe('CONSOLE_ASSET_NOT_FOUND');
  });
});
