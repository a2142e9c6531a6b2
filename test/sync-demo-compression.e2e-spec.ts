import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoTestStack, startDemoTestStack } from './support/demo-harness';
import { eventually, inboxOf, outboxRows } from './support/demo-helpers';

/** Quick changes to one record while B is slow are compressed into a few writes. */
describe('demo sync: change compression while B is slow', () => {
  let s: DemoTestStack;
  beforeAll(async () => {
    s = await startDemoTestStack('sysc_demo_compression');
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('20 quick updates of one contact in A make far fewer than 20 writes to B, which ends with the latest state', async () => {
    const created = await s.A.edit({ entity: 'contacts', action: 'create', data: { firstName: 'Ada', lastName: 'V0', email: 'busy@example.com' } });
    const aId = String(created.id);
    const bId = await eventually(async () => {
      const found = await s.B.find('customers', { email_address: 'busy@example.com' });
      expect(found).toHaveLength(1);
      return String(found[0].customer_id);
    });
    await s.waitForIdle();
    const before = await s.B.stats();
    const mark = before.requests.length;
    const goldenId = (await s.hub.bySource('A', 'contact', aId))!.id;
    const rowsBefore = (await outboxRows(s.sql, { system: 'B', goldenId })).length;

    // Every call to B now takes 1.5 s (a slow ERP); the user keeps typing in the CRM.
    await s.B.fault({ delayMs: 1_500 });
    const started = Date.now();
    for (let i = 1; i <= 20; i++) await s.A.edit({ entity: 'contacts', action: 'update', id: aId, data: { lastName: `V${i}` } });
    const typedIn = Date.now() - started;

    // B announces every write it applies; wait until it has announced V20 (reading B's API would be slowed too).
    await eventually(async () => {
      const announced = (await inboxOf(s.sql, 'B', bId)).filter((e) => e.origin === 'webhook');
      expect(announced.at(-1)?.payload.last_name).toBe('V20');
    }, 45_000, 100);
    await s.waitForIdle({ timeoutMs: 45_000 });
    const converged = Date.now() - started;
    await s.B.fault({});

    expect(await s.B.get('customers', bId)).toMatchObject({ last_name: 'V20', email_address: 'busy@example.com' });
    const after = await s.B.stats();
    const writes = after.requests.slice(mark);
    expect(writes.every((w) => w.outcome === 'applied' && w.method === 'PUT' && w.id === bId)).toBe(true);
    expect(writes.length).toBeGreaterThanOrEqual(1);
    expect(writes.length).toBeLessThanOrEqual(5);
    // The hub's own record of it: several outbox rows at most, the latest delivered with the last state.
    const rows = (await outboxRows(s.sql, { system: 'B', goldenId })).slice(rowsBefore);
    expect(rows.filter((r) => r.status === 'delivered').length).toBe(writes.length);
    expect(rows.at(-1)).toMatchObject({ status: 'delivered', payload: expect.objectContaining({ last_name: 'V20' }) });
    // B never stepped back: the states it announced are in the order they were typed.
    const states = (await inboxOf(s.sql, 'B', bId)).filter((e) => e.origin === 'webhook').map((e) => Number(String(e.payload.last_name).slice(1)));
    expect(states).toEqual([...states].sort((x, y) => x - y));
    // Nothing was written back to A.
    expect((await s.A.stats()).received).toEqual({});
    const golden = (await s.hub.bySource('A', 'contact', aId))!;
    expect(golden.data.lastName).toBe('V20');
    console.info(
      `[scenario 4] 20 updates typed in ${typedIn} ms with B at 1.5 s per call: ${writes.length} writes to B ` +
      `(${rows.length} outbox rows; states V${states.slice(1).join(', V')}), B holds V20 after ${converged} ms; golden v${golden.version}`,
    );
  }, 60_000);
});
