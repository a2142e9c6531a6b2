import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dropSystemC, STOCK_ITEM_COLUMNS, setupSystemC } from './system-c';
import { DEMO_STOCK_ITEMS, seedDemoStock, Warehouse } from './warehouse';

/**
 * System C against a real PostgreSQL: the e2e project's server (DATABASE_URL, or the embedded one its global setup
 * starts), so `npm test` runs these with or without DATABASE_URL.
 */
describe('System C warehouse database', () => {
  const adminUrl = inject('adminDatabaseUrl');
  const database = `system_c_t_${randomBytes(4).toString('hex')}`;
  let url: string;
  let warehouse: Warehouse;
  let sql: pg.Client;

  beforeAll(async () => {
    // two concurrent setups, as two processes starting at once, must both succeed
    const [first, second] = await Promise.all([setupSystemC(adminUrl, { database }), setupSystemC(adminUrl, { database })]);
    expect(first).toEqual(second);
    url = first.url;
    warehouse = new Warehouse(url);
    sql = new pg.Client({ connectionString: url });
    await sql.connect();
  });
  afterAll(async () => {
    await sql?.end();
    await warehouse?.close();
    await dropSystemC(adminUrl, { database });
  });

  it('is idempotent and has the documented columns', async () => {
    await setupSystemC(adminUrl, { database });
    const { rows } = await sql.query<{ column_name: string }>(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'stock_items' ORDER BY ordinal_position",
    );
    expect(rows.map((r) => r.column_name)).toEqual([...STOCK_ITEM_COLUMNS]);
  });

  it('stamps modified_at from the database clock on insert and on every real update', async () => {
    await warehouse.reset();
    const inserted = await sql.query("INSERT INTO stock_items (sku, modified_at) VALUES ('OLD-1', '2000-01-01') RETURNING modified_at");
    expect((inserted.rows[0].modified_at as Date).getFullYear()).toBeGreaterThan(2000);

    const item = await warehouse.receive({ sku: 'WIDGET-1', name: 'Widget', quantity: 5, price: '12.50', currency: 'EUR' });
    expect(item).toMatchObject({ id: '2', sku: 'WIDGET-1', quantity: 5, price: '12.50', currency: 'EUR' });
    const moved = await warehouse.update('WIDGET-1', { location: 'A-01-01' });
    expect(moved!.modified_at.getTime()).toBeGreaterThan(item.modified_at.getTime());
    const same = await warehouse.update('WIDGET-1', { location: 'A-01-01' });
    expect(same!.modified_at).toEqual(moved!.modified_at);

    // two updates in one transaction still get increasing times (clock_timestamp, not now)
    // (compared in SQL: JavaScript dates drop the microseconds)
    await sql.query('BEGIN');
    const stamp = async (quantity: number) =>
      (await sql.query<{ after_start: boolean; micros: string }>(
        "UPDATE stock_items SET quantity = $1 WHERE sku = 'WIDGET-1' RETURNING modified_at > now() AS after_start, (extract(epoch FROM modified_at) * 1000000)::bigint::text AS micros",
        [quantity],
      )).rows[0];
    const t1 = await stamp(6);
    const t2 = await stamp(7);
    await sql.query('COMMIT');
    expect(t1.after_start && t2.after_start).toBe(true);
    expect(BigInt(t2.micros)).toBeGreaterThan(BigInt(t1.micros));
    expect((await warehouse.list()).map((r) => r.sku)).toEqual(['OLD-1', 'WIDGET-1']);
  });

  it('keeps SKUs unique, quantities non-negative, money exact and priced in a currency', async () => {
    await warehouse.reset();
    await warehouse.receive({ sku: 'BOLT-9', price: '0.15', currency: 'EUR' });
    await expect(warehouse.receive({ sku: 'BOLT-9' })).rejects.toMatchObject({ code: '23505' });
    await expect(warehouse.adjustQuantity('BOLT-9', -1)).rejects.toMatchObject({ code: '23514' });
    await expect(warehouse.update('BOLT-9', { currency: 'eur' })).rejects.toMatchObject({ code: '23514' });
    await expect(warehouse.receive({ sku: 'NUT-1', price: '1.00' })).rejects.toMatchObject({ code: '23514' });
    expect((await warehouse.adjustQuantity('BOLT-9', 100))!.quantity).toBe(100);
    expect((await warehouse.update('BOLT-9', { price: '1234567890.125' }))!.price).toBe('1234567890.13');
    expect(await warehouse.update('NOPE', { quantity: 1 })).toBeNull();
    expect(await warehouse.remove('BOLT-9')).toBe(true);
    expect(await warehouse.remove('BOLT-9')).toBe(false);
    expect(await warehouse.get('BOLT-9')).toBeNull();
  });

  it('seeds demo stock once', async () => {
    await warehouse.reset();
    expect(await seedDemoStock(warehouse)).toBe(DEMO_STOCK_ITEMS.length);
    expect(await seedDemoStock(warehouse)).toBe(0);
    expect((await warehouse.list()).map((r) => r.sku)).toEqual(DEMO_STOCK_ITEMS.map((i) => i.sku));
  });
});
