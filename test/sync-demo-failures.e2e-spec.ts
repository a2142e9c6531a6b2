import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoTestStack, startDemoTestStack } from './support/demo-harness';
import { eventually, inboxOf, outboxRows } from './support/demo-helpers';

/**
 * System B failing. The demo configuration gives B `delivery: { maxAttempts: 8, backoff: 2s }`
 * (full jitter: the n-th retry waits up to 2 s·2^(n-1)), so a few failures take seconds to tens of seconds.
 */
describe('demo sync: B failing — retries with backoff, no duplicates, dead letters and their replay', () => {
  let s: DemoTestStack;
  beforeAll(async () => {
    s = await startDemoTestStack('sysc_demo_failures');
  });
  afterAll(async () => {
    await s?.stop();
  });

  /** B's customers with this e-mail address, read through B's API. */
  const customersOf = (email: string) => s.B.find('customers', { email_address: email });

  async function contactInA(email: string, lastName: string): Promise<{ aId: string; bId: string }> {
    const created = await s.A.edit({ entity: 'contacts', action: 'create', data: { firstName: 'Test', lastName, email } });
    const bId = await eventually(async () => {
      const found = await customersOf(email);
      expect(found).toHaveLength(1);
      return String(found[0].customer_id);
    });
    return { aId: String(created.id), bId };
  }

  it('500s: every change arrives once B recovers, the last state last, each record written once per change', async () => {
    const { aId, bId } = await contactInA('retry-1@example.com', 'Zero');
    await s.waitForIdle();
    const before = await s.B.stats();
    const mark = before.requests.length;

    await s.B.fault({ status: 500, count: 5 });
    const started = Date.now();
    // Three updates of one record, with time for B to fail in between, and a record created during the outage.
    for (const lastName of ['One', 'Two', 'Three']) {
      await s.A.edit({ entity: 'contacts', action: 'update', id: aId, data: { lastName } });
      await new Promise((r) => setTimeout(r, 300));
    }
    await s.A.edit({ entity: 'contacts', action: 'create', data: { firstName: 'New', lastName: 'During outage', email: 'retry-2@example.com' } });

    // Reads through B's API would take faults meant for the hub: wait (through /_admin) until all are used up,
    // watching the hub's deliveries meanwhile: a failed attempt is scheduled again later (backoff), never dead.
    let longestBackoffMs = 0;
    await eventually(async () => {
      const waiting = (await s.hub.request('GET', '/api/deliveries?system=B&first=500')).body.items as Record<string, any>[];
      for (const d of waiting.filter((x) => x.lastStatus === 500)) {
        expect(d.status).not.toBe('dead');
        if (d.status === 'pending') longestBackoffMs = Math.max(longestBackoffMs, Date.parse(d.nextAttemptAt) - Date.parse(d.updatedAt));
      }
      expect((await s.B.stats()).fault).toBeNull();
    }, 60_000, 50);
    expect(longestBackoffMs).toBeGreaterThan(0);
    await eventually(async () => {
      expect(await s.B.get('customers', bId)).toMatchObject({ last_name: 'Three' });
      expect(await customersOf('retry-2@example.com')).toHaveLength(1);
    }, 60_000, 200);
    const converged = Date.now() - started;
    await s.waitForIdle({ timeoutMs: 60_000 });

    const after = await s.B.stats();
    const requests = after.requests.slice(mark);
    const faults = requests.filter((r) => r.outcome === 'fault');
    // All five faults fell on the hub's calls (the test did not call B's API meanwhile): on writes (logged here) and
    // on the look-ups (reads, not logged) the hub makes before creating again a record whose create went unanswered.
    expect(faults.length).toBeGreaterThanOrEqual(1);
    expect(faults.length).toBeLessThanOrEqual(5);
    // B applied each Idempotency-Key at most once.
    const appliedKeys = requests.filter((r) => r.outcome === 'applied').map((r) => String(r.idempotencyKey));
    expect(new Set(appliedKeys).size).toBe(appliedKeys.length);
    // Keys are mdh-B-<outbox id>[-n]: every row that failed was later applied (under its own key, or a new one
    // when a newer state was compressed into it), or superseded by a newer row of the same record.
    const rowOf = (key?: string) => key?.match(/^mdh-B-(\d+)(?:-\d+)?$/)?.[1];
    const allRows = await outboxRows(s.sql, { system: 'B' });
    for (const rowId of new Set(faults.map((r) => rowOf(r.idempotencyKey)))) {
      const row = allRows.find((r) => r.id === rowId);
      expect(row?.status, `outbox row ${rowId}`).toMatch(/^(delivered|superseded)$/);
      if (row?.status === 'delivered') expect(appliedKeys.some((k) => rowOf(k) === rowId), `row ${rowId} applied`).toBe(true);
    }
    // No duplicates: one new customer; the old record updated at most once per change, never created again.
    expect(await customersOf('retry-2@example.com')).toHaveLength(1);
    expect(await customersOf('retry-1@example.com')).toHaveLength(1);
    const applied = requests.filter((r) => r.outcome === 'applied');
    expect(applied.filter((r) => r.method === 'POST')).toHaveLength(1);
    const puts = applied.filter((r) => r.method === 'PUT' && r.id === bId);
    expect(puts.length).toBeGreaterThanOrEqual(1);
    expect(puts.length).toBeLessThanOrEqual(3);

    // In order: the states B held for the record (its webhooks, as the hub received them) never step back.
    const order = ['Zero', 'One', 'Two', 'Three'];
    const held = (await inboxOf(s.sql, 'B', bId)).filter((e) => e.origin === 'webhook').map((e) => order.indexOf(String(e.payload.last_name)));
    expect(held.at(-1)).toBe(3);
    expect(held).toEqual([...held].sort((x, y) => x - y));
    const rows = await outboxRows(s.sql, { system: 'B', goldenId: (await s.hub.bySource('A', 'contact', aId))!.id });
    expect(rows.filter((r) => r.status !== 'delivered' && r.status !== 'superseded')).toEqual([]);
    console.info(
      `[scenario 3] 500 ×${faults.length} at B: converged after ${converged} ms; B applied ${applied.length} writes ` +
      `(${puts.length} PUT for 3 updates of one record, 1 POST); longest backoff seen ${longestBackoffMs} ms; attempts per row ${rows.map((r) => `${r.status}:${r.attempts}`).join(', ')}`,
    );
  }, 90_000);

  it('a permanent 400 goes to the dead letters with its reason; a retry after the fault is cleared delivers it', async () => {
    const { aId, bId } = await contactInA('dead@example.com', 'Alive');
    const goldenId = (await s.hub.bySource('A', 'contact', aId))!.id;
    await s.waitForIdle();

    await s.B.fault({ status: 400 });
    await s.A.edit({ entity: 'contacts', action: 'update', id: aId, data: { lastName: 'Rejected once' } });
    const dead = await eventually(async () => {
      const res = await s.hub.request('GET', `/api/deliveries?system=B&status=dead&goldenId=${goldenId}`);
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(1);
      return res.body.items[0];
    });
    // Permanent: one attempt, no retry.
    expect(dead).toMatchObject({ attempts: 1, lastStatus: 400, operation: 'upsert' });
    expect(dead.lastError).toMatch(/fault injected: HTTP 400|INJECTED_FAULT/);
    await s.waitForIdle();
    await s.B.fault({});
    expect(await s.B.get('customers', bId)).toMatchObject({ last_name: 'Alive' });
    expect((await s.B.stats()).requests.filter((r) => r.id === bId && r.outcome === 'fault')).toHaveLength(1);

    const retried = await s.hub.request('POST', `/api/deliveries/${dead.id}/retry`);
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    await eventually(async () => {
      expect(await s.B.get('customers', bId)).toMatchObject({ last_name: 'Rejected once' });
    });
    await s.waitForIdle();
    const detail = await s.hub.request('GET', `/api/deliveries/${dead.id}`);
    expect(detail.body).toMatchObject({ status: 'delivered' });
    expect(await customersOf('dead@example.com')).toHaveLength(1);
    console.info(`[scenario 3] 400 at B: dead after ${dead.attempts} attempt (${dead.lastStatus}, "${dead.lastError}"); retry delivered`);
  }, 60_000);
});
