import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { issueKey } from './support/api-keys';
import { type DeliveryHarness, startDeliveryHarness, waitFor, waitForOutboxIdle } from './fixtures/delivery/delivery-harness';
import type { SeenRequest } from './fixtures/delivery/fake-system';

/** Retries, dead letters, Retry-After, compression, lost answers and the circuit breaker, against real HTTP targets. */
describe('delivery failures and protections', () => {
  let h: DeliveryHarness;
  beforeAll(async () => {
    h = await startDeliveryHarness();
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(() => {
    h.B.heal();
    h.B.delayMs = 0;
    h.B.honourKeys = true;
  });

  /** A contact created in A; returns A's id and its golden id once B has it. */
  async function contactFromA(email: string, extra: Record<string, unknown> = {}) {
    const aId = h.A.put({ email, firstName: 'Test', lastName: 'Person', ...extra });
    await h.send('A', 'contacts.created', h.A.records.get(aId)!);
    return { aId, goldenId: (await h.goldenIdOf('A', aId))! };
  }

  async function updateInA(aId: string, change: Record<string, unknown>, wait = true) {
    h.A.records.set(aId, { ...h.A.records.get(aId)!, ...change });
    if (wait) await h.send('A', 'contacts.updated', h.A.records.get(aId)!);
    else await h.post('A', 'contacts.updated', h.A.records.get(aId)!);
  }

  const inB = (email: string) => [...h.B.records.entries()].filter(([, r]) => r.email_address === email);
  const forEmail = (email: string) => (r: SeenRequest) => r.body?.email_address === email;

  it('500s are retried with the same Idempotency-Key; the record is created once and later states arrive in order', async () => {
    let failures = 0;
    h.B.failWith((r) => (r.method === 'POST' && failures++ < 3 ? { status: 500, body: { error: 'boom' } } : undefined));
    const { aId, goldenId } = await contactFromA('retry@example.com');
    await waitFor('the create to succeed', () => inB('retry@example.com').length === 1);
    const posts = h.B.writes().filter(forEmail('retry@example.com'));
    expect(posts).toHaveLength(4);
    expect(new Set(posts.map((p) => p.idempotencyKey)).size).toBe(1);
    await waitForOutboxIdle(h.hub);
    expect((await h.rows('B', goldenId)).map((r) => [r.status, r.attempts])).toEqual([['delivered', 4]]);

    // B goes down; three versions pile up; after recovery B ends on the last one, never stepping backwards.
    h.B.failWith((r) => (r.method === 'PUT' ? { status: 503, body: { error: 'down' } } : undefined));
    const mark = h.B.requests.length;
    for (const lastName of ['One', 'Two', 'Three']) await updateInA(aId, { lastName });
    await waitFor('B to be retried while down', () => h.B.writes(mark).length >= 2);
    h.B.heal();
    await waitFor('B to hold the last version', () => inB('retry@example.com')[0]?.[1].last_name === 'Three');
    await waitForOutboxIdle(h.hub);
    const order = ['One', 'Two', 'Three'];
    const applied = h.B.writes(mark).map((w) => order.indexOf(String(w.body?.last_name)));
    expect(applied).toEqual([...applied].sort((x, y) => x - y));
    expect(inB('retry@example.com')).toHaveLength(1);
    // one key never carries two different bodies: a compressed row that was already sent gets a new key
    const bodiesByKey = new Map<string, Set<string>>();
    for (const w of h.B.writes(mark)) bodiesByKey.set(w.idempotencyKey!, (bodiesByKey.get(w.idempotencyKey!) ?? new Set()).add(JSON.stringify(w.body)));
    expect([...bodiesByKey.values()].every((bodies) => bodies.size === 1)).toBe(true);
    expect(h.A.writes().filter((w) => w.body?.email === 'retry@example.com')).toHaveLength(0);
  });

  it('when a system answers again after an outage, deliveries waiting out long backoffs are tried at once', async () => {
    h.B.failWith((r) => (r.method === 'POST' ? { status: 503, body: { error: 'down' } } : undefined));
    const waiting = [await contactFromA('outage1@example.com'), await contactFromA('outage2@example.com')];
    await waitFor('both creates to have failed', async () => {
      const rows = (await Promise.all(waiting.map((w) => h.rows('B', w.goldenId)))).flat();
      return rows.length === 2 && rows.every((r) => r.status === 'pending' && r.attempts >= 1 && r.last_status === 503);
    });
    // Simulated time: after a long outage each row sits out a backoff near the ceiling.
    await h.hub.sql.query(
      `UPDATE outbox SET next_attempt_at = now() + interval '1 hour' WHERE system = 'B' AND status = 'pending' AND golden_id = ANY($1::uuid[])`,
      [waiting.map((w) => w.goldenId)],
    );
    h.B.heal();
    // The first delivery B answers (a new change) shows it is back: the two waiting creates follow within seconds.
    await contactFromA('outage3@example.com');
    await waitFor('the waiting creates to reach B', () => inB('outage1@example.com').length === 1 && inB('outage2@example.com').length === 1);
    await waitForOutboxIdle(h.hub);
    for (const w of waiting) expect((await h.rows('B', w.goldenId)).map((r) => r.status)).toEqual(['delivered']);
  });

  it('a 400 is a dead letter with its reason at once; a replay after the fix delivers it', async () => {
    h.B.failWith((r) => (r.method === 'POST' ? { status: 400, body: { error: 'email_address rejected' } } : undefined));
    const { goldenId } = await contactFromA('dead@example.com');
    const [dead] = await waitFor('a dead letter', async () => {
      const res = await h.hub.http.get(`/api/deliveries?system=B&status=dead&goldenId=${goldenId}`).set(h.hub.auth);
      return res.body.items.length === 1 && res.body.items;
    });
    expect(dead).toMatchObject({ attempts: 1, lastStatus: 400, lastCode: 'HTTP_CLIENT_ERROR' });
    expect(dead.lastError).toContain('email_address rejected');
    expect(h.B.writes().filter(forEmail('dead@example.com'))).toHaveLength(1);

    h.B.heal();
    const viewer = await issueKey(h.hub, 'viewer', 'v');
    expect((await h.hub.http.post('/api/deliveries/replay').set(viewer).send({ system: 'B' })).status).toBe(403);
    const replay = await h.hub.http.post('/api/deliveries/replay').set(h.hub.auth).send({ system: 'B' });
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual({ count: 1 });
    await waitFor('the replayed create', () => inB('dead@example.com').length === 1);
    await waitForOutboxIdle(h.hub);
    expect((await h.rows('B', goldenId)).map((r) => r.status)).toEqual(['delivered']);
    const bId = inB('dead@example.com')[0][0];
    expect(await h.goldenIdOf('B', bId)).toBe(goldenId);
    const { rows } = await h.hub.sql.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'delivery.replay'`);
    expect(rows[0].n).toBe(1);
  });

  it('429 and 503 with Retry-After are honoured even when the backoff would retry sooner', async () => {
    const { aId } = await contactFromA('slowdown@example.com');
    await waitFor('B to have it', () => inB('slowdown@example.com').length === 1);
    await waitForOutboxIdle(h.hub);
    for (const status of [429, 503]) {
      let sent = 0;
      h.B.failWith((r) => (r.method === 'PUT' && sent++ === 0 ? { status, headers: { 'retry-after': '1' }, body: { error: 'slow down' } } : undefined));
      const mark = h.B.requests.length;
      await updateInA(aId, { lastName: `After-${status}` });
      await waitFor('the retried update', () => h.B.writes(mark).length === 2);
      const [first, second] = h.B.writes(mark);
      expect(second.at - first.at).toBeGreaterThanOrEqual(950);
      expect(second.idempotencyKey).toBe(first.idempotencyKey);
      await waitForOutboxIdle(h.hub);
    }
    expect(inB('slowdown@example.com')[0][1]).toMatchObject({ last_name: 'After-503' });
  });

  it('compresses quick changes to one record into far fewer writes, the latest state last', async () => {
    const { aId, goldenId } = await contactFromA('busy@example.com');
    await waitFor('B to have it', () => inB('busy@example.com').length === 1);
    await waitForOutboxIdle(h.hub);
    h.B.delayMs = 300;
    const mark = h.B.requests.length;
    for (let i = 1; i <= 20; i++) await updateInA(aId, { lastName: `V${i}` }, false);
    await waitFor('B to hold V20', () => inB('busy@example.com')[0][1].last_name === 'V20', 30_000);
    await waitForOutboxIdle(h.hub);
    const writes = h.B.writes(mark);
    expect(writes.length).toBeLessThanOrEqual(8);
    expect(writes.at(-1)!.body).toMatchObject({ last_name: 'V20' });
    const versions = writes.map((w) => Number(String(w.body?.last_name).slice(1)));
    expect(versions).toEqual([...versions].sort((x, y) => x - y));
    expect((await h.rows('B', goldenId)).every((r) => r.status === 'delivered' || r.status === 'superseded')).toBe(true);
  });

  it('a create whose answer was lost is found by its match key instead of being created twice', async () => {
    h.B.honourKeys = false;
    let sent = 0;
    h.B.failWith((r) => (r.method === 'POST' && sent++ === 0 ? { status: 502, applyFirst: true, body: { error: 'gateway' } } : undefined));
    const { goldenId } = await contactFromA('lost@example.com');
    await waitFor('the delivery to finish', async () => (await h.rows('B', goldenId))[0]?.status === 'delivered');
    expect(inB('lost@example.com')).toHaveLength(1);
    // one lookup before the first create (nothing there yet), one before the retry (finds what the lost answer made)
    const lookups = h.B.requests.filter((r) => r.method === 'GET' && r.query.get('email_address') === 'lost@example.com');
    expect(lookups).toHaveLength(2);
    expect(h.B.writes().filter(forEmail('lost@example.com')).map((w) => w.method)).toEqual(['POST', 'PUT']);
    expect(await h.goldenIdOf('B', inB('lost@example.com')[0][0])).toBe(goldenId);
  });

  it('the circuit breaker pauses a record written too often, raises an audit row, and a retry resumes it', async () => {
    const { aId, goldenId } = await contactFromA('flap@example.com');
    await waitFor('B to have it', () => inB('flap@example.com').length === 1);
    // 1 create + 19 updates fill the window; the 21st write trips the breaker.
    for (let i = 1; i <= 20; i++) {
      await updateInA(aId, { lastName: `Flap${i}` });
      await waitForOutboxIdle(h.hub);
    }
    const [paused] = await waitFor('a paused delivery', async () => {
      const res = await h.hub.http.get(`/api/deliveries?system=B&status=paused&goldenId=${goldenId}`).set(h.hub.auth);
      return res.body.items.length === 1 && res.body.items;
    });
    expect(paused.lastCode).toBe('CIRCUIT_OPEN');
    expect(inB('flap@example.com')[0][1].last_name).toBe('Flap19');
    const { rows: audit } = await h.hub.sql.query(`SELECT target, after FROM audit_log WHERE action = 'delivery.circuit-open'`);
    expect(audit).toEqual([expect.objectContaining({ target: `delivery:${paused.id}` })]);
    const ledger = await h.hub.http.get(`/api/delivery-ledger?system=B&goldenId=${goldenId}`).set(h.hub.auth);
    expect(ledger.body.items[0].pausedAt).not.toBeNull();

    // Further changes wait in the paused row instead of reaching B.
    await updateInA(aId, { lastName: 'Settled' });
    await new Promise((r) => setTimeout(r, 300));
    expect(inB('flap@example.com')[0][1].last_name).toBe('Flap19');
    expect((await h.rows('B', goldenId)).filter((r) => r.status === 'paused')).toHaveLength(1);

    const retried = await h.hub.http.post(`/api/deliveries/${paused.id}/retry`).set(h.hub.auth);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: 'pending', attempts: 0 });
    await waitFor('B to get the latest state', () => inB('flap@example.com')[0][1].last_name === 'Settled');
    expect((await h.hub.http.post(`/api/deliveries/${paused.id}/retry`).set(h.hub.auth)).body.error.code).toBe('DELIVERY_NOT_RETRYABLE');
  });
});
