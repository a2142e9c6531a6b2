import { describe, expect, it } from 'vitest';
import type { ResolvedEntityType } from '../catalog/catalog.types';
import { systemEntitySchema } from '../config/hub-config.schema';
import { checkMappingConfig } from './mapping-config.check';

const contact: ResolvedEntityType = {
  name: 'contact',
  fields: {
    email: { type: 'email' },
    name: { type: 'string' },
    birthDate: { type: 'date' },
    seenAt: { type: 'datetime' },
    phone: { type: 'phone' },
    status: { type: 'enum', values: ['active', 'inactive'] },
    vip: { type: 'boolean' },
    level: { type: 'integer' },
    balance: { type: 'money' },
    credit: { type: 'money', currency: 'EUR' },
    roles: { type: 'list', items: { type: 'enum', values: ['admin', 'editor'] } },
    fees: { type: 'list', items: { type: 'money', currency: 'EUR' } },
    ssn: { type: 'string', sensitive: true },
  },
  matchOn: [['email']],
  precedence: [],
  fieldPrecedence: {},
  strategy: 'merge',
  deletePolicy: 'tombstone',
};

function check(fields: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return checkMappingConfig(systemEntitySchema.parse({ name: 'contacts', fields, ...extra }), contact);
}

describe('checkMappingConfig', () => {
  it('accepts a realistic mapping', () => {
    expect(check({
      email: 'email',
      name: { field: 'profile.name', trim: true, case: 'upper' },
      birthDate: { field: 'dob', format: 'dd/MM/yyyy' },
      seenAt: { field: 'seen', format: 'MM/dd/yyyy HH:mm', timezone: 'America/New_York' },
      phone: { field: 'tel', format: 'national' },
      status: { field: 'state', values: { active: 'A', inactive: 'I' }, default: 'active' },
      vip: { field: 'vip', values: { true: 'Y', false: 'N' } },
      level: { field: 'level', format: 'string', default: 1 },
      balance: { field: 'balance_cents', money: { unit: 'minor', currencyField: 'ccy' } },
      credit: { field: 'credit', money: { unit: 'decimal' }, format: 'number' },
      roles: { field: 'roles', values: { admin: 'ADM', editor: 'ED' } },
      fees: { field: 'fees', money: { unit: 'minor' } },
      ssn: 'ssn',
    }, { filter: { status: 'active' } })).toEqual([]);
  });

  it('reports the brief example: an unknown date pattern at fields.birthDate.format', () => {
    expect(check({ birthDate: { field: 'dob', format: 'dd/mm/yy' } })).toEqual([
      { path: 'fields.birthDate.format', message: expect.stringMatching(/^unknown date pattern "dd\/mm\/yy"/) },
    ]);
  });

  it('reports every problem with its path', () => {
    const problems = check({
      colour: 'colour',
      name: { field: 'name', format: 'dd/MM/yyyy', timezone: 'Europe/Berlin', money: { unit: 'minor', currency: 'EUR' } },
      birthDate: { field: 'dob', timezone: 'Mars/Olympus' },
      seenAt: { field: 'seen', format: 'yyyy-MM-dd' },
      phone: { field: 'tel', format: 'pretty' },
      status: { field: 'state', values: { active: 'A', archived: 'X', inactive: 'A' }, default: 'gone' },
      vip: { field: 'vip', values: { yes: 'Y' } },
      level: { field: 'level', case: 'upper', format: 'hex' },
      balance: { field: 'balance', money: { unit: 'minor' } },
      credit: { field: 'credit', money: { unit: 'minor', currency: 'XXY' } },
      fees: { field: 'fees', money: { unit: 'minor', currencyField: 'fee_ccy' } },
      email: { field: 'a..b' },
      ssn: { field: '__proto__.x' },
    }, { filter: { region: 'EU' } });
    expect(problems.map((p) => p.path)).toEqual([
      'fields.colour',
      'fields.name.format',
      'fields.name.timezone',
      'fields.name.money',
      'fields.birthDate.timezone',
      'fields.seenAt.format',
      'fields.phone.format',
      'fields.status.values.archived',
      'fields.status.values',
      'fields.status.default',
      'fields.vip.values.yes',
      'fields.level.format',
      'fields.level.case',
      'fields.balance.money',
      'fields.credit.money.currency',
      'fields.fees.money.currencyField',
      'fields.email.field',
      'fields.ssn.field',
      'filter.region',
    ]);
    expect(problems.find((p) => p.path === 'fields.status.values')?.message).toBe(
      'value map is not invertible: "A" is the system value of both "active" and "inactive"',
    );
  });

  it('treats system values that differ only by type or by the mapping case as duplicates', () => {
    expect(check({ level: { field: 'level', values: { 1: 1, 2: '1' } } }).map((p) => p.path)).toEqual(['fields.level.values']);
    expect(check({ status: { field: 's', values: { active: 'a', inactive: 'A' }, case: 'upper' } }).map((p) => p.path)).toEqual(['fields.status.values']);
  });

  it('reports two mappings writing the same or nested system fields outbound', () => {
    expect(check({ name: 'name', email: 'name' })).toEqual([
      { path: 'fields.email.field', message: 'system field "name" overlaps "name", also written outbound by fields.name.field' },
    ]);
    expect(check({ name: 'profile', email: 'profile.email' }).map((p) => p.path)).toEqual(['fields.email.field']);
    expect(check({ balance: { field: 'amount', money: { unit: 'minor', currencyField: 'ccy' } }, name: 'ccy' }).map((p) => p.path)).toEqual(['fields.name.field']);
  });

  it('lets one system field feed two canonical fields inbound, and ignores sensitive and id fields as writers', () => {
    expect(check({ name: 'name', email: { field: 'name', direction: 'in' } })).toEqual([]);
    expect(check({ name: 'name', ssn: 'name' })).toEqual([]);
    expect(checkMappingConfig(systemEntitySchema.parse({ name: 'c', id: 'key', fields: { name: 'key', email: 'key' } }), contact)).toEqual([]);
  });

  it('rejects non-canonical defaults and defaults that can never apply', () => {
    expect(check({ birthDate: { field: 'dob', default: '01/01/2024' } }).map((p) => p.path)).toEqual(['fields.birthDate.default']);
    expect(check({ email: { field: 'mail', default: 'ADA@example.com' } }).map((p) => p.path)).toEqual(['fields.email.default']);
    expect(check({ name: { field: 'n', default: 'x', direction: 'out' } }).map((p) => p.path)).toEqual(['fields.name.default']);
    expect(check({ credit: { field: 'c', default: { amount: '0.00', currency: 'EUR' } }, vip: { field: 'v', default: false } })).toEqual([]);
  });
});

describe('checkMappingConfig with nested fields', () => {
  const order: ResolvedEntityType = {
    ...contact,
    name: 'order',
    fields: {
      number: { type: 'string' },
      total: { type: 'money' },
      tags: { type: 'list', items: { type: 'string' } },
      meta: { type: 'object' },
      shipTo: { type: 'object', fields: { city: { type: 'string' }, zip: { type: 'string' } } },
      lines: {
        type: 'list',
        items: {
          type: 'object',
          fields: {
            sku: { type: 'string' },
            qty: { type: 'integer' },
            price: { type: 'money' },
            tax: { type: 'money' },
            shipBy: { type: 'date' },
            state: { type: 'enum', values: ['open', 'done'] },
            cost: { type: 'decimal', sensitive: true },
            dims: { type: 'object', fields: { kg: { type: 'decimal' }, size: { type: 'string' } } },
          },
        },
      },
    },
  };
  const checkOrder = (fields: Record<string, unknown>) => checkMappingConfig(systemEntitySchema.parse({ name: 'orders', id: 'order_id', fields }), order);
  const lines = (fields: Record<string, unknown>) => ({ lines: { field: 'items', fields } });

  it('accepts a realistic nested mapping, with items sharing the order currency through ^.', () => {
    expect(checkOrder({
      number: 'order_no',
      total: { field: 'total_cents', money: { unit: 'minor', currencyField: 'currency' } },
      lines: {
        field: 'items',
        fields: {
          sku: { field: 'code', trim: true },
          qty: { field: 'qty', format: 'string', default: 1 },
          price: { field: 'unit_price_cents', money: { unit: 'minor', currencyField: '^.currency' } },
          tax: { field: 'tax.amount', money: { unit: 'decimal', currencyField: 'tax.ccy' } },
          shipBy: { field: 'ship_by', format: 'dd/MM/yyyy' },
          state: { field: 'st', values: { open: 'O', done: 'D' } },
          cost: 'cost',
          dims: { field: 'dimensions', fields: { kg: 'weight', size: { field: 'sz', case: 'lower' } } },
        },
      },
      shipTo: { field: 'ship_to', fields: { city: 'town', zip: 'postcode' } },
    })).toEqual([]);
  });

  it('reports every nested problem with its full path', () => {
    const problems = checkOrder({
      number: { field: 'no', fields: { a: 'a' } },
      tags: { field: 'tags', fields: { a: 'a' } },
      meta: { field: 'meta', fields: { a: 'a' } },
      shipTo: { field: 'ship_to', fields: { town: 'town', zip: { field: 'zip', format: 'number' } } },
      lines: {
        field: 'items',
        format: 'dd/MM/yyyy',
        fields: {
          quantity: 'qty',
          sku: { field: 'a..b' },
          qty: { field: 'qty', default: '1', values: { 1: 'one', 2: 'one' } },
          price: { field: 'price', money: { unit: 'minor' } },
          tax: { field: 'tax', money: { currencyField: '^.^.currency' } },
          shipBy: { field: '^.date', format: 'dd/mm/yy' },
          state: { field: 'st', values: { open: 'O', closed: 'C' }, timezone: 'Europe/Paris' },
          dims: { field: 'dimensions', fields: { g: 'g', kg: { field: 'kg', case: 'upper' } } },
        },
      },
    });
    expect(problems.map((p) => p.path)).toEqual([
      'fields.number.fields',
      'fields.tags.fields',
      'fields.meta.fields',
      'fields.shipTo.fields.town',
      'fields.shipTo.fields.zip.format',
      'fields.lines.format',
      'fields.lines.fields.quantity',
      'fields.lines.fields.sku.field',
      'fields.lines.fields.qty.values',
      'fields.lines.fields.qty.default',
      'fields.lines.fields.price.money',
      'fields.lines.fields.shipBy.field',
      'fields.lines.fields.shipBy.format',
      'fields.lines.fields.state.timezone',
      'fields.lines.fields.state.values.closed',
      'fields.lines.fields.dims.fields.g',
      'fields.lines.fields.dims.fields.kg.case',
      'fields.lines.fields.tax.money.currencyField',
    ]);
    const message = (path: string) => problems.find((p) => p.path === path)?.message;
    expect(message('fields.number.fields')).toBe('nested fields apply to object fields and lists of objects, not string');
    expect(message('fields.tags.fields')).toBe('nested fields apply to object fields and lists of objects, not a list of string');
    expect(message('fields.meta.fields')).toMatch(/free-form/);
    expect(message('fields.lines.fields.quantity')).toBe('unknown canonical field "quantity" (each item of lines declares sku, qty, price, tax, shipBy, state, cost, dims)');
    expect(message('fields.lines.fields.dims.fields.g')).toBe('unknown canonical field "g" (the object lines.dims declares kg, size)');
    expect(message('fields.lines.fields.shipBy.field')).toMatch(/may only begin a money currencyField/);
    expect(message('fields.lines.fields.tax.money.currencyField')).toMatch(/^"\^\.\^\.currency" climbs above the top-level record/);
  });

  it('reports ^. at the top level, where there is no enclosing record', () => {
    expect(checkOrder({ total: { field: 't', money: { currencyField: '^.currency' } } }).map((p) => p.path)).toEqual(['fields.total.money.currencyField']);
  });

  it('reports overlapping writers inside an item and items\' currency fields landing on another field', () => {
    expect(checkOrder(lines({ sku: 'code', state: 'code' })).map((p) => p.path)).toEqual(['fields.lines.fields.state.field']);
    expect(checkOrder({
      number: 'currency',
      ...lines({ price: { field: 'p', money: { currencyField: '^.currency' } } }),
    })).toEqual([{
      path: 'fields.lines.fields.price.money.currencyField',
      message: 'system field "currency" overlaps "currency", also written outbound by fields.number.field',
    }]);
    expect(checkOrder(lines({ sku: 'price', price: { field: 'p', money: { currencyField: 'price.ccy' } } })).map((p) => p.path))
      .toEqual(['fields.lines.fields.price.money.currencyField']);
  });

  it('lets money values share a currency field, and ignores inbound-only and sensitive nested writers', () => {
    expect(checkOrder({
      total: { field: 't', money: { currencyField: 'ccy' } },
      ...lines({
        price: { field: 'p', money: { currencyField: '^.ccy' } },
        tax: { field: 't', money: { currencyField: '^.ccy' } },
        sku: { field: 'p', direction: 'in' },
        cost: 'p',
      }),
    })).toEqual([]);
    expect(checkOrder({ number: 'items', lines: { field: 'items', direction: 'in', fields: { sku: 'code' } } })).toEqual([]);
  });
});
