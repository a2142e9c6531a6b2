import pg from 'pg';

/** A stock_items row as the warehouse database returns it (pg gives bigint and numeric as strings). */
export interface StockItemRow {
  id: string;
  sku: string;
  name: string | null;
  quantity: number;
  location: string | null;
  /** numeric(12,2) as a decimal string, never a float */
  price: string | null;
  currency: string | null;
  modified_at: Date;
}

export interface NewStockItem {
  sku: string;
  name?: string | null;
  quantity?: number;
  location?: string | null;
  /** a decimal string ("12.50") keeps the exact value; numbers are accepted for convenience */
  price?: string | number | null;
  currency?: string | null;
}

export type StockItemChanges = Partial<Omit<NewStockItem, 'sku'>>;

const EDITABLE = ['name', 'quantity', 'location', 'price', 'currency'] as const;

/**
 * Simulates the warehouse staff and their tools editing System C's table directly, as the hub would find
 * it when polling: plain SQL on stock_items, no webhooks.
 */
export class Warehouse {
  private readonly pool: pg.Pool;

  constructor(url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 2 });
  }

  async receive(item: NewStockItem): Promise<StockItemRow> {
    const { rows } = await this.pool.query<StockItemRow>(
      `INSERT INTO stock_items (sku, name, quantity, location, price, currency)
       VALUES ($1, $2, COALESCE($3, 0), $4, $5, $6) RETURNING *`,
      [item.sku, item.name ?? null, item.quantity ?? null, item.location ?? null, decimal(item.price), item.currency ?? null],
    );
    return rows[0];
  }

  /** Several items received at once (one goods receipt): one transaction, so a poll sees all of them or none. */
  async receiveAll(items: NewStockItem[]): Promise<StockItemRow[]> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const rows: StockItemRow[] = [];
      for (const item of items) {
        const { rows: [row] } = await client.query<StockItemRow>(
          `INSERT INTO stock_items (sku, name, quantity, location, price, currency)
           VALUES ($1, $2, COALESCE($3, 0), $4, $5, $6) RETURNING *`,
          [item.sku, item.name ?? null, item.quantity ?? null, item.location ?? null, decimal(item.price), item.currency ?? null],
        );
        rows.push(row);
      }
      await client.query('COMMIT');
      return rows;
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    } finally {
      client.release();
    }
  }

  /** Changes the given columns of one item; null when no item has that SKU. */
  async update(sku: string, changes: StockItemChanges): Promise<StockItemRow | null> {
    const columns = EDITABLE.filter((c) => c in changes);
    if (columns.length === 0) return this.get(sku);
    const values = columns.map((c) => (c === 'price' ? decimal(changes.price) : (changes[c] ?? null)));
    const set = columns.map((c, i) => `${c} = $${i + 2}`).join(', ');
    const { rows } = await this.pool.query<StockItemRow>(`UPDATE stock_items SET ${set} WHERE sku = $1 RETURNING *`, [sku, ...values]);
    return rows[0] ?? null;
  }

  /** Adds (or with a negative delta removes) stock, as a goods receipt or a pick would. */
  async adjustQuantity(sku: string, delta: number): Promise<StockItemRow | null> {
    const { rows } = await this.pool.query<StockItemRow>(
      'UPDATE stock_items SET quantity = quantity + $2 WHERE sku = $1 RETURNING *',
      [sku, delta],
    );
    return rows[0] ?? null;
  }

  async remove(sku: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('DELETE FROM stock_items WHERE sku = $1', [sku]);
    return rowCount === 1;
  }

  async get(sku: string): Promise<StockItemRow | null> {
    const { rows } = await this.pool.query<StockItemRow>('SELECT * FROM stock_items WHERE sku = $1', [sku]);
    return rows[0] ?? null;
  }

  /** Every item, in the order a poller reads them: (modified_at, id). */
  async list(): Promise<StockItemRow[]> {
    const { rows } = await this.pool.query<StockItemRow>('SELECT * FROM stock_items ORDER BY modified_at, id');
    return rows;
  }

  /** Empties the table and restarts ids, for a fresh demo. */
  async reset(): Promise<void> {
    await this.pool.query('TRUNCATE stock_items RESTART IDENTITY');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Items the demo starts with, when the table is empty. */
export const DEMO_STOCK_ITEMS: NewStockItem[] = [
  { sku: 'WIDGET-1', name: 'Widget, blue', quantity: 120, location: 'A-01-03', price: '12.50', currency: 'EUR' },
  { sku: 'BOLT-9', name: 'Bolt M9 (box of 100)', quantity: 40, location: 'B-07-01', price: '0.15', currency: 'EUR' },
  { sku: 'GEAR-42', name: 'Gear, 42 teeth', quantity: 0, location: 'C-02-11', price: '38.00', currency: 'EUR' },
];

/** Inserts DEMO_STOCK_ITEMS unless the table already holds items; returns how many were inserted. */
export async function seedDemoStock(warehouse: Warehouse): Promise<number> {
  if ((await warehouse.list()).length > 0) return 0;
  for (const item of DEMO_STOCK_ITEMS) await warehouse.receive(item);
  return DEMO_STOCK_ITEMS.length;
}

function decimal(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'number' ? String(value) : value;
}
