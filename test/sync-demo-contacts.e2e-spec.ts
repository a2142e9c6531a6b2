import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoTestStack, startDemoTestStack } from './support/demo-harness';
import { eventually } from './support/demo-helpers';

/**
 * Contacts, with the real demo systems wired by examples/hub.config.yaml: contacts A → B (create,
 * update, delete) in B's own shape, and inventory C → B by refresh and B → C by webhook.
 */
describe('demo sync: contacts A → B and inventory C ↔ B in each system\'s own shape', () => {
  let s: DemoTestStack;
  beforeAll(async () => {
    s = await startDemoTestStack('sysc_demo_contacts');
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('a contact created, updated and deleted in A is created, updated and deleted in B', async () => {
    const started = Date.now();
    const created = await s.A.edit({
      entity: 'contacts', action: 'create',
      data: { firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com', dob: '1906-12-09', phone: '+44 20 7946 0123' },
    });
    const aId = String(created.id);

    // B's field names, B's date format, B's state code, the phone in the canonical E.164 form.
    const [customer] = await eventually(async () => {
      const found = await s.B.find('customers', { email_address: 'grace@example.com' });
      expect(found).toHaveLength(1);
      return found;
    });
    const createdIn = Date.now() - started;
    expect(customer).toMatchObject({
      first_name: 'Grace', last_name: 'Hopper', email_address: 'grace@example.com', birth_date: '09/12/1906', state: 'A',
      phone_number: '+442079460123',
    });
    expect(customer).not.toHaveProperty('firstName');
    expect(customer).not.toHaveProperty('dob');
    const bId = String(customer.customer_id);

    // The golden record holds both cross-references, and its values in canonical form.
    const golden = await eventually(async () => {
      const g = await s.hub.bySource('A', 'contact', aId);
      expect(g?.sources.map((x) => `${x.system}:${x.externalId}`).sort()).toEqual([`A:${aId}`, `B:${bId}`]);
      return g!;
    });
    expect(golden.data).toMatchObject({ email: 'grace@example.com', firstName: 'Grace', lastName: 'Hopper', birthDate: '1906-12-09', status: 'active' });
    expect((await s.hub.bySource('B', 'contact', bId))?.id).toBe(golden.id);
    const rest = await s.hub.request('GET', `/api/golden-records/contact/${golden.id}`);
    expect(rest.status).toBe(200);
    expect(rest.body.sources.map((x: { system: string }) => x.system).sort()).toEqual(['A', 'B']);

    // An update in A reaches B, date format included.
    const updateStarted = Date.now();
    await s.A.edit({ entity: 'contacts', action: 'update', id: aId, data: { lastName: 'Murray Hopper', dob: '1906-12-10' } });
    await eventually(async () => {
      expect(await s.B.get('customers', bId)).toMatchObject({ last_name: 'Murray Hopper', birth_date: '10/12/1906', first_name: 'Grace' });
    });
    const updatedIn = Date.now() - updateStarted;

    // A delete in A deletes in B and tombstones the golden record (kept, restorable).
    const deleteStarted = Date.now();
    await s.A.edit({ entity: 'contacts', action: 'delete', id: aId });
    await eventually(async () => {
      expect(await s.B.get('customers', bId)).toBeNull();
    });
    const deletedIn = Date.now() - deleteStarted;
    const tomb = await s.hub.request('GET', `/api/golden-records/contact/${golden.id}`);
    expect(tomb.status).toBe(200);
    expect(tomb.body.deleted).toBe(true);

    await s.waitForIdle();
    const stats = await s.B.stats();
    expect(stats.writes.customers).toEqual({ POST: 1, PUT: 1, DELETE: 1 });
    expect((await s.A.stats()).writes).toEqual({});
    console.info(`[scenario 1] contact A→B: created in B after ${createdIn} ms, update ${updatedIn} ms, delete ${deletedIn} ms; B writes ${JSON.stringify(stats.writes.customers)}, A writes 0`);
  });

  it('stock received in C and pulled by refresh reaches B\'s products in cents; a change in B follows to C', async () => {
    const started = Date.now();
    await s.C.receive({ sku: 'SPROCKET-7', name: 'Sprocket, 7 teeth', quantity: 35, location: 'D-04-02', price: '12.50', currency: 'EUR' });
    const run = await s.hub.refresh('C', { entityType: 'inventory' });
    expect(run).toMatchObject({ status: 'succeeded' });
    expect(run.seen).toBeGreaterThanOrEqual(1);

    const [product] = await eventually(async () => {
      const found = await s.B.find('products', { sku: 'SPROCKET-7' });
      expect(found).toHaveLength(1);
      return found;
    });
    const reachedB = Date.now() - started;
    expect(product).toMatchObject({ sku: 'SPROCKET-7', description: 'Sprocket, 7 teeth', on_hand_qty: 35, list_price_cents: 1250, currency: 'EUR' });
    // B has no location: the warehouse's bin stays in C and the hub.
    expect(product).not.toHaveProperty('location');
    const pId = String(product.product_id);

    const cRow = (await s.C.get('SPROCKET-7'))!;
    const golden = await eventually(async () => {
      const g = await s.hub.bySource('C', 'inventory', String(cRow.id));
      expect(g?.sources.map((x) => x.system).sort()).toEqual(['B', 'C']);
      return g!;
    });
    expect(golden.data).toMatchObject({ sku: 'SPROCKET-7', quantity: 35, location: 'D-04-02', price: { amount: '12.50', currency: 'EUR' } });
    expect((await s.hub.bySource('B', 'inventory', pId))?.id).toBe(golden.id);

    // inventory is `direction: both` in B and C with the default `merge` rule: B's change is not a true conflict
    // (C did not change these fields since it last synced), so it wins and is written to C in C's shape.
    const changeStarted = Date.now();
    await s.B.edit({ entity: 'products', action: 'update', id: pId, data: { description: 'Sprocket, 7 teeth (steel)', list_price_cents: 1399, on_hand_qty: 30 } });
    await eventually(async () => {
      expect(await s.C.get('SPROCKET-7')).toMatchObject({ name: 'Sprocket, 7 teeth (steel)', price: '13.99', currency: 'EUR', quantity: 30, location: 'D-04-02' });
    });
    const reachedC = Date.now() - changeStarted;
    const after = (await s.hub.bySource('B', 'inventory', pId))!;
    expect(after.data).toMatchObject({ name: 'Sprocket, 7 teeth (steel)', quantity: 30, price: { amount: '13.99', currency: 'EUR' } });
    const lineage = Object.fromEntries(after.lineage.map((l) => [l.field, l]));
    expect(lineage.name).toMatchObject({ system: 'B' });
    expect(lineage.quantity).toMatchObject({ system: 'B' });
    expect(lineage.location).toMatchObject({ system: 'C' });

    // Pulling C again finds the hub's own write there and changes nothing.
    const again = await s.hub.refresh('C', { entityType: 'inventory' });
    expect(again.changed).toBe(0);
    await s.waitForIdle();
    const stats = await s.B.stats();
    expect(stats.writes.products).toEqual({ POST: 1 });
    expect(await s.B.get('products', pId)).toMatchObject({ description: 'Sprocket, 7 teeth (steel)', on_hand_qty: 30, list_price_cents: 1399 });
    console.info(`[scenario 1] inventory: C→B in ${reachedB} ms (refresh), B→C in ${reachedC} ms; B product writes ${JSON.stringify(stats.writes.products)}`);
  });
  it('a true conflict on quantity (changed in both B and C since the last sync) is won by C, as fieldPrecedence says', async () => {
    // Each side changes the same item before the hub has seen the other's change: B with its webhooks off, C
    // (polled) simply not pulled yet. The hub's correction to B is held back by a 503 + Retry-After until both
    // changes are in, so neither side is overwritten before the conflict can be seen.
    await s.C.receive({ sku: 'BOLT-12', name: 'Bolt M12', quantity: 100, location: 'B-02-01', price: '0.20', currency: 'EUR' });
    await s.hub.refresh('C', { entityType: 'inventory' });
    const pId = await eventually(async () => {
      const [p] = await s.B.find('products', { sku: 'BOLT-12' });
      expect(p).toMatchObject({ on_hand_qty: 100 });
      return String(p.product_id);
    });
    await s.waitForIdle();
    const goldenId = (await s.hub.bySource('B', 'inventory', pId))!.id;

    await s.B.webhooks({ enabled: false });
    await s.B.edit({ entity: 'products', action: 'update', id: pId, data: { on_hand_qty: 70 } });
    await s.C.update('BOLT-12', { quantity: 90 });
    await s.B.fault({ status: 503, retryAfter: 4 });
    await s.hub.refresh('C', { entityType: 'inventory' });
    // The hub tried to give B the warehouse count and was told to come back in 4 s.
    await eventually(async () => {
      const res = await s.hub.request('GET', `/api/deliveries?system=B&goldenId=${goldenId}&status=pending`);
      expect(res.body.items).toEqual([expect.objectContaining({ lastStatus: 503 })]);
    });
    await s.B.fault({});
    await s.hub.refresh('B', { entityType: 'inventory' });
    await s.B.webhooks({ enabled: true });

    const golden = (await s.hub.bySource('B', 'inventory', pId))!;
    expect(golden.data.quantity).toBe(90);
    expect(golden.lineage.find((l) => l.field === 'quantity')).toMatchObject({ system: 'C' });
    const conflicts = await s.hub.request('GET', '/api/conflicts?first=100');
    const onQuantity = (conflicts.body.items as Record<string, any>[]).filter((c) => c.goldenRecordId === goldenId && c.field === 'quantity');
    expect(onQuantity).toEqual([expect.objectContaining({ status: 'auto_resolved', winner: 'C', winningValue: 90 })]);
    // B is corrected to the warehouse's count once its Retry-After has passed; C keeps its own.
    await eventually(async () => {
      expect(await s.B.get('products', pId)).toMatchObject({ on_hand_qty: 90 });
    }, 15_000, 200);
    await s.waitForIdle();
    expect(await s.C.get('BOLT-12')).toMatchObject({ quantity: 90 });
    console.info(`[scenario 1] quantity conflict B=70 vs C=90: golden 90 (winner C, ${onQuantity[0].rule}); B corrected to 90`);
  });
});
