import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoTestStack, startDemoTestStack } from './support/demo-harness';
import { eventually, outboxRows } from './support/demo-helpers';

/**
 * A chain of entity types, as examples/hub.config.yaml specifies it. One-way flows: `user` is mapped in A only, `order`
 * in B only (into the hub, nowhere else); contacts reach B only while `status: active` (filter, onFilterMismatch:
 * keep); B's `national_id` (ssn, sensitive) is read in and never written anywhere. The chain: no entity type
 * is mapped in all three systems, so the three are linked through the hub: contact A → B, stock C → B, and an
 * order in B that refers to both resolves to those golden records.
 */
describe('demo sync: one-way flows and the A / B / C chain, as configured', () => {
  let s: DemoTestStack;
  beforeAll(async () => {
    s = await startDemoTestStack('sysc_demo_chain');
  });
  afterAll(async () => {
    await s?.stop();
  });

  async function customersOf(email: string) {
    return s.B.find('customers', { email_address: email });
  }

  it('a user created and changed in A becomes a golden user and goes nowhere else', async () => {
    const user = await s.A.edit({ entity: 'users', action: 'create', data: { username: 'ghopper', email: 'gh@example.com', displayName: 'Grace', roles: ['admin'] } });
    const golden = await eventually(async () => {
      const g = await s.hub.bySource('A', 'user', String(user.id));
      expect(g?.data).toMatchObject({ username: 'ghopper', roles: ['admin'], active: true });
      return g!;
    });
    await s.A.edit({ entity: 'users', action: 'update', id: String(user.id), data: { roles: ['admin', 'steward'] } });
    await eventually(async () => {
      expect((await s.hub.bySource('A', 'user', String(user.id)))?.data.roles).toEqual(['admin', 'steward']);
    });
    await s.waitForIdle();
    expect(golden.sources.map((x) => x.system)).toEqual(['A']);
    expect(await outboxRows(s.sql, { entityType: 'user' })).toEqual([]);
    expect((await s.A.stats()).received).toEqual({});
    expect((await s.B.stats()).received).toEqual({});
    expect(await s.C.list()).toEqual([]);
  });

  it('contacts reach B only while active; one that turns inactive stays in B untouched', async () => {
    const created = await s.A.edit({ entity: 'contacts', action: 'create', data: { firstName: 'Ina', lastName: 'Active', email: 'ina@example.com', status: 'inactive' } });
    const aId = String(created.id);
    await eventually(async () => {
      expect((await s.hub.bySource('A', 'contact', aId))?.data.status).toBe('inactive');
    });
    await s.waitForIdle();
    const goldenId = (await s.hub.bySource('A', 'contact', aId))!.id;
    expect(await outboxRows(s.sql, { goldenId, system: 'B' })).toEqual([]);
    expect(await customersOf('ina@example.com')).toEqual([]);

    await s.A.edit({ entity: 'contacts', action: 'update', id: aId, data: { status: 'active' } });
    const [customer] = await eventually(async () => {
      const found = await customersOf('ina@example.com');
      expect(found).toHaveLength(1);
      return found;
    });
    expect(customer).toMatchObject({ state: 'A', first_name: 'Ina' });
    await s.waitForIdle();
    const writesBefore = (await s.B.stats()).received;

    await s.A.edit({ entity: 'contacts', action: 'update', id: aId, data: { status: 'inactive', lastName: 'Inactive' } });
    await eventually(async () => {
      expect((await s.hub.bySource('A', 'contact', aId))?.data).toMatchObject({ status: 'inactive', lastName: 'Inactive' });
    });
    await s.waitForIdle();
    expect((await s.B.stats()).received).toEqual(writesBefore);
    expect(await s.B.get('customers', String(customer.customer_id))).toMatchObject({ state: 'A', last_name: 'Active' });
  });

  it("B's national_id is kept in the hub (masked) and never written to A or back to B", async () => {
    const created = await s.B.edit({
      entity: 'customers', action: 'create',
      data: { first_name: 'Sam', last_name: 'Secret', email_address: 'sam@example.com', national_id: 'QQ123456C', state: 'A' },
    });
    const bId = String(created.customer_id);
    const aId = await eventually(async () => {
      const found = await s.A.find('contacts', { email: 'sam@example.com' });
      expect(found).toHaveLength(1);
      return String(found[0].id);
    });
    const golden = (await s.hub.bySource('B', 'contact', bId))!;
    // The admin key sees it; a viewer sees it masked.
    expect(golden.data.ssn).toBe('QQ123456C');
    const viewer = await s.hub.request('POST', '/api/api-keys', { name: 'chain-viewer', role: 'viewer' });
    expect(viewer.status, JSON.stringify(viewer.body)).toBe(201);
    const asViewer = await s.hub.request('GET', `/api/golden-records/contact/${golden.id}`, undefined, viewer.body.key);
    expect(asViewer.body.data.ssn).toBe('***');
    expect(await s.A.get('contacts', aId)).not.toHaveProperty('ssn');

    // A change in A goes to B without national_id; B keeps its own value.
    await s.A.edit({ entity: 'contacts', action: 'update', id: aId, data: { lastName: 'Public' } });
    await eventually(async () => {
      expect(await s.B.get('customers', bId)).toMatchObject({ last_name: 'Public', national_id: 'QQ123456C' });
    });
    await s.waitForIdle();
    const rows = await outboxRows(s.sql, { goldenId: golden.id });
    expect(rows.map((r) => r.system).sort()).toEqual(['A', 'B']);
    for (const row of rows) expect(JSON.stringify(row.payload)).not.toContain('QQ123456C');
  });

  it('the chain: contact A → B, stock C → B, an order in B links both golden records and goes nowhere else', async () => {
    const started = Date.now();
    const contact = await s.A.edit({ entity: 'contacts', action: 'create', data: { firstName: 'Olga', lastName: 'Order', email: 'olga@example.com' } });
    await s.C.receive({ sku: 'CHAIN-1', name: 'Chain link', quantity: 500, location: 'E-01-01', price: '0.40', currency: 'EUR' });
    await s.hub.refresh('C', { entityType: 'inventory' });
    const customerId = await eventually(async () => {
      const found = await customersOf('olga@example.com');
      expect(found).toHaveLength(1);
      return String(found[0].customer_id);
    });
    await eventually(async () => {
      expect(await s.B.find('products', { sku: 'CHAIN-1' })).toEqual([expect.objectContaining({ on_hand_qty: 500, list_price_cents: 40 })]);
    });
    const toB = Date.now() - started;

    const order = await s.B.edit({
      entity: 'orders', action: 'create',
      data: { order_number: 'SO-CHAIN-1', customer_id: customerId, order_date: '01/03/2026', status: 'PAID', currency: 'EUR', lines: [{ sku: 'CHAIN-1', qty: 10, unit_price_cents: 40 }] },
    });
    const goldenContact = (await s.hub.bySource('A', 'contact', String(contact.id)))!;
    const goldenOrder = await eventually(async () => {
      const g = await s.hub.bySource('B', 'order', String(order.order_id));
      expect(g).not.toBeNull();
      return g!;
    });
    expect(goldenOrder.data).toMatchObject({
      orderNumber: 'SO-CHAIN-1', contact: goldenContact.id, orderDate: '2026-03-01', status: 'paid',
      total: { amount: '4.00', currency: 'EUR' },
      lines: [{ sku: 'CHAIN-1', quantity: 10, unitPrice: { amount: '0.40', currency: 'EUR' } }],
    });
    const goldenStock = (await s.hub.bySource('C', 'inventory', String((await s.C.get('CHAIN-1'))!.id)))!;
    expect(goldenStock.sources.map((x) => x.system).sort()).toEqual(['B', 'C']);

    // A stock change in B (a goods receipt entered in the ERP) reaches C; A never takes inventory or orders.
    const [product] = await s.B.find('products', { sku: 'CHAIN-1' });
    await s.B.edit({ entity: 'products', action: 'update', id: String(product.product_id), data: { on_hand_qty: 490 } });
    await eventually(async () => {
      expect(await s.C.get('CHAIN-1')).toMatchObject({ quantity: 490, location: 'E-01-01' });
    });
    await s.waitForIdle();
    expect(await outboxRows(s.sql, { entityType: 'order' })).toEqual([]);
    expect((await outboxRows(s.sql, { entityType: 'inventory' })).map((r) => r.system).every((x) => x === 'B' || x === 'C')).toBe(true);
    expect((await outboxRows(s.sql, { entityType: 'contact', system: 'C' }))).toEqual([]);
    const aWrites = (await s.A.stats()).received;
    expect(Object.keys(aWrites).filter((e) => e !== 'contacts')).toEqual([]);
    console.info(`[scenario 5] chain: contact A→B and stock C→B in ${toB} ms; order in B linked to golden contact ${goldenContact.id}; B→C stock change applied`);
  });
});
