import { type RestSystem, type RestSystemOptions, startRestSystem } from '../shared/rest-system';
import type { CompletionContext, SystemDefinition } from '../shared/system-definition';
import { sequentialId } from '../shared/system-definition';
import { SystemHttpError } from '../shared/system-error';

/** Port the demo hub configuration expects System B on. */
export const SYSTEM_B_DEFAULT_PORT = 4002;

/**
 * The secret System B signs with when none is given. Public on purpose: it exists for the local demo
 * only (the demo runner passes the same value to the hub as SYSTEM_B_SECRET).
 */
export const SYSTEM_B_DEMO_SECRET = 'whsec_FmwzKdfV0atPZZ/ZqbpdJ+OflYU7kvqV';

const ACTIVE_STATES = ['A', 'I'] as const;
export const ORDER_STATUSES = ['OPEN', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'REFUNDED'] as const;

interface OrderLine {
  sku: string;
  qty: number;
  unit_price_cents: number;
}

/** An ERP refuses an order for a customer it does not know, and totals the lines when no total is given. */
function completeOrder(record: Record<string, unknown>, ctx: CompletionContext): void {
  const customerId = record.customer_id;
  if (typeof customerId === 'string' && !ctx.get('customers', customerId)) {
    throw new SystemHttpError(422, 'UNKNOWN_CUSTOMER', `customer ${customerId} does not exist`, [
      { field: 'customer_id', message: 'must be an existing customer_id' },
    ]);
  }
  if (ctx.provided.has('lines') && !ctx.provided.has('total_cents')) {
    const lines = record.lines as OrderLine[];
    record.total_cents = lines.reduce((sum, l) => sum + l.qty * l.unit_price_cents, 0);
  }
}

/**
 * System B, an ERP: snake_case JSON, dates as dd/MM/yyyy, money as integer cents with a currency code,
 * one-letter state codes (A = active, I = inactive). updated_at is ISO 8601 UTC so it can be polled on.
 */
export const SYSTEM_B_DEFINITION: SystemDefinition = {
  key: 'B',
  name: 'ERP',
  updatedAtField: 'updated_at',
  entities: [
    {
      name: 'customers',
      idField: 'customer_id',
      newId: sequentialId('CUST-', 5),
      fields: {
        first_name: { type: 'string', maxLength: 60 },
        last_name: { type: 'string', maxLength: 60 },
        email_address: { type: 'email', required: true },
        phone_number: { type: 'string', maxLength: 30 },
        birth_date: { type: 'date', format: 'dd/MM/yyyy' },
        national_id: { type: 'string', maxLength: 32 },
        state: { type: 'enum', values: ACTIVE_STATES, required: true, default: 'A' },
      },
    },
    {
      name: 'orders',
      idField: 'order_id',
      newId: sequentialId('SO-', 5),
      unique: ['order_number'],
      fields: {
        order_number: { type: 'string', required: true, maxLength: 30 },
        customer_id: { type: 'string' },
        order_date: { type: 'date', format: 'dd/MM/yyyy' },
        status: { type: 'enum', values: ORDER_STATUSES, required: true, default: 'OPEN' },
        total_cents: { type: 'integer', min: 0 },
        currency: { type: 'currency', required: true, default: 'EUR' },
        lines: {
          type: 'object-list',
          required: true,
          default: [],
          items: {
            sku: { type: 'string', required: true },
            qty: { type: 'integer', required: true, min: 1 },
            unit_price_cents: { type: 'integer', required: true, min: 0 },
          },
        },
      },
      complete: completeOrder,
    },
    {
      name: 'products',
      idField: 'product_id',
      newId: sequentialId('P-', 5),
      unique: ['sku'],
      fields: {
        sku: { type: 'string', required: true, maxLength: 40 },
        description: { type: 'string', maxLength: 200 },
        on_hand_qty: { type: 'integer', required: true, min: 0, default: 0 },
        list_price_cents: { type: 'integer', min: 0 },
        currency: { type: 'currency', required: true, default: 'EUR' },
        state: { type: 'enum', values: ACTIVE_STATES, required: true, default: 'A' },
      },
    },
  ],
};

export type SystemBOptions = RestSystemOptions;

/** Starts System B; port defaults to 4002 (pass 0 for a free one), secret to the demo secret. */
export function startSystemB(opts: SystemBOptions = {}): Promise<RestSystem> {
  return startRestSystem(SYSTEM_B_DEFINITION, {
    ...opts,
    port: opts.port ?? SYSTEM_B_DEFAULT_PORT,
    webhookSecret: opts.webhookSecret ?? SYSTEM_B_DEMO_SECRET,
  });
}
