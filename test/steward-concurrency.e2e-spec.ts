import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from './support/graphql';
import { count, startTestHub, type TestHub } from './support/test-hub';
import { envelope, SECRETS, signedWebhook, waitForInboxDrained } from './support/webhooks';

const CONFIG = path.resolve(__dirname, 'fixtures/pipeline/hub.config.yaml');

describe('steward actions under concurrency', () => {
  let hub: TestHub;
  let id: string;

  beforeAll(async () => {
    hub = await startTestHub({ HUB_CONFIG: CONFIG });
    await post('A', 'contacts.created', { id: 'a-1', firstName: 'Alice', lastName: 'Martin', email: 'alice@example.com' });
    await post('B', 'customers.created', { customer_id: 'b-1', first_name: 'Alicia', email_address: 'alice@example.com', state: 'A' });
    await waitForInboxDrained(hub.sql);
    id = (await gql(hub, `{ goldenRecordBySource(system: "A", entityType: "contact", externalId: "a-1") { id } }`)).goldenRecordBySource.id;
  });
  afterAll(async () => {
    await hub?.close();
  });

  async function post(system: 'A' | 'B', type: string, data: Record<string, unknown>) {
    const { raw, headers } = signedWebhook(SECRETS[system], envelope(type, data));
    expect((await hub.http.post(`/webhooks/${system}`).set(headers).send(raw)).status).toBe(202);
  }

  it('serialises steward actions and pipeline batches on the golden row: no lost update, no gap in versions', async () => {
    const pins: Record<string, unknown> = {
      firstName: 'Ann', lastName: 'Smith', jobTitle: 'CTO', company: 'Acme', notes: 'VIP', birthDate: '1990-05-17',
    };
    const overrides = Object.entries(pins).map(([field, value]) =>
      hub.http.post('/graphql').set(hub.auth).send({
        query: `mutation($id: ID!, $f: String!, $v: JSON) { overrideField(id: $id, field: $f, value: $v) { version } }`,
        variables: { id, f: field, v: value },
      }));
    const phones = ['+44 20 7183 8751', '+44 20 7183 8752', '+44 20 7183 8753'];
    const events = phones.map((p) => post('B', 'customers.updated', { customer_id: 'b-1', email_address: 'alice@example.com', phone_number: p }));
    const results = await Promise.all(overrides);
    await Promise.all(events);
    await waitForInboxDrained(hub.sql);

    for (const r of results) expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
    const g = (await gql(hub, `query($id: ID!) { goldenRecord(id: $id) { version data lineage { field rule } versions { nodes { version cause } } } }`, { id })).goldenRecord;
    expect(g.data).toMatchObject(pins);
    for (const field of Object.keys(pins)) {
      expect(g.lineage.find((l: { field: string }) => l.field === field).rule).toBe('override');
    }
    expect(g.versions.nodes.map((v: { version: number }) => v.version)).toEqual(Array.from({ length: g.version }, (_, i) => i + 1));
    expect(g.versions.nodes.filter((v: { cause: { kind: string } }) => v.cause.kind === 'steward')).toHaveLength(6);
    expect(await count(hub.sql, 'audit_log', `action = 'golden.override'`)).toBe(6);
  });

  it('lets exactly one of two stewards resolve the same conflict', async () => {
    const { rows } = await hub.sql.query(`SELECT id FROM conflict WHERE golden_id = $1 AND status <> 'resolved' LIMIT 1`, [id]);
    expect(rows).toHaveLength(1);
    const resolve = (value: string) => hub.http.post(`/api/conflicts/${rows[0].id}/resolve`).set(hub.auth).send({ value });
    const answers = await Promise.all([resolve('Ann-1'), resolve('Ann-2')]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)!.body.error.code).toBe('CONFLICT_ALREADY_RESOLVED');
    expect(await count(hub.sql, 'audit_log', `action = 'conflict.resolve'`)).toBe(1);
  });
});
