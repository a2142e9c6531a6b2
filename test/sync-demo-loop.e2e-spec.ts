import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoTestStack, startDemoTestStack } from './support/demo-harness';
import { eventually, inboxOf, totalWrites } from './support/demo-helpers';

/**
 * Loop prevention with the real demo systems. A and B send a webhook for every write,
 * the hub's own included, so every delivery comes straight back as an echo.
 */
describe('demo sync: one change makes one write per other system and no loop', () => {
  let s: DemoTestStack;
  beforeAll(async () => {
    s = await startDemoTestStack('sysc_demo_loop');
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('a contact created then updated in A: one write to B each, none back to A, echoes stop in the inbox', async () => {
    const started = Date.now();
    const created = await s.A.edit({
      entity: 'contacts', action: 'create',
      data: { firstName: 'Alan', lastName: 'Turing', email: 'alan@example.com', dob: '1912-06-23' },
    });
    const aId = String(created.id);
    const bId = await eventually(async () => {
      const found = await s.B.find('customers', { email_address: 'alan@example.com' });
      expect(found).toHaveLength(1);
      return String(found[0].customer_id);
    });
    await s.waitForIdle();
    const createIdle = Date.now() - started;

    let a = await s.A.stats();
    let b = await s.B.stats();
    expect(b.writes).toEqual({ customers: { POST: 1 } });
    expect(b.received).toEqual({ customers: { POST: 1 } });
    expect(a.received).toEqual({});
    // B announced the hub's write (its echo) and the hub took it in and stopped it. The hub's start-up poll
    // of A and B may also have read the records: such reads must change nothing either.
    expect(b.webhooks.delivered).toBe(1);
    const bEvents = await inboxOf(s.sql, 'B', bId);
    expect(bEvents.filter((e) => e.origin === 'webhook')).toHaveLength(1);
    expect(bEvents.map((e) => e.status).filter((st) => st !== 'echo' && st !== 'noop')).toEqual([]);
    const aEvents = await inboxOf(s.sql, 'A', aId);
    // A's webhook and the start-up poll of A may both carry the new record: whichever the pipeline took first applies
    // it, the other is a no-op.
    expect(aEvents.filter((e) => e.origin === 'webhook')).toHaveLength(1);
    expect(aEvents.filter((e) => e.status === 'applied')).toHaveLength(1);
    expect(aEvents.map((e) => e.status).filter((st) => st !== 'applied' && st !== 'noop')).toEqual([]);

    // An update: exactly one more write to B, B's echo stops, still nothing to A.
    const updateStarted = Date.now();
    await s.A.edit({ entity: 'contacts', action: 'update', id: aId, data: { firstName: 'Alan M.' } });
    await eventually(async () => {
      expect(await s.B.get('customers', bId)).toMatchObject({ first_name: 'Alan M.' });
    });
    await s.waitForIdle();
    const updateIdle = Date.now() - updateStarted;
    a = await s.A.stats();
    b = await s.B.stats();
    expect(b.writes).toEqual({ customers: { POST: 1, PUT: 1 } });
    expect(b.received).toEqual({ customers: { POST: 1, PUT: 1 } });
    expect(a.received).toEqual({});
    const events = (await inboxOf(s.sql, 'B', bId)).filter((e) => e.origin === 'webhook');
    expect(events).toHaveLength(2);
    expect(events.map((e) => e.status).filter((st) => st !== 'echo' && st !== 'noop')).toEqual([]);

    // Idle means idle: after a further settle period nothing else was written anywhere, no new event came in.
    const { rows: before } = await s.sql.query(`SELECT count(*)::int AS n FROM inbox_event`);
    await s.waitForIdle({ settleMs: 2_000 });
    const a2 = await s.A.stats();
    const b2 = await s.B.stats();
    expect(totalWrites(b2.received)).toBe(2);
    expect(totalWrites(a2.received)).toBe(0);
    expect(a2.webhooks.delivered + b2.webhooks.delivered).toBe(a.webhooks.delivered + b.webhooks.delivered);
    const { rows: after } = await s.sql.query(`SELECT count(*)::int AS n FROM inbox_event`);
    expect(after[0].n).toBe(before[0].n);
    expect(await s.C.list()).toEqual([]);
    const golden = (await s.hub.bySource('A', 'contact', aId))!;
    expect(golden.version).toBe(2);
    console.info(
      `[scenario 2] create: B writes 1, A writes 0, idle after ${createIdle} ms; update: B writes 1 more, A 0, idle after ${updateIdle} ms; ` +
      `B inbox statuses ${events.map((e) => `${e.status}/${e.reason}`).join(', ')}; golden v${golden.version}`,
    );
  });

  it('a change made in B reaches A once and B is not written back', async () => {
    await s.waitForIdle();
    const bBefore = totalWrites((await s.B.stats()).received);
    const aBefore = await s.A.stats();
    const created = await s.B.edit({
      entity: 'customers', action: 'create',
      data: { first_name: 'Katherine', last_name: 'Johnson', email_address: 'katherine@example.com', birth_date: '26/08/1918', state: 'A' },
    });
    const bId = String(created.customer_id);
    const aId = await eventually(async () => {
      const found = await s.A.find('contacts', { email: 'katherine@example.com' });
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ firstName: 'Katherine', dob: '1918-08-26', status: 'active' });
      return String(found[0].id);
    });
    await s.B.edit({ entity: 'customers', action: 'update', id: bId, data: { last_name: 'Coleman Johnson' } });
    await eventually(async () => {
      expect(await s.A.get('contacts', aId)).toMatchObject({ lastName: 'Coleman Johnson' });
    });
    await s.waitForIdle({ settleMs: 1_500 });
    const a = await s.A.stats();
    const b = await s.B.stats();
    expect(totalWrites(a.writes, 'contacts') - totalWrites(aBefore.writes, 'contacts')).toBe(2);
    expect(a.writes.contacts).toMatchObject({ POST: (aBefore.writes.contacts?.POST ?? 0) + 1 });
    // Nothing went back to the sender.
    expect(totalWrites(b.received)).toBe(bBefore);
    const aEvents = (await inboxOf(s.sql, 'A', aId)).filter((e) => e.origin === 'webhook');
    expect(aEvents).toHaveLength(2);
    expect(aEvents.map((e) => e.status).filter((st) => st !== 'echo' && st !== 'noop')).toEqual([]);
    console.info(`[scenario 2] B→A: A writes ${totalWrites(a.writes) - totalWrites(aBefore.writes)}, B writes 0; A echo statuses ${aEvents.map((e) => e.status).join(', ')}`);
  });
});
