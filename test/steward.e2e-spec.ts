import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PipelineHooks } from '../src/golden-records/pipeline/pipeline-hooks';
import type { GoldenChange } from '../src/golden-records/pipeline/pipeline.types';
import { type Auth, roleKeys } from './support/api-keys';
import { errorCode as graphqlError, GOLDEN_FIELDS, mutate as graphqlMutate } from './support/graphql';
import { count, startTestHub, type TestHub } from './support/test-hub';
import { sendWebhook } from './support/webhooks';

const CONFIG = path.resolve(__dirname, 'fixtures/pipeline/hub.config.yaml');
const MISSING = '00000000-0000-4000-8000-000000000000';

describe('steward actions: conflicts, overrides, rollback, restore (GraphQL and REST)', () => {
  let hub: TestHub;
  let steward: Auth;
  let viewer: Auth;
  let alice: string;
  const stewardChanges: GoldenChange[] = [];

  beforeAll(async () => {
    hub = await startTestHub({ HUB_CONFIG: CONFIG });
    ({ steward, viewer } = await roleKeys(hub, '1'));
    // Observes what the outbox is handed, inside the steward's transaction.
    hub.app.get(PipelineHooks).onChanges({
      onGoldenChanges: async (_m, changes) => {
        stewardChanges.push(...changes.filter((c) => c.version.cause.kind !== 'event'));
      },
    });
    await send('A', 'contacts.created', { id: 'a-1', firstName: 'Alice', lastName: 'Martin', email: 'alice@example.com', birthDate: '2024-01-01' });
    await send('B', 'customers.created', b77({}));
    alice = (await bySource('A', 'a-1')).id;
  });
  afterAll(async () => {
    await hub?.close();
  });

  function b77(changes: Record<string, unknown>) {
    return {
      customer_id: 'b-77', first_name: 'Alicia', last_name: 'Martin', email_address: 'alice@example.com', birth_date: '01/01/2024',
      phone_number: '+44 20 7183 8750', state: 'A', ...changes,
    };
  }
  const send = (system: 'A' | 'B', type: string, data: Record<string, unknown>) => sendWebhook(hub, system, type, data);
  /** A steward mutation that must succeed. */
  const mutate = (query: string, variables: Record<string, unknown> = {}) => graphqlMutate(hub, steward, query, variables);
  const errorCode = (query: string, variables: Record<string, unknown> = {}, auth = steward) => graphqlError(hub, auth, query, variables);
  const bySource = async (system: string, externalId: string) =>
    (await mutate(`query($s: String!, $x: String!) { goldenRecordBySource(system: $s, entityType: "contact", externalId: $x) { ${GOLDEN_FIELDS} } }`,
      { s: system, x: externalId })).goldenRecordBySource;
  const record = async (id: string) => (await mutate(`query($id: ID!) { goldenRecord(id: $id) { ${GOLDEN_FIELDS} } }`, { id })).goldenRecord;
  const lineageOf = (g: any, field: string) => g.lineage.find((l: { field: string }) => l.field === field);
  const conflictsOn = (g: any, field: string) => g.conflicts.filter((c: { field: string }) => c.field === field);
  const versions = (id: string) => count(hub.sql, 'golden_version', 'golden_id = $1', [id]);

  const RESOLVE = `mutation($id: ID!, $system: String, $value: JSON) { resolveConflict(id: $id, system: $system, value: $value) {
    id status winner winningValue resolvedBy resolvedAt goldenRecord { ${GOLDEN_FIELDS} } } }`;
  const OVERRIDE = `mutation($id: ID!, $field: String!, $value: JSON) { overrideField(id: $id, field: $field, value: $value) { ${GOLDEN_FIELDS} } }`;

  it('resolves an automatically resolved conflict with a candidate system, pinning its value (GraphQL)', async () => {
    const [conflict] = conflictsOn(await record(alice), 'firstName');
    expect(conflict).toMatchObject({ status: 'auto_resolved', winner: 'A' });
    const { resolveConflict: r } = await mutate(RESOLVE, { id: conflict.id, system: 'B' });
    expect(r).toMatchObject({ id: conflict.id, status: 'resolved', winner: 'B', winningValue: 'Alicia', resolvedBy: 'key:steward-1' });
    expect(Date.parse(r.resolvedAt)).not.toBeNaN();
    const g = r.goldenRecord;
    expect(g.data.firstName).toBe('Alicia');
    expect(lineageOf(g, 'firstName')).toMatchObject({ system: 'steward', rule: 'override', value: 'Alicia' });
    expect(g.version).toBe(3);
    expect(g.versions.nodes[2].cause).toMatchObject({ kind: 'steward', actor: 'key:steward-1', action: 'conflict.resolve', fields: ['firstName'] });
    expect(g.versions.nodes[2].changes).toEqual([{ op: 'replace', path: '/firstName', value: 'Alicia' }]);
  });

  it('keeps a pinned value when a source changes it later, and records that change as a conflict', async () => {
    await send('A', 'contacts.updated', { id: 'a-1', firstName: 'Alice-Marie', lastName: 'Martin', email: 'alice@example.com', birthDate: '2024-01-01' });
    const g = await record(alice);
    expect(g.data.firstName).toBe('Alicia');
    expect(g.version).toBe(3);
    const refused = conflictsOn(g, 'firstName').find((c: { rule: string }) => c.rule === 'steward-override');
    expect(refused).toMatchObject({ status: 'auto_resolved', winner: 'steward' });
    expect(refused.values).toEqual(expect.arrayContaining([expect.objectContaining({ system: 'A', value: 'Alice-Marie' })]));
  });

  it('resolves with an explicit value over REST; refuses bad resolutions with their codes and writes nothing', async () => {
    const g = await record(alice);
    const refused = conflictsOn(g, 'firstName').find((c: { rule: string }) => c.rule === 'steward-override');
    const post = (id: string, body: unknown, auth: Auth = steward) => hub.http.post(`/api/conflicts/${id}/resolve`).set(auth).send(body as object);
    const before = await versions(alice);
    for (const [body, code, field] of [
      [{}, 'INVALID_RESOLUTION', 'system'], [{ system: 'A', value: 'X' }, 'INVALID_RESOLUTION', 'value'],
      [{ system: 'C' }, 'INVALID_RESOLUTION', 'system'], [{ value: 42 }, 'INVALID_VALUE', 'firstName'],
    ] as const) {
      const res = await post(refused.id, body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.details[0].path).toBe(field);
    }
    expect((await post(MISSING, { value: 'Ally' })).body.error.code).toBe('CONFLICT_NOT_FOUND');
    expect((await post('not-a-uuid', { value: 'Ally' })).body.error.code).toBe('INVALID_ID');
    expect(await versions(alice)).toBe(before);

    const ok = await post(refused.id, { value: 'Ally' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'resolved', winner: 'steward', winningValue: 'Ally', resolvedBy: 'key:steward-1' });
    expect(lineageOf(await record(alice), 'firstName')).toMatchObject({ value: 'Ally', system: 'steward', rule: 'override' });
    const again = await post(refused.id, { value: 'Ally' });
    expect([again.status, again.body.error.code]).toEqual([409, 'CONFLICT_ALREADY_RESOLVED']);
    expect(await errorCode(RESOLVE, { id: refused.id, system: 'A' })).toBe('CONFLICT_ALREADY_RESOLVED');
  });

  it('holds manual-strategy changes as open conflicts; one resolution settles every open one on the field', async () => {
    const doc = (await hub.http.get('/api/config').set(hub.auth).expect(200)).body;
    doc.entities.contact.fields = { lastName: { type: 'string', trim: true, maxLength: 200, strategy: 'manual' } };
    expect((await hub.http.put('/api/config').set(hub.auth).send(doc)).body.applied).toBe(true);
    await send('B', 'customers.updated', b77({ last_name: 'Martin-Smith' }));
    await send('A', 'contacts.updated', { id: 'a-1', firstName: 'Alice-Marie', lastName: 'Martin-Durand', email: 'alice@example.com', birthDate: '2024-01-01' });
    let g = await record(alice);
    expect(g.data.lastName).toBe('Martin');
    const open = conflictsOn(g, 'lastName').filter((c: { status: string }) => c.status === 'open');
    expect(open).toHaveLength(2);
    const fromB = open.find((c: { values: { system: string }[] }) => c.values.some((v) => v.system === 'B'));

    const { resolveConflict: r } = await mutate(RESOLVE, { id: fromB.id, system: 'B' });
    expect(r).toMatchObject({ status: 'resolved', winner: 'B', winningValue: 'Martin-Smith' });
    g = await record(alice);
    expect(g.data.lastName).toBe('Martin-Smith');
    expect(conflictsOn(g, 'lastName').map((c: { status: string }) => c.status)).toEqual(['resolved', 'resolved']);
  });

  it('overrides a field (pinned against source changes) and releases it back to precedence', async () => {
    const before = await versions(alice);
    expect(await errorCode(OVERRIDE, { id: alice, field: 'phone', value: 'not a phone' })).toBe('INVALID_VALUE');
    expect(await errorCode(OVERRIDE, { id: alice, field: 'phone' })).toBe('INVALID_VALUE');
    expect(await errorCode(OVERRIDE, { id: alice, field: 'nope', value: 'x' })).toBe('UNKNOWN_FIELD');
    expect(await errorCode(OVERRIDE, { id: MISSING, field: 'phone', value: '+33142685300' })).toBe('GOLDEN_RECORD_NOT_FOUND');
    expect(await errorCode(OVERRIDE, { id: 'x', field: 'phone', value: '+33142685300' })).toBe('INVALID_ID');
    expect(await versions(alice)).toBe(before);

    const { overrideField: g } = await mutate(OVERRIDE, { id: alice, field: 'phone', value: '+33142685300' });
    expect(g.data.phone).toBe('+33142685300');
    expect(lineageOf(g, 'phone')).toMatchObject({ system: 'steward', rule: 'override' });
    expect(g.versions.nodes.at(-1).cause).toMatchObject({ kind: 'steward', action: 'golden.override', fields: ['phone'] });

    await send('B', 'customers.updated', b77({ last_name: 'Martin-Smith', phone_number: '+44 20 7183 8751' }));
    const kept = await record(alice);
    expect(kept.data.phone).toBe('+33142685300');
    expect(conflictsOn(kept, 'phone').some((c: { rule: string }) => c.rule === 'steward-override')).toBe(true);

    const release = (field: string, type = 'contact', id = alice) =>
      hub.http.post(`/api/golden-records/${type}/${id}/release`).set(steward).send({ field });
    const released = await release('phone');
    expect(released.status).toBe(200);
    // phone precedence is [B, A]: B's latest value wins, and the record is no longer pinned.
    expect(released.body.data.phone).toBe('+442071838751');
    expect(lineageOf(released.body, 'phone')).toMatchObject({ system: 'B', rule: 'precedence' });
    expect(released.body.sources).toHaveLength(2);
    expect((await release('phone')).body.error.code).toBe('FIELD_NOT_OVERRIDDEN');
    expect((await release('phone', 'inventory')).body.error.code).toBe('GOLDEN_RECORD_NOT_FOUND');
    expect((await release('phone', 'nope')).body.error.code).toBe('ENTITY_TYPE_UNKNOWN');

    // No source maps jobTitle: once released, nobody vouches for a value, so the field goes.
    const pinned = await hub.http.post(`/api/golden-records/contact/${alice}/override`).set(steward).send({ field: 'jobTitle', value: 'CTO' });
    expect([pinned.status, pinned.body.data.jobTitle]).toEqual([200, 'CTO']);
    const gone = await release('jobTitle');
    expect(gone.body.data).not.toHaveProperty('jobTitle');
    expect(lineageOf(gone.body, 'jobTitle')).toBeUndefined();
  });

  it('rolls back to an old version as version n+1 with that snapshot; history is untouched', async () => {
    const ROLLBACK = `mutation($id: ID!, $to: Int!) { rollbackGoldenRecord(id: $id, toVersion: $to) { ${GOLDEN_FIELDS} snapshots: versions { nodes { version data deleted } } } }`;
    const before = await record(alice);
    expect(await errorCode(ROLLBACK, { id: alice, to: 99 })).toBe('VERSION_NOT_FOUND');
    const { rollbackGoldenRecord: g } = await mutate(ROLLBACK, { id: alice, to: 1 });
    expect(g.version).toBe(before.version + 1);
    expect(g.deleted).toBe(false);
    expect(g.data).toEqual(g.snapshots.nodes[0].data);
    expect(g.snapshots.nodes.at(-1)).toEqual({ version: g.version, data: g.snapshots.nodes[0].data, deleted: false });
    expect(g.versions.nodes.slice(0, -1)).toEqual(before.versions.nodes);
    expect(g.versions.nodes.at(-1).cause).toMatchObject({ kind: 'rollback', action: 'golden.rollback', toVersion: 1, actor: 'key:steward-1' });
    expect(lineageOf(g, 'firstName')).toMatchObject({ value: 'Alice', system: 'steward', rule: 'rollback' });
    expect(lineageOf(g, 'email')).toMatchObject({ system: 'A' });
    const diff = await mutate(`query($id: ID!, $to: Int!) { goldenRecord(id: $id) { diff(from: 1, to: $to) } }`, { id: alice, to: g.version });
    expect(diff.goldenRecord.diff).toEqual([]);
  });

  it('restores a tombstoned record; edits on a tombstone are refused', async () => {
    await send('B', 'customers.created', { customer_id: 'b-90', first_name: 'Bob', email_address: 'bob@example.com', state: 'A' });
    await send('B', 'customers.deleted', { customer_id: 'b-90' });
    const bob = await bySource('B', 'b-90');
    expect([bob.deleted, bob.version]).toEqual([true, 2]);
    expect(await errorCode(OVERRIDE, { id: bob.id, field: 'firstName', value: 'Robert' })).toBe('GOLDEN_RECORD_DELETED');

    const restore = () => hub.http.post(`/api/golden-records/contact/${bob.id}/restore`).set(steward).send();
    const res = await restore();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: bob.id, deleted: false, version: 3, data: { firstName: 'Bob', email: 'bob@example.com' } });
    expect((await record(bob.id)).versions.nodes[2].cause).toMatchObject({ kind: 'steward', action: 'golden.restore' });
    const again = await restore();
    expect([again.status, again.body.error.code]).toEqual([409, 'GOLDEN_RECORD_NOT_DELETED']);
    // Its match key is back: another record with that email joins it instead of creating a new one.
    await send('B', 'customers.created', { customer_id: 'b-95', first_name: 'Bob', email_address: 'bob@example.com', state: 'A' });
    expect((await bySource('B', 'b-95')).id).toBe(bob.id);
  });

  it('refuses every steward action to a viewer key (403) and changes nothing', async () => {
    const before = await versions(alice);
    const [someConflict] = (await record(alice)).conflicts;
    expect(await errorCode(OVERRIDE, { id: alice, field: 'phone', value: '+33142685300' }, viewer)).toBe('ROLE_FORBIDDEN');
    expect(await errorCode(RESOLVE, { id: someConflict.id, value: 'x' }, viewer)).toBe('ROLE_FORBIDDEN');
    for (const [url, body] of [
      [`/api/conflicts/${someConflict.id}/resolve`, { value: 'x' }], [`/api/golden-records/contact/${alice}/override`, { field: 'phone', value: null }],
      [`/api/golden-records/contact/${alice}/rollback`, { toVersion: 1 }], [`/api/golden-records/contact/${alice}/restore`, {}],
    ] as const) {
      const res = await hub.http.post(url).set(viewer).send(body);
      expect([res.status, res.body.error.code]).toEqual([403, 'ROLE_FORBIDDEN']);
    }
    expect(await versions(alice)).toBe(before);
    expect((await record(alice)).id).toBe(alice);
  });

  it('hands every steward version to the outbox hooks, in its transaction', async () => {
    const kinds = stewardChanges.map((c) => `${c.version.cause.kind}:${(c.version.cause as { action?: string }).action}`);
    expect(kinds).toEqual([
      'steward:conflict.resolve', 'steward:conflict.resolve', 'steward:conflict.resolve', 'steward:golden.override',
      'steward:golden.release', 'steward:golden.override', 'steward:golden.release', 'rollback:golden.rollback', 'steward:golden.restore',
    ]);
    expect(stewardChanges.every((c) => c.originSystem === null && c.previous?.version === c.golden.version - 1)).toBe(true);
    const { rows } = await hub.sql.query(`SELECT version, data FROM golden_version WHERE golden_id = $1 ORDER BY version DESC LIMIT 1`, [alice]);
    const last = stewardChanges.filter((c) => c.golden.id === alice).at(-1)!;
    expect([last.version.version, last.version.data]).toEqual([rows[0].version, rows[0].data]);
  });

  it('audits each action with who, what, before and after', async () => {
    const audit = async (action: string) => (await hub.http.get(`/api/audit-log?action=${action}`).set(hub.auth).expect(200)).body.items;
    const resolved = await audit('conflict.resolve');
    expect(resolved).toHaveLength(3);
    expect(resolved.every((e: { actor: string; target: string }) => e.actor === 'key:steward-1' && e.target.startsWith('conflict:'))).toBe(true);
    expect(resolved.at(-1)).toMatchObject({
      before: { field: 'firstName', value: 'Alice', lineage: { system: 'A' } },
      after: { field: 'firstName', value: 'Alicia', status: 'resolved', winner: 'B', lineage: { system: 'steward', rule: 'override' } },
    });
    const [override] = await audit('golden.override');
    expect(override).toMatchObject({ target: `golden-record:contact:${alice}`, before: { field: 'jobTitle', value: null }, after: { value: 'CTO' } });
    expect(await audit('golden.release')).toHaveLength(2);
    const [rollback] = await audit('golden.rollback');
    expect(rollback.after).toMatchObject({ toVersion: 1, data: { firstName: 'Alice' } });
    expect((await audit('golden.restore'))[0]).toMatchObject({ before: { deleted: true }, after: { deleted: false } });
    expect(await audit('golden.override')).toHaveLength(2);
  });
});
