import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Auth, roleKeys } from './support/api-keys';
import { errorCode as graphqlError, GOLDEN_FIELDS, mutate as graphqlMutate } from './support/graphql';
import { startTestHub, type TestHub } from './support/test-hub';
import { sendWebhook } from './support/webhooks';

const CONFIG = path.resolve(__dirname, 'fixtures/pipeline/hub.config.yaml');
const MISSING = '00000000-0000-4000-8000-000000000000';

describe('steward merge and unmerge (GraphQL and REST)', () => {
  let hub: TestHub;
  let steward: Auth;
  let viewer: Auth;
  let robert: string;
  let rob: string;
  let item: string;

  beforeAll(async () => {
    hub = await startTestHub({ HUB_CONFIG: CONFIG });
    ({ steward, viewer } = await roleKeys(hub, '2'));
    // A second entity type, to have a record merging must refuse.
    const doc = (await hub.http.get('/api/config').set(hub.auth).expect(200)).body;
    doc.systems.A.entities.inventory = { name: 'items', fields: { sku: 'sku', name: 'name' } };
    expect((await hub.http.put('/api/config').set(hub.auth).send(doc)).body.applied).toBe(true);

    await send('A', 'contacts.created', { id: 'a-2', firstName: 'Robert', lastName: 'Smith', email: 'rob@example.com' });
    await send('B', 'customers.created', {
      customer_id: 'b-91', first_name: 'Rob', last_name: 'Smith', email_address: 'robert@example.com', birth_date: '03/02/1980',
      phone_number: '+44 20 7183 8750', state: 'A',
    });
    await send('A', 'items.created', { id: 'i-1', sku: 'SKU-1', name: 'Widget' });
    robert = (await bySource('A', 'a-2', 'contact')).id;
    rob = (await bySource('B', 'b-91', 'contact')).id;
    item = (await bySource('A', 'i-1', 'inventory')).id;
  });
  afterAll(async () => {
    await hub?.close();
  });

  const send = (system: 'A' | 'B', type: string, data: Record<string, unknown>) => sendWebhook(hub, system, type, data);
  const mutate = (query: string, variables: Record<string, unknown> = {}) => graphqlMutate(hub, steward, query, variables);
  const errorCode = (query: string, variables: Record<string, unknown>, auth = steward) => graphqlError(hub, auth, query, variables);
  const bySource = async (system: string, externalId: string, entityType: string) =>
    (await mutate(`query($s: String!, $t: String!, $x: String!) { goldenRecordBySource(system: $s, entityType: $t, externalId: $x) { ${GOLDEN_FIELDS} } }`,
      { s: system, t: entityType, x: externalId })).goldenRecordBySource;
  const record = async (id: string) => (await mutate(`query($id: ID!) { goldenRecord(id: $id) { ${GOLDEN_FIELDS} } }`, { id })).goldenRecord;
  const keyOwner = async (key: string) =>
    (await hub.sql.query(`SELECT golden_id FROM match_key WHERE entity_type = 'contact' AND key = $1`, [key])).rows[0]?.golden_id as string | undefined;
  const lineageOf = (g: any, field: string) => g.lineage.find((l: { field: string }) => l.field === field);
  const MERGE = `mutation($s: ID!, $d: ID!) { mergeGoldenRecords(survivorId: $s, duplicateId: $d) { ${GOLDEN_FIELDS} } }`;
  const UNMERGE = `mutation($id: ID!, $s: String!, $x: String!) { unmergeGoldenRecord(id: $id, system: $s, externalId: $x) { ${GOLDEN_FIELDS} } }`;
  const unmergeRest = (id: string, body: object, auth = steward) =>
    hub.http.post(`/api/golden-records/contact/${id}/unmerge`).set(auth).send(body);

  it('starts with two records for one person and one inventory item', () => {
    expect(new Set([robert, rob, item]).size).toBe(3);
  });

  it('refuses merges across entity types, into itself, of unknown records, and by a viewer', async () => {
    expect(await errorCode(MERGE, { s: robert, d: item })).toBe('MERGE_TYPE_MISMATCH');
    expect(await errorCode(MERGE, { s: robert, d: robert })).toBe('MERGE_SAME_RECORD');
    expect(await errorCode(MERGE, { s: robert, d: MISSING })).toBe('GOLDEN_RECORD_NOT_FOUND');
    expect(await errorCode(MERGE, { s: robert, d: rob }, viewer)).toBe('ROLE_FORBIDDEN');
    const rest = await hub.http.post(`/api/golden-records/contact/${robert}/merge`).set(viewer).send({ duplicateId: rob });
    expect([rest.status, rest.body.error.code]).toEqual([403, 'ROLE_FORBIDDEN']);
    const invalid = await hub.http.post(`/api/golden-records/contact/${robert}/merge`).set(steward).send({ duplicateId: 'x' });
    expect([invalid.status, invalid.body.error.code]).toEqual([400, 'INVALID_REQUEST']);
    expect((await record(robert)).version).toBe(1);
    expect((await record(rob)).version).toBe(1);
  });

  it('merges: links and match keys move to the survivor, empty fields are filled, the duplicate is tombstoned', async () => {
    const { mergeGoldenRecords: s } = await mutate(MERGE, { s: robert, d: rob });
    expect(s.id).toBe(robert);
    expect(s.version).toBe(2);
    expect(s.data).toEqual({
      email: 'rob@example.com', firstName: 'Robert', lastName: 'Smith', birthDate: '1980-02-03', phone: '+442071838750', status: 'active',
    });
    expect(lineageOf(s, 'phone')).toMatchObject({ system: 'B' });
    expect(lineageOf(s, 'firstName')).toMatchObject({ system: 'A' });
    expect(s.sources).toEqual(expect.arrayContaining([{ system: 'A', externalId: 'a-2' }, { system: 'B', externalId: 'b-91' }]));
    expect(s.versions.nodes[1].cause).toMatchObject({ kind: 'merge', action: 'golden.merge', merged: rob, actor: 'key:steward-2' });
    expect(s.versions.nodes[1].cause.fields.sort()).toEqual(['birthDate', 'phone', 'status']);

    const d = await record(rob);
    expect(d).toMatchObject({ deleted: true, version: 2, sources: [] });
    expect(d.versions.nodes[1].cause).toMatchObject({ kind: 'merge', mergedInto: robert });
    expect((await bySource('B', 'b-91', 'contact')).id).toBe(robert);
    expect(await keyOwner('email:robert@example.com')).toBe(robert);
    expect(await errorCode(MERGE, { s: robert, d: rob })).toBe('GOLDEN_RECORD_DELETED');
  });

  it("routes the duplicate's source changes to the survivor", async () => {
    await send('B', 'customers.updated', {
      customer_id: 'b-91', first_name: 'Rob', last_name: 'Smith', email_address: 'robert@example.com', birth_date: '03/02/1980',
      phone_number: '+44 20 7183 8751', state: 'A',
    });
    const s = await record(robert);
    expect(s.data.phone).toBe('+442071838751');
    expect((await record(rob)).version).toBe(2);
  });

  it('refuses unmerges of sources not linked there, of the only source, and of tombstones', async () => {
    expect(await errorCode(UNMERGE, { id: robert, s: 'B', x: 'nope' })).toBe('SOURCE_NOT_LINKED');
    expect(await errorCode(UNMERGE, { id: item, s: 'A', x: 'i-1' })).toBe('UNMERGE_LAST_SOURCE');
    expect(await errorCode(UNMERGE, { id: rob, s: 'B', x: 'b-91' })).toBe('GOLDEN_RECORD_DELETED');
    expect((await unmergeRest(item, { system: 'A', externalId: 'i-1' })).body.error.code).toBe('GOLDEN_RECORD_NOT_FOUND');
    expect((await unmergeRest(robert, { system: 'B', externalId: 'b-91' }, viewer)).status).toBe(403);
    expect((await record(robert)).version).toBe(3);
  });

  it("unmerges a source a merge brought in by undoing that merge: the duplicate comes back, nothing new is created", async () => {
    const res = await unmergeRest(robert, { system: 'B', externalId: 'b-91' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const restored = res.body;
    // Its pre-merge values, plus B's phone change made after the merge (B's records are the duplicate's).
    expect(restored).toMatchObject({
      id: rob, version: 3, deleted: false, mergedInto: null, sources: [expect.objectContaining({ system: 'B', externalId: 'b-91' })],
      data: { email: 'robert@example.com', firstName: 'Rob', lastName: 'Smith', birthDate: '1980-02-03', phone: '+442071838751', status: 'active' },
    });
    const n = await record(rob);
    expect(n.versions.nodes).toHaveLength(3);
    expect(n.versions.nodes[2].cause).toMatchObject({ kind: 'unmerge', action: 'golden.unmerge', splitFrom: robert, system: 'B', externalId: 'b-91' });
    expect(lineageOf(n, 'firstName')).toMatchObject({ system: 'B' });
    expect((await bySource('B', 'b-91', 'contact')).id).toBe(rob);
    expect((await hub.sql.query(`SELECT count(*)::int AS n FROM golden_record WHERE entity_type = 'contact'`)).rows[0].n).toBe(2);

    const s = await record(robert);
    expect(s.version).toBe(4);
    // birthDate, phone and status only B vouched for: A holds no value for them, so they go.
    expect(s.data).toEqual({ email: 'rob@example.com', firstName: 'Robert', lastName: 'Smith' });
    expect(s.sources).toEqual([{ system: 'A', externalId: 'a-2' }]);
    expect(s.versions.nodes[3].cause).toMatchObject({ kind: 'unmerge', system: 'B', externalId: 'b-91' });
    expect(s.versions.nodes[3].cause.fields).toEqual(['birthDate', 'phone', 'status']);
    expect(await keyOwner('email:robert@example.com')).toBe(rob);
    expect(await keyOwner('email:rob@example.com')).toBe(robert);
  });

  it('audits merge and unmerge with before and after', async () => {
    const audit = async (action: string) => (await hub.http.get(`/api/audit-log?action=${action}`).set(hub.auth).expect(200)).body.items;
    const [merge] = await audit('golden.merge');
    expect(merge).toMatchObject({
      actor: 'key:steward-2', target: `golden-record:contact:${robert}`,
      before: { survivor: { version: 1 }, duplicate: { id: rob, version: 1 } },
      after: { survivor: { version: 2 }, duplicate: { id: rob, deleted: true } },
    });
    const unmerges = await audit('golden.unmerge');
    expect(unmerges).toHaveLength(1);
    expect(unmerges[0]).toMatchObject({ actor: 'key:steward-2', before: { source: { system: 'B', externalId: 'b-91' } }, after: { version: 4 } });
  });
});
