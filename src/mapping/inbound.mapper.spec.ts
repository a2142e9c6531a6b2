import { describe, expect, it } from 'vitest';
import type { ResolvedEntityType } from '../catalog/catalog.types';
import { systemEntitySchema, type FieldDef } from '../config/hub-config.schema';
import { mapInbound } from './inbound.mapper';
import type { MappingContext, ReferenceResolver } from './mapping.types';

function entity(name: string, fields: Record<string, FieldDef>): ResolvedEntityType {
  return { name, fields, matchOn: [], precedence: [], fieldPrecedence: {}, strategy: 'merge', deletePolicy: 'tombstone' };
}

const references: ReferenceResolver = {
  toGoldenId: (system, entityType, id) => (system === 'B' && entityType === 'contact' && id === '901' ? 'golden-ada' : undefined),
  toExternalId: (system, entityType, id) => (system === 'B' && entityType === 'contact' && id === 'golden-ada' ? '901' : undefined),
};

const order = entity('order', {
  number: { type: 'string', trim: true, case: 'upper' },
  customer: { type: 'reference', entity: 'contact' },
  total: { type: 'money' },
  shipping: { type: 'money', currency: 'EUR' },
  placedAt: { type: 'datetime' },
  city: { type: 'string' },
  channel: { type: 'enum', values: ['web', 'store'] },
  paid: { type: 'boolean' },
  tags: { type: 'list', items: { type: 'enum', values: ['gift', 'rush'] } },
  lines: {
    type: 'list',
    items: {
      type: 'object',
      fields: { sku: { type: 'string' }, quantity: { type: 'integer' }, price: { type: 'money', currency: 'EUR' }, due: { type: 'date' } },
    },
  },
  meta: { type: 'object' },
  weight: { type: 'decimal' },
  internalNote: { type: 'text', sensitive: true },
});

const ctx: MappingContext = {
  system: 'B',
  entityType: order,
  references,
  mapping: systemEntitySchema.parse({
    name: 'orders', id: 'order_id',
    fields: {
      number: 'order_no',
      customer: 'customer_id',
      total: { field: 'total_cents', money: { unit: 'minor', currencyField: 'currency' } },
      shipping: { field: 'shipping', money: { unit: 'decimal' } },
      placedAt: { field: 'placed', format: 'dd/MM/yyyy HH:mm', timezone: 'Europe/Berlin' },
      city: { field: 'address.city', trim: true },
      channel: { field: 'channel', default: 'web', case: 'lower' },
      paid: { field: 'paid_flag', values: { true: 'Y', false: 'N' } },
      tags: { field: 'labels', values: { gift: 'G', rush: 'R' } },
      lines: 'items',
      meta: 'meta',
      weight: 'weight_kg',
      internalNote: 'note',
    },
  }),
};

describe('mapInbound', () => {
  it('maps every kind of field of a realistic order', () => {
    const { record, errors } = mapInbound(ctx, {
      order_id: 55,
      order_no: ' so-1001 ',
      customer_id: 901,
      total_cents: 12345,
      currency: 'eur',
      shipping: '4.9',
      placed: '31/03/2024 14:05',
      address: { city: ' Berlin ', street: 'Unter den Linden 1' },
      channel: 'STORE',
      paid_flag: 'Y',
      labels: ['G', 'R'],
      items: [{ sku: 'A-1', quantity: '2', price: 9.5, due: '2024-04-01', colour: 'red' }],
      meta: { source: 'pos', nested: { a: 1 } },
      weight: 'ignored',
      weight_kg: '1.250',
      note: 'call first',
    });
    expect(errors).toEqual([]);
    expect(record).toEqual({
      number: 'SO-1001',
      customer: 'golden-ada',
      total: { amount: '123.45', currency: 'EUR' },
      shipping: { amount: '4.90', currency: 'EUR' },
      placedAt: '2024-03-31T12:05:00.000Z',
      city: 'Berlin',
      channel: 'store',
      paid: true,
      tags: ['gift', 'rush'],
      lines: [{ sku: 'A-1', quantity: 2, price: { amount: '9.50', currency: 'EUR' }, due: '2024-04-01' }],
      meta: { source: 'pos', nested: { a: 1 } },
      weight: '1.25',
      internalNote: 'call first',
    });
  });

  it('applies a default only when the system field is absent, never over null', () => {
    expect(mapInbound(ctx, {}).record).toEqual({ channel: 'web' });
    expect(mapInbound(ctx, { channel: null }).record).toEqual({ channel: null });
  });

  it('reads a null parent as null leaves and a missing parent as absent', () => {
    expect(mapInbound(ctx, { address: null }).record).toEqual({ city: null, channel: 'web' });
    expect(mapInbound(ctx, { address: {} }).record).toEqual({ channel: 'web' });
  });

  it('reports unresolved references and does not invent an id', () => {
    const { record, errors } = mapInbound(ctx, { customer_id: 'c-404' });
    expect(record.customer).toBeUndefined();
    expect(errors).toEqual([expect.objectContaining({ code: 'REFERENCE_UNRESOLVED', field: 'customer', systemField: 'customer_id', value: 'c-404' })]);
    expect(mapInbound({ ...ctx, references: undefined }, { customer_id: 901 }).errors[0].code).toBe('REFERENCE_UNRESOLVED');
  });

  it('reports nested failures with item paths and keeps the rest of the record', () => {
    const { record, errors } = mapInbound(ctx, {
      order_no: 'SO-1',
      labels: ['G', 'X'],
      items: [{ sku: 'A-1', quantity: 1 }, { sku: 'B-2', quantity: 'two', due: '2024-02-30' }],
    });
    expect(record).toEqual({ number: 'SO-1', channel: 'web' });
    expect(errors.map((e) => [e.code, e.field, e.systemField, e.value])).toEqual([
      ['UNMAPPED_VALUE', 'tags.1', 'labels.1', 'X'],
      ['INVALID_INTEGER', 'lines.1.quantity', 'items.1.quantity', 'two'],
      ['INVALID_DATE', 'lines.1.due', 'items.1.due', '2024-02-30'],
    ]);
  });

  it.each([
    [{ total_cents: 1234 }, 'MISSING_CURRENCY'],
    [{ total_cents: 1234, currency: 'ZZZ' }, 'UNKNOWN_CURRENCY'],
    [{ total_cents: 1234, currency: 978 }, 'UNKNOWN_CURRENCY'],
    [{ total_cents: 12.5, currency: 'EUR' }, 'INVALID_MONEY'],
    [{ shipping: '4.999' }, 'INVALID_MONEY'],
    [{ placed: '2024-03-31 14:05' }, 'INVALID_DATETIME'],
    [{ channel: 'phone' }, 'INVALID_ENUM_VALUE'],
    [{ paid_flag: 'true' }, 'UNMAPPED_VALUE'],
    [{ labels: 'G,R' }, 'INVALID_LIST'],
    [{ items: [42] }, 'INVALID_OBJECT'],
    [{ meta: 'x' }, 'INVALID_OBJECT'],
    [{ weight_kg: '1,25' }, 'INVALID_DECIMAL'],
    [{ order_no: { value: 'x' } }, 'INVALID_STRING'],
  ])('rejects %j with %s', (systemRecord, code) => {
    const { errors } = mapInbound(ctx, systemRecord);
    expect(errors.map((e) => e.code)).toEqual([code]);
  });

  it('money without options accepts canonical objects or bare amounts in the field currency', () => {
    const plain: MappingContext = { ...ctx, mapping: systemEntitySchema.parse({ name: 'o', fields: { total: 'total', shipping: 'ship' } }) };
    expect(mapInbound(plain, { total: { amount: 5, currency: 'jpy' }, ship: 3 }).record).toEqual({
      total: { amount: '5', currency: 'JPY' }, shipping: { amount: '3.00', currency: 'EUR' },
    });
    expect(mapInbound(plain, { total: 5 }).errors[0].code).toBe('MISSING_CURRENCY');
  });

  it('honours direction: out-only mappings are not read', () => {
    const outOnly: MappingContext = { ...ctx, mapping: systemEntitySchema.parse({ name: 'o', fields: { number: { field: 'no', direction: 'out' }, city: { field: 'city', direction: 'in' } } }) };
    expect(mapInbound(outOnly, { no: 'SO-1', city: 'Paris' }).record).toEqual({ city: 'Paris' });
  });

  it('maps the id field only when a mapping names it', () => {
    const withId: MappingContext = { ...ctx, mapping: systemEntitySchema.parse({ name: 'o', id: 'order_no', fields: { number: 'order_no' } }) };
    expect(mapInbound(withId, { order_no: 'so-9' }).record).toEqual({ number: 'SO-9' });
  });

  it('reports a mapping to a canonical field the entity type lacks', () => {
    const stale: MappingContext = { ...ctx, mapping: systemEntitySchema.parse({ name: 'o', fields: { colour: 'colour' } }) };
    expect(mapInbound(stale, { colour: 'red' })).toEqual({
      record: {},
      errors: [expect.objectContaining({ code: 'UNKNOWN_FIELD', field: 'colour', systemField: 'colour' })],
    });
  });
});
