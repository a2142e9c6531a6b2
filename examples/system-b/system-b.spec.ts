import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RestSystem } from '../shared/rest-system';
import { callSystem, editInSystem } from '../shared/system-client';
import { startWebhookReceiver, type WebhookReceiver } from '../shared/webhook-receiver';
import { SYSTEM_B_DEMO_SECRET, startSystemB } from './system-b';

describe('System B (ERP)', () => {
  let b: RestSystem;
  let hub: WebhookReceiver;
  let clock: Date;
  const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    callSystem(b.url, method, path, body, headers);

  beforeEach(async () => {
    clock = new Date('2024-05-06T07:08:09.010Z');
    hub = await startWebhookReceiver({ B: SYSTEM_B_DEMO_SECRET });
    b = await startSystemB({ port: 0, hubUrl: hub.url, now: () => clock });
  });
  afterEach(async () => {
    await b.close();
    await hub.close();
  });

  it('speaks snake_case with dd/MM/yyyy dates, A/I states and ISO updated_at', async () => {
    const res = await call('POST', '/customers', {
      first_name: 'Grace', last_name: 'Hopper', email_address: 'grace@example.com', birth_date: '09/12/1906',
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      customer_id: 'CUST-00001', first_name: 'Grace', last_name: 'Hopper', email_address: 'grace@example.com',
      phone_number: null, birth_date: '09/12/1906', national_id: null, state: 'A', updated_at: '2024-05-06T07:08:09.010Z',
    });
    expect((await call('PUT', '/customers/CUST-00001', { state: 'I' })).body.state).toBe('I');
    expect((await call('GET', '/customers?state=i')).body.data).toHaveLength(1);
    expect((await call('GET', '/customers?birth_date=09/12/1906')).body.data).toHaveLength(1);
  });

  it('refuses ISO and impossible dates, and words instead of state codes', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ birth_date: '1906-12-09' }, 'birth_date'],
      [{ birth_date: '31/02/1990' }, 'birth_date'],
      [{ birth_date: '29/02/2023' }, 'birth_date'],
      [{ state: 'active' }, 'state'],
      [{ emailAddress: 'x@example.com' }, 'emailAddress'],
    ];
    for (const [fields, field] of cases) {
      const res = await call('POST', '/customers', { email_address: 'grace@example.com', ...fields });
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect((await call('POST', '/customers', { email_address: 'g@example.com', birth_date: '29/02/2024' })).status).toBe(201);
  });

  it('keeps money as integer cents with a currency code and totals order lines', async () => {
    await call('POST', '/customers', { email_address: 'grace@example.com' });
    const order = await call('POST', '/orders', {
      order_number: 'SO-2024-0001', customer_id: 'CUST-00001', order_date: '06/05/2024',
      lines: [{ sku: 'WIDGET-1', qty: 3, unit_price_cents: 1250 }, { sku: 'BOLT-9', qty: 10, unit_price_cents: 15 }],
    });
    expect(order.status).toBe(201);
    expect(order.body).toMatchObject({ order_id: 'SO-00001', status: 'OPEN', total_cents: 3900, currency: 'EUR', order_date: '06/05/2024' });

    // a given total is the ERP's own (discounts): kept as sent
    const discounted = await call('PUT', '/orders/SO-00001', { lines: [{ sku: 'WIDGET-1', qty: 1, unit_price_cents: 1250 }], total_cents: 1000 });
    expect(discounted.body.total_cents).toBe(1000);
    expect((await call('PUT', '/orders/SO-00001', { status: 'SHIPPED', currency: 'USD' })).body).toMatchObject({ status: 'SHIPPED', currency: 'USD', total_cents: 1000 });

    const bad: Record<string, unknown>[] = [
      { total_cents: 12.5 }, { total_cents: '1250' }, { total_cents: -1 }, { currency: 'eur' }, { currency: 'EURO' },
      { lines: [{ sku: 'X', qty: 0, unit_price_cents: 1 }] }, { lines: [{ sku: 'X', qty: 1, unit_price: 1 }] },
      { order_date: '2024-05-06' }, { status: 'shipped' },
    ];
    for (const fields of bad) {
      expect((await call('POST', '/orders', { order_number: 'SO-X', ...fields })).status, JSON.stringify(fields)).toBe(400);
    }
  });

  it('refuses an order for an unknown customer and a duplicate order number', async () => {
    const unknown = await call('POST', '/orders', { order_number: 'SO-1', customer_id: 'CUST-99999' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('UNKNOWN_CUSTOMER');
    expect((await call('POST', '/orders', { order_number: 'SO-1' })).status).toBe(201);
    const dup = await call('POST', '/orders', { order_number: 'so-1' });
    expect(dup.status).toBe(409);
    expect(b.store.count('orders')).toBe(1);
  });

  it('holds products with unique SKUs and on-hand quantities', async () => {
    const p = await call('POST', '/products', { sku: 'WIDGET-1', description: 'Widget', list_price_cents: 1250 });
    expect(p.body).toEqual({
      product_id: 'P-00001', sku: 'WIDGET-1', description: 'Widget', on_hand_qty: 0, list_price_cents: 1250, currency: 'EUR', state: 'A',
      updated_at: '2024-05-06T07:08:09.010Z',
    });
    expect((await call('POST', '/products', { sku: 'widget-1' })).status).toBe(409);
    expect((await call('PUT', '/products/P-00001', { on_hand_qty: -2 })).status).toBe(400);
  });

  it('pages on updated_at and sends snake_case webhooks named after its entities', async () => {
    await call('POST', '/customers', { email_address: 'a@example.com' });
    await call('POST', '/customers', { email_address: 'b@example.com' });
    clock = new Date('2024-05-06T07:08:10.000Z');
    await editInSystem(b.url, { entity: 'customers', action: 'update', id: 'CUST-00001', data: { state: 'I' } });
    await call('POST', '/orders', { order_number: 'SO-7', customer_id: 'CUST-00002' });
    await call('DELETE', '/orders/SO-00001');

    const first = await call('GET', '/customers?limit=1');
    expect(first.body.data.map((r: { customer_id: string }) => r.customer_id)).toEqual(['CUST-00002']);
    const second = await call('GET', `/customers?limit=1&cursor=${first.body.next}`);
    expect(second.body).toMatchObject({ data: [{ customer_id: 'CUST-00001', state: 'I' }], next: null });

    const events = await hub.waitForAccepted(5);
    expect(events.map((e) => e.envelope?.type)).toEqual([
      'customers.created', 'customers.created', 'customers.updated', 'orders.created', 'orders.deleted',
    ]);
    expect(events.every((e) => e.systemKey === 'B')).toBe(true);
    expect(events[2].envelope).toEqual({
      type: 'customers.updated', timestamp: '2024-05-06T07:08:10.000Z',
      data: expect.objectContaining({ customer_id: 'CUST-00001', email_address: 'a@example.com', state: 'I', updated_at: '2024-05-06T07:08:10.000Z' }),
    });
    expect(events[4].envelope?.data).toMatchObject({ order_id: 'SO-00001', order_number: 'SO-7', customer_id: 'CUST-00002' });
  });
});
