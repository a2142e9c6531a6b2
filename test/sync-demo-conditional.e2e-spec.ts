import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoTestStack, startDemoTestStack } from './support/demo-harness';
import { eventually, inboxOf } from './support/demo-helpers';

/**
 * Conditional writes (docs/decision-conditional-writes.md) with the real demo systems, whose updates honour
 * If-Match on the record's updatedAt. A user's edit in A that the hub has not heard of (its webhook is lost)
 * must not be overwritten by the hub's next write to A: A refuses it with 412, the hub reads the record,
 * merges the edit by the rules and only then writes, so the edit reaches golden and B instead of vanishing.
 */
describe('demo sync: a hub write never overwrites a change it has not seen', () => {
  let s: DemoTestStack;
  beforeAll(async () => {
    s = await startDemoTestStack('sysc_demo_conditional');
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('an edit in A whose webhook was lost survives the hub writing B\'s change to A, and reaches B', async () => {
    const created = await s.A.edit({
      entity: 'contacts', action: 'create',
      data: { firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com', dob: '1906-12-09' },
    });
    const aId = String(created.id);
    const bId = await eventually(async () => {
      const found = await s.B.find('customers', { email_address: 'grace@example.com' });
      expect(found).toHaveLength(1);
      return String(found[0].customer_id);
    });
    await s.waitForIdle();

    // The user renames her in A, and A's webhook for it is lost: the hub still believes A holds "Hopper".
    await s.A.webhooks({ dropNext: 1 });
    await s.A.edit({ entity: 'contacts', action: 'update', id: aId, data: { lastName: 'Murray Hopper' } });
    // Meanwhile B gets her phone number: the hub writes golden (still "Hopper") to A.
    await s.B.edit({ entity: 'customers', action: 'update', id: bId, data: { phone_number: '+442079460123' } });

    await eventually(async () => {
      expect(await s.B.get('customers', bId)).toMatchObject({ last_name: 'Murray Hopper', phone_number: '+442079460123' });
      expect(await s.A.get('contacts', aId)).toMatchObject({ lastName: 'Murray Hopper', phone: '+442079460123' });
    }, 30_000);
    await s.waitForIdle();

    const golden = await s.hub.bySource('A', 'contact', aId);
    expect(golden?.data).toMatchObject({ lastName: 'Murray Hopper', phone: '+442079460123' });
    // A answered the stale write with 412 and the hub read the record back (origin refresh) and applied it.
    const refreshed = (await inboxOf(s.sql, 'A', aId)).filter((e) => e.origin === 'refresh');
    expect(refreshed.map((e) => e.status)).toContain('applied');
    const a = await s.A.stats();
    expect(a.requests.filter((w) => w.status === 412)).toHaveLength(1);
    const { rows } = await s.sql.query(`SELECT status, count(*)::int AS n FROM outbox GROUP BY status`);
    expect(rows.filter((r) => !['delivered', 'superseded'].includes(r.status))).toEqual([]);
  });

  it("C's own edit between two polls is not overwritten by the hub writing B's change to C (postgres adapter)", async () => {
    await s.C.receive({ sku: 'COND-1', name: 'Washer', quantity: 10, location: 'A-01-01', price: '0.10', currency: 'EUR' });
    await s.hub.refresh('C', { entityType: 'inventory' });
    const productId = await eventually(async () => {
      const [product] = await s.B.find('products', { sku: 'COND-1' });
      expect(product).toBeDefined();
      return String(product.product_id);
    });
    await s.waitForIdle();

    // Someone moves the stock in the warehouse table (C sends no webhooks; the next poll is up to 30 s away) and,
    // at the same time, the ERP renames the product: the hub writes the product to C with the location it knows.
    await s.C.update('COND-1', { location: 'B-02-02' });
    await s.B.edit({ entity: 'products', action: 'update', id: productId, data: { description: 'Flat washer' } });

    await eventually(async () => {
      expect(await s.C.get('COND-1')).toMatchObject({ name: 'Flat washer', location: 'B-02-02' });
    }, 20_000);
    await s.waitForIdle();
    const cId = String((await s.C.get('COND-1'))!.id);
    expect((await s.hub.bySource('C', 'inventory', cId))?.data).toMatchObject({ name: 'Flat washer', location: 'B-02-02' });
  });
});
