import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_INSTANCE_LOCK_CLASS } from '../src/common/process-liveness';
import { issueKey } from './support/api-keys';
import { type DeliveryHarness, startDeliveryHarness, waitFor, waitForOutboxIdle } from './fixtures/delivery/delivery-harness';

describe('outbox and delivery to target systems', () => {
  let h: DeliveryHarness;
  beforeAll(async () => {
    h = await startDeliveryHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('creates the record in the other system with an Idempotency-Key, stores its id, and never writes back to the sender', async () => {
    const aId = h.A.put({ email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', nationalId: '123-45-6789' });
    await h.send('A', 'contacts.created', h.A.records.get(aId)!);

    const [create] = await waitFor('B to receive the create', () => h.B.writes().length === 1 && h.B.writes());
    expect(create).toMatchObject({ method: 'POST', path: '/customers', body: { email_address: 'ada@example.com', first_name: 'Ada', last_name: 'Lovelace' } });
    expect(create.body).not.toHaveProperty('customer_id');
    expect(JSON.stringify(create.body)).not.toContain('123-45');
    expect(create.idempotencyKey).toMatch(/^mdh-B-\d+$/);

    const goldenId = await h.goldenIdOf('A', aId);
    const bId = [...h.B.records.keys()][0];
    await waitFor('the xref to B', async () => (await h.goldenIdOf('B', bId)) === goldenId);
    await waitForOutboxIdle(h.hub);
    expect(h.A.writes()).toHaveLength(0);
    // D only takes active contacts; C waits for its window.
    expect(h.D.requests).toHaveLength(0);
    expect(h.C.requests).toHaveLength(0);

    const ledger = await h.hub.http.get(`/api/delivery-ledger?system=B&goldenId=${goldenId}`).set(h.hub.auth);
    expect(ledger.status).toBe(200);
    expect(ledger.body.items).toEqual([expect.objectContaining({ system: 'B', externalId: bId, attempts: 1, lastError: null })]);
    expect(ledger.body.items[0].lastAckedHash).toBe(ledger.body.items[0].lastSentHash);

    const list = await h.hub.http.get(`/api/deliveries?system=B&goldenId=${goldenId}`).set(h.hub.auth);
    expect(list.body.items).toEqual([expect.objectContaining({ status: 'delivered', operation: 'upsert', externalId: bId, idempotencyKey: create.idempotencyKey })]);
    const detail = await h.hub.http.get(`/api/deliveries/${list.body.items[0].id}`).set(h.hub.auth);
    expect(detail.body.payload).toEqual(create.body);
  });

  it('updates through the stored id, then deletes it when the golden record is tombstoned', async () => {
    const aId = [...h.A.records.keys()][0];
    const bId = [...h.B.records.keys()][0];
    h.A.records.set(aId, { ...h.A.records.get(aId)!, lastName: 'King' });
    await h.send('A', 'contacts.updated', h.A.records.get(aId)!);
    const [update] = await waitFor('B to receive the update', () => h.B.writes().length === 2 && h.B.writes().slice(1));
    expect(update).toMatchObject({ method: 'PUT', path: `/customers/${bId}`, body: { email_address: 'ada@example.com', last_name: 'King' } });
    expect(h.B.records.get(bId)).toMatchObject({ last_name: 'King' });

    await h.send('A', 'contacts.deleted', { id: aId });
    const [del] = await waitFor('B to receive the delete', () => h.B.writes().length === 3 && h.B.writes().slice(2));
    expect(del).toMatchObject({ method: 'DELETE', path: `/customers/${bId}` });
    expect(h.B.records.has(bId)).toBe(false);
    await waitForOutboxIdle(h.hub);
    expect(h.A.writes()).toHaveLength(0);
  });

  it("corrects the sender where the rules kept another value, sends the rest on, and never sends sensitive fields", async () => {
    const aId = h.A.put({ email: 'alice@example.com', firstName: 'Alice', lastName: 'Martin', nationalId: '987-65-4321' });
    await h.send('A', 'contacts.created', h.A.records.get(aId)!);
    const bId = await waitFor('B to have Alice', () => [...h.B.records.entries()].find(([, r]) => r.email_address === 'alice@example.com')?.[0]);
    await waitForOutboxIdle(h.hub);
    const bMark = h.B.requests.length;

    // B's user renames her and adds a phone: firstName is decided by precedence (A wins), the phone is B's.
    const edited = { ...h.B.records.get(bId)!, first_name: 'Alicia', phone_number: '+44 20 7183 8750' };
    h.B.records.set(bId, edited);
    await h.send('B', 'customers.updated', edited);
    await waitForOutboxIdle(h.hub);

    const toB = h.B.writes(bMark);
    expect(toB).toHaveLength(1);
    expect(toB[0]).toMatchObject({ method: 'PUT', path: `/customers/${bId}`, body: { first_name: 'Alice', phone_number: '+442071838750' } });
    const toA = h.A.writes();
    expect(toA).toHaveLength(1);
    expect(toA[0]).toMatchObject({ method: 'PUT', path: `/contacts/${aId}`, body: { firstName: 'Alice', phone: '+442071838750' } });
    expect(toA[0].body).not.toHaveProperty('nationalId');
    expect(h.A.records.get(aId)).toMatchObject({ nationalId: '987-65-4321', phone: '+442071838750' });

    // A change B makes that wins outright goes to A only: B already holds it.
    const bMark2 = h.B.requests.length;
    const aMark = h.A.requests.length;
    const renamed = { ...h.B.records.get(bId)!, last_name: 'Martin-Smith' };
    h.B.records.set(bId, renamed);
    await h.send('B', 'customers.updated', renamed);
    await waitForOutboxIdle(h.hub);
    expect(h.A.writes(aMark)).toEqual([expect.objectContaining({ method: 'PUT', body: expect.objectContaining({ lastName: 'Martin-Smith' }) })]);
    expect(h.B.writes(bMark2)).toHaveLength(0);
  });

  it('conditional sync: only active contacts reach D, and one that stops being active is deleted there', async () => {
    const bId = h.B.put({ email_address: 'grace@example.com', first_name: 'Grace', last_name: 'Hopper', state: 'I' });
    await h.send('B', 'customers.created', h.B.records.get(bId)!);
    await waitForOutboxIdle(h.hub);
    expect(h.D.requests).toHaveLength(0);
    // the record created from B reached A (created there) but not B itself
    await waitFor('A to have Grace', () => [...h.A.records.values()].some((r) => r.email === 'grace@example.com'));

    h.B.records.set(bId, { ...h.B.records.get(bId)!, state: 'A' });
    await h.send('B', 'customers.updated', h.B.records.get(bId)!);
    const [create] = await waitFor('D to receive Grace', () => h.D.writes().length === 1 && h.D.writes());
    expect(create).toMatchObject({ method: 'POST', path: '/subscribers', body: { email: 'grace@example.com', name: 'Grace' } });
    const dId = [...h.D.records.keys()][0];

    h.B.records.set(bId, { ...h.B.records.get(bId)!, state: 'I' });
    await h.send('B', 'customers.updated', h.B.records.get(bId)!);
    const [del] = await waitFor('D to delete Grace', () => h.D.writes().length === 2 && h.D.writes().slice(1));
    expect(del).toMatchObject({ method: 'DELETE', path: `/subscribers/${dId}` });
  });

  it('batch mode: C receives nothing until its window, then the latest state of each record once', async () => {
    const aId = h.A.put({ email: 'linus@example.com', firstName: 'Linus', lastName: 'T' });
    await h.send('A', 'contacts.created', h.A.records.get(aId)!);
    for (const lastName of ['To', 'Tor', 'Torvalds']) {
      h.A.records.set(aId, { ...h.A.records.get(aId)!, lastName });
      await h.send('A', 'contacts.updated', h.A.records.get(aId)!);
    }
    const goldenId = (await h.goldenIdOf('A', aId))!;
    await waitForOutboxIdle(h.hub);
    expect(h.C.requests).toHaveLength(0);
    const rows = await h.rows('C', goldenId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'pending', operation: 'upsert', attempts: 0 });
    const pending = await h.hub.http.get(`/api/deliveries?system=C&goldenId=${goldenId}`).set(h.hub.auth);
    expect(new Date(pending.body.items[0].nextAttemptAt).getTime()).toBeGreaterThan(Date.now() + 60_000);

    const flush = await h.hub.http.post('/api/deliveries/flush').set(h.hub.auth).send({ system: 'C' });
    expect(flush.status).toBe(200);
    expect(flush.body.count).toBeGreaterThanOrEqual(1);
    await waitForOutboxIdle(h.hub);
    const linus = h.C.writes().filter((r) => r.body?.email === 'linus@example.com');
    expect(linus).toEqual([expect.objectContaining({ method: 'POST', path: '/people', body: { email: 'linus@example.com', first: 'Linus', last: 'Torvalds' } })]);
    // Ada was created and deleted before the window: nothing of her ever reaches C.
    expect(h.C.writes().some((r) => r.body?.email === 'ada@example.com' || r.method === 'DELETE')).toBe(false);
  });

  it('a delivery whose worker died is taken up again after its lease and adopts the record it may have created', async () => {
    const aId = h.A.put({ email: 'crash@example.com', firstName: 'Crash', lastName: 'Test' });
    await h.send('A', 'contacts.created', h.A.records.get(aId)!);
    const goldenId = (await h.goldenIdOf('A', aId))!;
    await waitForOutboxIdle(h.hub);
    // As if a worker had claimed C's row, sent the create (it landed) and died before recording the answer.
    const cId = h.C.put({ email: 'crash@example.com', first: 'Crash', last: 'Test' });
    const [row] = await h.rows('C', goldenId);
    await h.hub.sql.query(`UPDATE outbox SET status = 'in_flight', attempts = 1, lease_until = now() - interval '1 second' WHERE id = $1`, [row.id]);
    const mark = h.C.requests.length;
    await waitFor('the row to be delivered', async () => (await h.rows('C', goldenId))[0].status === 'delivered');
    expect(h.C.requests.slice(mark).map((r) => r.method)).toEqual(['GET', 'PUT']);
    expect(h.C.requests[mark].query.get('email')).toBe('crash@example.com');
    expect([...h.C.records.values()].filter((r) => r.email === 'crash@example.com')).toHaveLength(1);
    expect(await h.goldenIdOf('C', cId)).toBe(goldenId);
  });

  it('a delivery claimed by a hub process that is gone is taken up at once, not after its lease; a live holder keeps it', async () => {
    const aId = h.A.put({ email: 'gone@example.com', firstName: 'Gone', lastName: 'Holder' });
    await h.send('A', 'contacts.created', h.A.records.get(aId)!);
    const goldenId = (await h.goldenIdOf('A', aId))!;
    await waitForOutboxIdle(h.hub);
    // As if another hub process had claimed C's row (lease far ahead), sent the create (it landed) and was killed.
    const cId = h.C.put({ email: 'gone@example.com', first: 'Gone', last: 'Holder' });
    const [row] = await h.rows('C', goldenId);
    const holderKey = 2_000_000_000;
    // While the holder's session lives (it holds its liveness lock), the claim is left alone.
    const holder = await h.hub.sql.connect();
    await holder.query('SELECT pg_advisory_lock($1, $2)', [HUB_INSTANCE_LOCK_CLASS, holderKey]);
    await h.hub.sql.query(
      `UPDATE outbox SET status = 'in_flight', attempts = 1, claimed_by = $2, lease_until = now() + interval '1 hour' WHERE id = $1`,
      [row.id, holderKey],
    );
    const mark = h.C.requests.length;
    // Several liveness checks happen meanwhile (one a second).
    await new Promise((r) => setTimeout(r, 2_500));
    expect((await h.rows('C', goldenId))[0].status).toBe('in_flight');
    expect(h.C.requests.length).toBe(mark);

    // The holder's session ends as a killed process's does: its claim comes back with a lookup before any create.
    holder.release(true);
    await waitFor('the orphaned row to be delivered', async () => (await h.rows('C', goldenId))[0].status === 'delivered');
    expect(h.C.requests.slice(mark).map((r) => r.method)).toEqual(['GET', 'PUT']);
    expect([...h.C.records.values()].filter((r) => r.email === 'gone@example.com')).toHaveLength(1);
    expect(await h.goldenIdOf('C', cId)).toBe(goldenId);
  });

  it('viewers read deliveries; only stewards act on them', async () => {
    const viewer = await issueKey(h.hub, 'viewer', 'viewer-d');
    expect((await h.hub.http.get('/api/deliveries?status=delivered&first=2').set(viewer)).status).toBe(200);
    expect((await h.hub.http.post('/api/deliveries/replay').set(viewer).send({})).status).toBe(403);
    expect((await h.hub.http.get('/api/deliveries/999999').set(h.hub.auth)).body.error.code).toBe('DELIVERY_NOT_FOUND');
    expect((await h.hub.http.get('/api/deliveries?status=nope').set(h.hub.auth)).status).toBe(400);
  });
});
