import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// Tests may use the hub's mapping engine; the demo systems themselves never import src/.
import { parseHubConfigText } from '../src/config/hub-config.loader';
import { type HubConfigValidation, validateHubConfig } from '../src/config/hub-config.validation';
import { mapInbound, type MappingContext, mapOutbound } from '../src/mapping';
import type { RestSystem } from './shared/rest-system';
import { callSystem } from './shared/system-client';
import { SYSTEM_A_DEMO_SECRET, startSystemA } from './system-a/system-a';
import { SYSTEM_B_DEMO_SECRET, startSystemB } from './system-b/system-b';

/**
 * The demo configuration against the real demo systems: what the hub's mapper makes of one system's record
 * must be accepted by the other system's validation, and read back to the same canonical values.
 */
describe('demo configuration × demo systems', () => {
  let a: RestSystem;
  let b: RestSystem;
  let ctx: (system: string, entity: string) => MappingContext;

  beforeAll(async () => {
    const doc = parseHubConfigText(readFileSync(path.join(__dirname, 'hub.config.yaml'), 'utf8'));
    if (!doc.ok) throw new Error(JSON.stringify(doc.errors));
    const result: HubConfigValidation = validateHubConfig(doc.doc, {
      SYSTEM_A_SECRET: SYSTEM_A_DEMO_SECRET, SYSTEM_B_SECRET: SYSTEM_B_DEMO_SECRET, SYSTEM_C_DATABASE_URL: 'postgres://127.0.0.1/system_c',
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { config, entityTypes } = result;
    ctx = (system, entity) => ({ system, entityType: entityTypes[entity], mapping: config.systems[system].entities[entity] });
    a = await startSystemA({ port: 0 });
    b = await startSystemB({ port: 0 });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('a contact created in A becomes a customer B accepts, and reads back the same', async () => {
    const inA = await callSystem(a.url, 'POST', '/contacts', {
      firstName: 'Ada', lastName: 'Lovelace', email: 'Ada@Example.com', phone: '020 7183 8750', dob: '1815-12-10', status: 'active',
    });
    const canonical = mapInbound(ctx('A', 'contact'), inA.body);
    expect(canonical.errors).toEqual([]);
    expect(canonical.record).toEqual({
      email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', phone: '+442071838750', birthDate: '1815-12-10', status: 'active',
    });

    const outB = mapOutbound(ctx('B', 'contact'), canonical.record);
    expect(outB.errors).toEqual([]);
    const inB = await callSystem(b.url, 'POST', '/customers', outB.record);
    expect(inB.status, JSON.stringify(inB.body)).toBe(201);
    expect(inB.body).toMatchObject({ email_address: 'ada@example.com', birth_date: '10/12/1815', state: 'A', phone_number: '+442071838750' });
    // B returns every field, so its empty national_id reads as "ssn is empty" (null), not as absent
    expect(mapInbound(ctx('B', 'contact'), inB.body).record).toEqual({ ...canonical.record, ssn: null });

    // and back to A: what A gets is valid for A
    const backToA = mapOutbound(ctx('A', 'contact'), { ...canonical.record, status: 'inactive' });
    expect((await callSystem(a.url, 'PUT', `/contacts/${inA.body.id}`, backToA.record)).status).toBe(200);
  });

  it('B\'s sensitive national_id is read into the hub but never written to a system', async () => {
    const inB = await callSystem(b.url, 'POST', '/customers', { email_address: 'grace@example.com', national_id: 'AB123456C', state: 'I' });
    const canonical = mapInbound(ctx('B', 'contact'), inB.body).record;
    expect(canonical).toMatchObject({ ssn: 'AB123456C', status: 'inactive' });
    expect(mapOutbound(ctx('B', 'contact'), canonical).record).not.toHaveProperty('national_id');
    expect(mapOutbound(ctx('A', 'contact'), canonical).record).toEqual({
      email: 'grace@example.com', firstName: null, lastName: null, phone: null, dob: null, status: 'inactive',
    });
  });

  describe('B orders with lines', () => {
    let orderCtx: MappingContext;
    let customerId: string;

    beforeAll(async () => {
      const customer = await callSystem(b.url, 'POST', '/customers', { email_address: 'buyer@example.com' });
      customerId = customer.body.customer_id as string;
      const golden = new Map([[customerId, 'golden-contact-1']]);
      orderCtx = {
        ...ctx('B', 'order'),
        references: {
          toGoldenId: (_s, _e, id) => golden.get(id),
          toExternalId: (_s, _e, id) => [...golden].find(([, g]) => g === id)?.[0],
        },
      };
    });

    it('a B order maps to canonical money, dates, statuses and lines, and a change round-trips through B', async () => {
      const order = await callSystem(b.url, 'POST', '/orders', {
        order_number: 'SO-2024-0042', customer_id: customerId, order_date: '06/05/2024', status: 'PAID',
        currency: 'EUR', lines: [{ sku: 'WIDGET-1', qty: 3, unit_price_cents: 1250 }, { sku: 'BOLT-7', qty: 10, unit_price_cents: 5 }],
      });
      expect(order.status, JSON.stringify(order.body)).toBe(201);
      const canonical = mapInbound(orderCtx, order.body);
      expect(canonical.errors).toEqual([]);
      expect(canonical.record).toEqual({
        orderNumber: 'SO-2024-0042', contact: 'golden-contact-1', orderDate: '2024-05-06', status: 'paid',
        total: { amount: '38.00', currency: 'EUR' },
        lines: [
          { sku: 'WIDGET-1', quantity: 3, unitPrice: { amount: '12.50', currency: 'EUR' } },
          { sku: 'BOLT-7', quantity: 10, unitPrice: { amount: '0.05', currency: 'EUR' } },
        ],
      });

      // the order is repriced in dollars and one line changes: B must store exactly that, and give it back
      const changed = {
        ...canonical.record, status: 'shipped', total: { amount: '40.00', currency: 'USD' },
        lines: [{ sku: 'WIDGET-1', quantity: 2, unitPrice: { amount: '20.00', currency: 'USD' } }],
      };
      const out = mapOutbound(orderCtx, changed);
      expect(out.errors).toEqual([]);
      const updated = await callSystem(b.url, 'PUT', `/orders/${order.body.order_id}`, out.record);
      expect(updated.status, JSON.stringify(updated.body)).toBe(200);
      expect(updated.body).toMatchObject({
        status: 'SHIPPED', total_cents: 4000, currency: 'USD', customer_id: customerId,
        lines: [{ sku: 'WIDGET-1', qty: 2, unit_price_cents: 2000 }],
      });
      expect(mapInbound(orderCtx, updated.body)).toEqual({ record: changed, errors: [] });
    });

    it('an order the hub creates in B without a total: B sums the lines, in the currency the lines carry', async () => {
      const lines = [
        // B has no line descriptions: the hub keeps them and B (which refuses unknown line fields) never sees them
        { sku: 'GEAR-42', description: 'Gear, 42 teeth', quantity: 4, unitPrice: { amount: '7.25', currency: 'GBP' } },
        { sku: 'CHAIN-1', quantity: 1, unitPrice: { amount: '19.99', currency: 'GBP' } },
      ];
      const out = mapOutbound(orderCtx, { orderNumber: 'WEB-1001', contact: 'golden-contact-1', orderDate: '2024-06-01', status: 'pending', lines });
      expect(out.errors).toEqual([]);
      const created = await callSystem(b.url, 'POST', '/orders', out.record);
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body).toMatchObject({ currency: 'GBP', total_cents: 4899, status: 'OPEN' });
      expect(mapInbound(orderCtx, created.body).record).toEqual({
        orderNumber: 'WEB-1001', contact: 'golden-contact-1', orderDate: '2024-06-01', status: 'pending', total: { amount: '48.99', currency: 'GBP' },
        lines: lines.map(({ description: _omitted, ...line }) => line),
      });
    });

    it('lines in another currency than the order are refused by the mapper, naming the line, before B is called', () => {
      const out = mapOutbound(orderCtx, {
        orderNumber: 'SO-9', total: { amount: '10.00', currency: 'EUR' },
        lines: [{ sku: 'A', quantity: 1, unitPrice: { amount: '10.00', currency: 'USD' } }],
      });
      expect(out.record).toEqual({ order_number: 'SO-9', total_cents: 1000, currency: 'EUR' });
      expect(out.errors.map((e) => [e.code, e.field, e.systemField])).toEqual([['CURRENCY_MISMATCH', 'lines.0.unitPrice', 'lines.0.unit_price_cents']]);
    });
  });

  it('an inventory item from the warehouse (C) becomes a B product', async () => {
    // a stock_items row as pg returns it: numeric as a string
    const row = { id: '7', sku: 'GEAR-42', name: 'Gear, 42 teeth', quantity: 3, location: 'C-02-11', price: '38.00', currency: 'EUR', modified_at: new Date().toISOString() };
    const canonical = mapInbound(ctx('C', 'inventory'), row);
    expect(canonical.errors).toEqual([]);
    expect(canonical.record).toEqual({ sku: 'GEAR-42', name: 'Gear, 42 teeth', quantity: 3, location: 'C-02-11', price: { amount: '38.00', currency: 'EUR' } });
    const out = mapOutbound(ctx('B', 'inventory'), canonical.record);
    const product = await callSystem(b.url, 'POST', '/products', out.record);
    expect(product.status, JSON.stringify(product.body)).toBe(201);
    expect(product.body).toMatchObject({ sku: 'GEAR-42', description: 'Gear, 42 teeth', on_hand_qty: 3, list_price_cents: 3800, currency: 'EUR' });
    expect(mapOutbound(ctx('C', 'inventory'), canonical.record).record).toEqual({
      sku: 'GEAR-42', name: 'Gear, 42 teeth', quantity: 3, location: 'C-02-11', price: '38.00', currency: 'EUR',
    });
  });

  it('a user in A maps one to one', async () => {
    const user = await callSystem(a.url, 'POST', '/users', { username: 'ada', email: 'ada@example.com', displayName: 'Ada L.', roles: ['admin'] });
    expect(mapInbound(ctx('A', 'user'), user.body)).toEqual({
      record: { username: 'ada', email: 'ada@example.com', displayName: 'Ada L.', roles: ['admin'], active: true }, errors: [],
    });
  });
});
