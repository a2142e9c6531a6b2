import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOLDEN_FIELDS, gql } from './support/graphql';
import { startTestHub, type TestHub } from './support/test-hub';
import { sendWebhook } from './support/webhooks';

const CONFIG = path.resolve(__dirname, 'fixtures/pipeline/hub.config.yaml');

describe('ingest to golden record (seeds example, survivorship, history)', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ HUB_CONFIG: CONFIG });
  });
  afterAll(async () => {
    await hub?.close();
  });

  const send = (system: 'A' | 'B', type: string, data: Record<string, unknown>, id?: string) => sendWebhook(hub, system, type, data, id);

  const bySource = (system: string, externalId: string) =>
    gql(hub, `query($s: String!, $x: String!) { goldenRecordBySource(system: $s, entityType: "contact", externalId: $x) { ${GOLDEN_FIELDS} } }`,
      { s: system, x: externalId }).then((d) => d.goldenRecordBySource);

  it('merges the seeds example into one golden record where System A wins', async () => {
    await send('A', 'contacts.created', { id: 'a-1', firstName: 'Alice', lastName: 'Martin', email: 'Alice@Example.com', birthDate: '2024-01-01' });
    await send('B', 'customers.created', {
      customer_id: 'b-77', first_name: 'Alicia', last_name: 'Martin', email_address: 'alice@example.com', birth_date: '01/01/2024',
      phone_number: '+44 20 7183 8750', state: 'A',
    });

    const g = await bySource('B', 'b-77');
    expect(g).toBeTruthy();
    expect(g.data).toMatchObject({ firstName: 'Alice', email: 'alice@example.com', birthDate: '2024-01-01', phone: '+442071838750', status: 'active' });
    expect(g.sources).toEqual(expect.arrayContaining([{ system: 'A', externalId: 'a-1' }, { system: 'B', externalId: 'b-77' }]));
    expect(g.sources).toHaveLength(2);
    const firstName = g.conflicts.filter((c: { field: string }) => c.field === 'firstName');
    expect(firstName).toHaveLength(1);
    expect(firstName[0]).toMatchObject({ winner: 'A', status: 'auto_resolved' });
    expect(g.conflicts).toHaveLength(1);
    expect(g.lineage.find((l: { field: string }) => l.field === 'firstName')).toMatchObject({ system: 'A', value: 'Alice' });

    // history: v1 from A's event, v2 from B's (it added phone and status)
    expect(g.versions.nodes.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(g.versions.nodes[0].cause).toMatchObject({ kind: 'event', system: 'A' });
    expect(g.versions.nodes[1].cause).toMatchObject({ kind: 'event', system: 'B' });
    expect(g.versions.nodes[1].changes).toEqual(expect.arrayContaining([expect.objectContaining({ op: 'add', path: '/phone' })]));

    const count = await gql(hub, `{ goldenRecords(entityType: "contact") { edges { node { id } } } }`);
    expect(count.goldenRecords.edges).toHaveLength(1);
  });

  it('field-level precedence: B wins the phone while A still wins the name', async () => {
    await send('A', 'contacts.updated', { id: 'a-1', firstName: 'Alice', lastName: 'Martin', email: 'alice@example.com', birthDate: '2024-01-01', phone: '+33 1 42 68 53 00' });
    const g = await bySource('A', 'a-1');
    expect(g.data.phone).toBe('+442071838750');
    expect(g.data.firstName).toBe('Alice');
    const phone = g.conflicts.filter((c: { field: string }) => c.field === 'phone');
    expect(phone).toHaveLength(1);
    expect(phone[0].winner).toBe('B');
  });

  it('merge: a change made only in B wins without a conflict; concurrent changes go to A with a conflict', async () => {
    const before = (await bySource('A', 'a-1')).conflicts.length;
    await send('B', 'customers.updated', {
      customer_id: 'b-77', first_name: 'Alicia', last_name: 'Martin-Smith', email_address: 'alice@example.com', birth_date: '01/01/2024',
      phone_number: '+44 20 7183 8750', state: 'A',
    });
    let g = await bySource('A', 'a-1');
    expect(g.data.lastName).toBe('Martin-Smith');
    expect(g.conflicts.length).toBe(before);
    expect(g.lineage.find((l: { field: string }) => l.field === 'lastName')).toMatchObject({ system: 'B' });

    // A had not seen B's change and edits the same field: a true conflict, decided for A.
    await send('A', 'contacts.updated', { id: 'a-1', firstName: 'Alice', lastName: 'Martin-Durand', email: 'alice@example.com', birthDate: '2024-01-01', phone: '+33 1 42 68 53 00' });
    g = await bySource('A', 'a-1');
    expect(g.data.lastName).toBe('Martin-Durand');
    const lastName = g.conflicts.filter((c: { field: string }) => c.field === 'lastName');
    expect(lastName).toHaveLength(1);
    expect(lastName[0]).toMatchObject({ winner: 'A', rule: expect.stringContaining('merge') });

    // B answers with its own concurrent edit: A still wins, and that conflict is recorded too.
    await send('B', 'customers.updated', {
      customer_id: 'b-77', first_name: 'Alicia', last_name: 'Martin-Smyth', email_address: 'alice@example.com', birth_date: '01/01/2024',
      phone_number: '+44 20 7183 8750', state: 'A',
    });
    g = await bySource('B', 'b-77');
    expect(g.data.lastName).toBe('Martin-Durand');
    expect(g.conflicts.filter((c: { field: string }) => c.field === 'lastName')).toHaveLength(2);
  });

  it('a replayed webhook-id makes no new version', async () => {
    const id = 'msg_replay_1';
    const data = { id: 'a-1', firstName: 'Alice', lastName: 'Martin-Durand', email: 'alice@example.com', birthDate: '1990-05-17' };
    await send('A', 'contacts.updated', data, id);
    const v = (await bySource('A', 'a-1')).version;
    const again = await send('A', 'contacts.updated', data, id);
    expect(again.status).toBeLessThan(300);
    expect((await bySource('A', 'a-1')).version).toBe(v);
    const { rows } = await hub.sql.query(`SELECT count(*)::int AS n FROM inbox_event WHERE event_id = $1`, [id]);
    expect(rows[0].n).toBe(1);
  });

  it('rejects an invalid change with its errors and touches nothing else', async () => {
    const v = (await bySource('A', 'a-1')).version;
    await send('A', 'contacts.updated', { id: 'a-1', email: 'alice@example.com', birthDate: '31/02/2024' });
    const { rows } = await hub.sql.query(`SELECT status, reason, errors FROM inbox_event ORDER BY id DESC LIMIT 1`);
    expect(rows[0].status).toBe('rejected');
    expect(JSON.stringify(rows[0].errors)).toContain('birthDate');
    expect((await bySource('A', 'a-1')).version).toBe(v);
  });

  it('a delete tombstones the golden record as a new version, kept in history', async () => {
    await send('B', 'customers.created', { customer_id: 'b-90', first_name: 'Bob', email_address: 'bob@example.com', state: 'A' });
    await send('B', 'customers.deleted', { customer_id: 'b-90' });
    const g = await bySource('B', 'b-90');
    expect(g.deleted).toBe(true);
    expect(g.version).toBe(2);
    expect(g.data.firstName).toBe('Bob');
    const live = await gql(hub, `{ goldenRecords(entityType: "contact", filter: {email: "bob@example.com"}) { edges { node { id } } } }`);
    expect(live.goldenRecords.edges).toHaveLength(0);
  });
});
