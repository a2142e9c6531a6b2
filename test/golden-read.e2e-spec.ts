import { compare } from 'fast-json-patch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADA, ADA_V, BULK, BULK_DELETED, INV, seedGoldenRead, SSN2, T, writeEmployeeConfig } from './golden-read.seed';
import { gqlAs } from './support/graphql';
import { startTestHub, type TestHub } from './support/test-hub';

const RECORD = `id entityType version deleted data createdAt updatedAt
  lineage { field value system rule updatedAt sourceAt }
  sources { system externalId linkedAt data deleted sourceUpdatedAt }
  versions { nodes { version at deleted data cause changes } }
  conflicts { id goldenRecordId entityType field status values winner winningValue rule goldenVersion createdAt resolvedAt }`;

describe('golden record reads over GraphQL', () => {
  let hub: TestHub;
  let admin: (query: string, variables?: Record<string, unknown>) => ReturnType<typeof gqlAs>;
  let adaConflicts: { firstName: string; ssn: string };

  beforeAll(async () => {
    hub = await startTestHub({ HUB_WORKERS: 'off', HUB_CONFIG: writeEmployeeConfig() });
    ({ adaConflicts } = await seedGoldenRead(hub.sql));
    admin = (query, variables) => gqlAs(hub, hub.auth, query, variables);
  });
  afterAll(async () => {
    await hub?.close();
  });

  const codeOf = (body: Awaited<ReturnType<typeof gqlAs>>) => body.errors?.[0]?.extensions?.code;

  it('reads a golden record by id with data, lineage, sources, versions and conflicts', async () => {
    const { data, errors } = await admin(`query($id: ID!) { goldenRecord(id: $id) { ${RECORD} } }`, { id: ADA });
    expect(errors).toBeUndefined();
    const g = data.goldenRecord;
    expect(g).toMatchObject({ id: ADA, entityType: 'contact', version: 3, deleted: false, data: ADA_V[2], createdAt: T.v1, updatedAt: T.v3 });
    expect(g.lineage.map((l: { field: string }) => l.field)).toEqual(['address', 'email', 'firstName', 'phone', 'ssn', 'status']);
    expect(g.lineage.find((l: { field: string }) => l.field === 'firstName'))
      .toEqual({ field: 'firstName', value: 'Adah', system: 'B', rule: 'merge:precedence', updatedAt: T.v2, sourceAt: T.v2 });
    expect(g.lineage.find((l: { field: string }) => l.field === 'ssn')).toMatchObject({ value: SSN2, system: 'B' });
    expect(g.sources).toEqual([
      { system: 'A', externalId: 'a-1', linkedAt: T.v1, data: ADA_V[0], deleted: false, sourceUpdatedAt: T.v1 },
      { system: 'B', externalId: 'b-1', linkedAt: T.v2, data: null, deleted: false, sourceUpdatedAt: null },
    ]);
    expect(g.versions.nodes.map((v: { version: number; at: string }) => [v.version, v.at])).toEqual([[1, T.v1], [2, T.v2], [3, T.v3]]);
    expect(g.versions.nodes[1].data).toEqual(ADA_V[1]);
    expect(g.versions.nodes[1].changes).toEqual(compare(ADA_V[0], ADA_V[1]));
    expect(g.versions.nodes[1].cause).toMatchObject({ kind: 'event', eventId: 'evt-2', system: 'B' });
    expect(g.versions.nodes[2].cause).toEqual({ kind: 'steward', actor: 'key:steward-1', action: 'override' });
    // newest first
    expect(g.conflicts.map((c: { id: string }) => c.id)).toEqual([adaConflicts.ssn, adaConflicts.firstName]);
    expect(g.conflicts[1]).toMatchObject({
      goldenRecordId: ADA, entityType: 'contact', field: 'firstName', status: 'auto_resolved', winner: 'B', winningValue: 'Adah',
      rule: 'merge:precedence', goldenVersion: 2, createdAt: T.v2, resolvedAt: null,
      values: [{ system: 'A', value: 'Ada', at: T.v1 }, { system: 'B', value: 'Adah', at: T.v2 }],
    });
  });

  it('filters a record’s conflicts by status and refuses an unknown status', async () => {
    const open = await admin(`{ goldenRecord(id: "${ADA}") { conflicts(status: open) { id } } }`);
    expect(open.data.goldenRecord.conflicts).toEqual([{ id: adaConflicts.ssn }]);
    const resolved = await admin(`{ goldenRecord(id: "${ADA}") { conflicts(status: resolved) { id } } }`);
    expect(resolved.data.goldenRecord.conflicts).toEqual([]);
    expect(codeOf(await admin(`{ goldenRecord(id: "${ADA}") { conflicts(status: closed) { id } } }`))).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('answers null for a missing id and INVALID_ID for a malformed one', async () => {
    const missing = await admin(`{ goldenRecord(id: "00000000-0000-4000-8000-00000000dead") { id } }`);
    expect(missing).toEqual({ data: { goldenRecord: null } });
    expect(codeOf(await admin(`{ goldenRecord(id: "nope") { id } }`))).toBe('INVALID_ID');
  });

  it('finds a record by source reference', async () => {
    const q = `query($s: String!, $t: String!, $x: String!) { goldenRecordBySource(system: $s, entityType: $t, externalId: $x) { id version } }`;
    expect((await admin(q, { s: 'B', t: 'contact', x: 'b-1' })).data.goldenRecordBySource).toEqual({ id: ADA, version: 3 });
    expect((await admin(q, { s: 'B', t: 'contact', x: 'b-404' })).data.goldenRecordBySource).toBeNull();
    expect((await admin(q, { s: 'A', t: 'inventory', x: 'a-1' })).data.goldenRecordBySource).toBeNull();
    expect(codeOf(await admin(q, { s: 'B', t: 'planet', x: 'b-1' }))).toBe('ENTITY_TYPE_UNKNOWN');
  });

  it('reads one version, the version in force at a time, and diffs between versions', async () => {
    const q = `query($id: ID!, $before: DateTime!, $at1: DateTime!, $mid: DateTime!, $later: DateTime!) { goldenRecord(id: $id) {
      v2: atVersion(version: 2) { version data changes }
      v9: atVersion(version: 9) { version }
      before: asOf(at: $before) { version }
      atV1: asOf(at: $at1) { version at data deleted }
      mid: asOf(at: $mid) { version data }
      later: asOf(at: $later) { version }
      forward: diff(from: 1, to: 3)
      backward: diff(from: 3, to: 1)
      same: diff(from: 2, to: 2)
    } }`;
    const { data, errors } = await admin(q, { id: ADA, before: '2025-12-31T23:59:59Z', at1: T.v1, mid: '2026-01-02T12:00:00Z', later: '2030-01-01T00:00:00Z' });
    expect(errors).toBeUndefined();
    const g = data.goldenRecord;
    expect(g.v2).toEqual({ version: 2, data: ADA_V[1], changes: compare(ADA_V[0], ADA_V[1]) });
    expect(g.v9).toBeNull();
    expect(g.before).toBeNull();
    expect(g.atV1).toEqual({ version: 1, at: T.v1, data: ADA_V[0], deleted: false });
    expect(g.mid).toEqual({ version: 2, data: ADA_V[1] });
    expect(g.later).toEqual({ version: 3 });
    expect(g.forward).toEqual(expect.arrayContaining(compare(ADA_V[0], ADA_V[2])));
    expect(g.forward).toHaveLength(compare(ADA_V[0], ADA_V[2]).length);
    expect(g.backward).toEqual(expect.arrayContaining([{ op: 'remove', path: '/status' }, { op: 'replace', path: '/ssn', value: '123-45-6789' }]));
    expect(g.same).toEqual([]);
  });

  it('answers INVALID_DATE for an as-of time that is not a date', async () => {
    expect(codeOf(await admin(`{ goldenRecord(id: "${ADA}") { asOf(at: "yesterday") { version } } }`))).toBe('INVALID_DATE');
  });

  it('answers VERSION_NOT_FOUND for a diff with a missing version', async () => {
    const res = await admin(`{ goldenRecord(id: "${ADA}") { diff(from: 1, to: 9) } }`);
    expect(codeOf(res)).toBe('VERSION_NOT_FOUND');
    expect(res.errors?.[0].message).toContain('9');
  });

  it('pages through all records of a type with no duplicates or gaps, in id order', async () => {
    const expected = (await hub.sql.query(`SELECT id FROM golden_record WHERE entity_type = 'contact' AND NOT deleted ORDER BY id`)).rows.map((r) => r.id);
    expect(expected).toHaveLength(BULK); // 24 bulk (one deleted) + Ada
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res: Awaited<ReturnType<typeof gqlAs>> = await admin(
        `query($after: String) { goldenRecords(entityType: "contact", first: 7, after: $after) {
           edges { cursor node { id } } nodes { id } pageInfo { hasNextPage endCursor } } }`, { after });
      expect(res.errors).toBeUndefined();
      const c = res.data.goldenRecords;
      expect(c.nodes).toEqual(c.edges.map((e: { node: unknown }) => e.node));
      expect(c.pageInfo.endCursor).toBe(c.edges.at(-1)?.cursor ?? null);
      seen.push(...c.nodes.map((n: { id: string }) => n.id));
      after = c.pageInfo.hasNextPage ? c.pageInfo.endCursor : null;
      pages++;
    } while (after && pages < 10);
    expect(pages).toBe(4);
    expect(seen).toEqual(expected);
  });

  it('includes tombstoned records only when asked', async () => {
    const q = (inc: boolean) => admin(`{ goldenRecords(entityType: "contact", first: 100, includeDeleted: ${inc}) { nodes { data deleted } } }`);
    const live = (await q(false)).data.goldenRecords.nodes;
    const all = (await q(true)).data.goldenRecords.nodes;
    expect(live.some((n: { data: { email: string } }) => n.data.email === BULK_DELETED)).toBe(false);
    expect(all).toHaveLength(live.length + 1);
    expect(all.find((n: { data: { email: string } }) => n.data.email === BULK_DELETED).deleted).toBe(true);
  });

  it('filters by canonical field equality, nested objects included, with paging', async () => {
    const q = `query($f: JSON, $first: Int, $after: String) { goldenRecords(entityType: "contact", filter: $f, first: $first, after: $after) {
      nodes { id data } pageInfo { hasNextPage endCursor } } }`;
    const sqlIds = async (where: string) => (await hub.sql.query(`SELECT id FROM golden_record WHERE entity_type = 'contact' AND NOT deleted AND ${where} ORDER BY id`)).rows.map((r) => r.id);

    const active = (await admin(q, { f: { status: 'active' }, first: 100 })).data.goldenRecords.nodes;
    expect(active.map((n: { id: string }) => n.id)).toEqual(await sqlIds(`data->>'status' = 'active'`));
    expect(active.length).toBeGreaterThan(5);

    const frActive = (await admin(q, { f: { status: 'active', address: { country: 'FR' } }, first: 100 })).data.goldenRecords.nodes;
    expect(frActive.map((n: { id: string }) => n.id)).toEqual(await sqlIds(`data->>'status' = 'active' AND data->'address'->>'country' = 'FR'`));
    expect(frActive.every((n: { data: { address: { country: string } } }) => n.data.address.country === 'FR')).toBe(true);

    const page1 = (await admin(q, { f: { address: { country: 'DE' } }, first: 5 })).data.goldenRecords;
    const page2 = (await admin(q, { f: { address: { country: 'DE' } }, first: 100, after: page1.pageInfo.endCursor })).data.goldenRecords;
    expect([...page1.nodes, ...page2.nodes].map((n: { id: string }) => n.id)).toEqual(await sqlIds(`data->'address'->>'country' = 'DE'`));
    expect(page1.pageInfo.hasNextPage).toBe(true);
    expect(page2.pageInfo.hasNextPage).toBe(false);

    expect((await admin(q, { f: { email: 'nobody@example.com' } })).data.goldenRecords).toEqual({ nodes: [], pageInfo: { hasNextPage: false, endCursor: null } });
    expect((await admin(q, { f: { ssn: SSN2 } })).data.goldenRecords.nodes.map((n: { id: string }) => n.id)).toEqual([ADA]);
  });

  it.each([
    ['an unknown field', { planet: 'Mars' }],
    ['a list value', { status: ['active'] }],
    ['a scalar', 'active'],
    ['an operator object on a scalar field', { status: { $ne: 'active' } }],
  ])('refuses a filter with %s: INVALID_FILTER', async (_name, f) => {
    const res = await admin(`query($f: JSON) { goldenRecords(entityType: "contact", filter: $f) { nodes { id } } }`, { f });
    expect(codeOf(res)).toBe('INVALID_FILTER');
    expect(res.data).toBeNull();
  });

  it('answers ENTITY_TYPE_UNKNOWN, INVALID_CURSOR and INVALID_PAGE_SIZE', async () => {
    const list = (args: string) => admin(`{ goldenRecords(${args}) { nodes { id } } }`);
    expect(codeOf(await list(`entityType: "planet"`))).toBe('ENTITY_TYPE_UNKNOWN');
    expect(codeOf(await list(`entityType: "contact", after: "garbage"`))).toBe('INVALID_CURSOR');
    const conflictCursor = (await admin(`{ conflicts(first: 1) { pageInfo { endCursor } } }`)).data.conflicts.pageInfo.endCursor;
    expect(codeOf(await list(`entityType: "contact", after: "${conflictCursor}"`))).toBe('INVALID_CURSOR');
    expect(codeOf(await list(`entityType: "contact", first: 0`))).toBe('INVALID_PAGE_SIZE');
    expect(codeOf(await list(`entityType: "contact", first: 501`))).toBe('INVALID_PAGE_SIZE');
  });

  it('keeps records of one type out of another type’s list', async () => {
    const inv = await admin(`{ goldenRecords(entityType: "inventory") { nodes { id entityType data } } }`);
    expect(inv.data.goldenRecords.nodes).toEqual([{ id: INV, entityType: 'inventory', data: { sku: 'SKU-1', quantity: 3 } }]);
  });

  it('needs an API key', async () => {
    const res = await hub.http.post('/graphql').send({ query: `{ goldenRecord(id: "${ADA}") { id } }` });
    expect(res.body.errors[0].extensions.code).toBe('API_KEY_MISSING');
  });
});
