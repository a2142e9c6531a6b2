import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { ResolvedEntityType } from '../catalog/catalog.types';
import { issueErrors } from '../config/hub-config.structure';
import {
  fieldMappingSchema, systemEntitySchema, type FieldDef, type FieldMapping, type FieldMappingInput,
} from '../config/hub-config.schema';
import { mapInbound } from './inbound.mapper';
import type { MappingContext } from './mapping.types';
import { mapOutbound } from './outbound.mapper';

function entity(name: string, fields: Record<string, FieldDef>): ResolvedEntityType {
  return { name, fields, matchOn: [], precedence: [], fieldPrecedence: {}, strategy: 'merge', deletePolicy: 'tombstone' };
}

const line: FieldDef = {
  type: 'object',
  fields: {
    sku: { type: 'string', trim: true },
    description: { type: 'string' },
    quantity: { type: 'integer' },
    unitPrice: { type: 'money' },
    tax: { type: 'money' },
    shipBy: { type: 'date' },
    status: { type: 'enum', values: ['open', 'done'] },
    cost: { type: 'decimal', sensitive: true },
    dims: { type: 'object', fields: { weightKg: { type: 'decimal' }, size: { type: 'enum', values: ['s', 'm', 'l'] } } },
    tags: { type: 'list', items: { type: 'enum', values: ['gift', 'rush'] } },
  },
};

const order = entity('order', {
  number: { type: 'string' },
  total: { type: 'money' },
  lines: { type: 'list', items: line },
  legacyLines: { type: 'list', items: line },
  shipTo: { type: 'object', fields: { line1: { type: 'string' }, city: { type: 'string' }, country: { type: 'string', case: 'upper' } } },
});

const ctx: MappingContext = {
  system: 'ERP',
  entityType: order,
  mapping: systemEntitySchema.parse({
    name: 'orders',
    id: 'order_id',
    fields: {
      number: 'order_no',
      total: { field: 'total_cents', money: { unit: 'minor', currencyField: 'currency' } },
      lines: {
        field: 'items',
        fields: {
          sku: { field: 'code', trim: true },
          description: { field: 'text', direction: 'in' },
          quantity: { field: 'qty', format: 'string' },
          unitPrice: { field: 'price.cents', money: { unit: 'minor', currencyField: '^.currency' } },
          tax: { field: 'tax', money: { unit: 'decimal', currencyField: 'tax_ccy' }, format: 'number' },
          shipBy: { field: 'ship_by', format: 'dd/MM/yyyy' },
          status: { field: 'st', values: { open: 'O', done: 'D' }, default: 'open' },
          cost: 'cost',
          dims: { field: 'dimensions', fields: { weightKg: { field: 'kg', format: 'number' }, size: { field: 'sz', values: { s: 'S', m: 'M', l: 'L' } } } },
          tags: { field: 'labels', values: { gift: 'G', rush: 'R' } },
        },
      },
      legacyLines: 'old_items',
      shipTo: { field: 'ship_to', fields: { line1: 'street', city: 'town.name', country: { field: 'cc', case: 'lower' } } },
    },
  }),
};

const erpOrder = {
  order_id: 'SO-1',
  order_no: 'SO-1',
  total_cents: 2550,
  currency: 'EUR',
  items: [
    {
      code: ' A-1 ', text: 'Widget', qty: '2', price: { cents: 1250 }, tax: 4.75, tax_ccy: 'gbp', ship_by: '31/12/2024', st: 'D',
      cost: '3.10', dimensions: { kg: 1.5, sz: 'M', colour: 'red' }, labels: ['G'], warehouse: 'W1',
    },
    { code: 'B-2', qty: '1', price: { cents: 50 } },
  ],
  old_items: [{ sku: 'Z-9', quantity: 1 }],
  ship_to: { street: 'Main St 1', town: { name: 'Leeds' }, cc: 'gb', zip: 'LS1' },
};

const canonicalOrder = {
  number: 'SO-1',
  total: { amount: '25.50', currency: 'EUR' },
  lines: [
    {
      sku: 'A-1', description: 'Widget', quantity: 2, unitPrice: { amount: '12.50', currency: 'EUR' }, tax: { amount: '4.75', currency: 'GBP' },
      shipBy: '2024-12-31', status: 'done', cost: '3.1', dims: { weightKg: '1.5', size: 'm' }, tags: ['gift'],
    },
    { sku: 'B-2', quantity: 1, unitPrice: { amount: '0.50', currency: 'EUR' }, status: 'open' },
  ],
  legacyLines: [{ sku: 'Z-9', quantity: 1 }],
  shipTo: { line1: 'Main St 1', city: 'Leeds', country: 'GB' },
};

describe('nested field mappings inbound', () => {
  it('renames and converts inside list items and objects; unmapped sub-fields are ignored, absent stay absent', () => {
    const { record, errors } = mapInbound(ctx, erpOrder);
    expect(errors).toEqual([]);
    expect(record).toEqual(canonicalOrder);
  });

  it('reads a ^. currency field from the record around the item, and reports its absence at the item path', () => {
    const { record, errors } = mapInbound(ctx, { currency: null, items: [{ code: 'A', price: { cents: 100 } }] });
    expect(record).toEqual({});
    expect(errors.map((e) => [e.code, e.field, e.systemField])).toEqual([['MISSING_CURRENCY', 'lines.0.unitPrice', 'items.0.price.cents']]);
  });

  it('names nested paths in errors, down to objects inside items, and keeps the other fields', () => {
    const { record, errors } = mapInbound(ctx, {
      order_no: 'SO-2',
      currency: 'EUR',
      items: [{ code: 'A', price: { cents: 1.5 } }, { code: 'B', qty: 'two', st: 'X', dimensions: { kg: 'heavy' } }],
      ship_to: 'Leeds',
    });
    expect(record).toEqual({ number: 'SO-2' });
    expect(errors.map((e) => [e.code, e.field, e.systemField, e.value])).toEqual([
      ['INVALID_MONEY', 'lines.0.unitPrice', 'items.0.price.cents', 1.5],
      ['INVALID_INTEGER', 'lines.1.quantity', 'items.1.qty', 'two'],
      ['UNMAPPED_VALUE', 'lines.1.status', 'items.1.st', 'X'],
      ['INVALID_DECIMAL', 'lines.1.dims.weightKg', 'items.1.dimensions.kg', 'heavy'],
      ['INVALID_OBJECT', 'shipTo', 'ship_to', 'Leeds'],
    ]);
    expect(errors[1].message).toBe('ERP field "items.1.qty" → canonical field "lines.1.quantity": "two" is not an integer');
  });

  it('keeps null items, null sub-objects and null sub-fields as null', () => {
    expect(mapInbound(ctx, { currency: 'EUR', items: [null, { code: null, dimensions: null, price: null }], ship_to: null }).record).toEqual({
      lines: [null, { sku: null, dims: null, unitPrice: null, status: 'open' }],
      shipTo: null,
    });
  });

  it('reports a stale nested mapping to a sub-field the object does not declare, and maps the rest', () => {
    const stale: MappingContext = { ...ctx, mapping: systemEntitySchema.parse({ name: 'o', fields: { lines: { field: 'items', fields: { sku: 'code', colour: 'c' } } } }) };
    expect(mapInbound(stale, { items: [{ code: 'A', c: 'red' }] })).toEqual({
      record: { lines: [{ sku: 'A' }] },
      errors: [expect.objectContaining({ code: 'UNKNOWN_FIELD', field: 'lines.0.colour', systemField: 'items.0.c' })],
    });
  });
});

describe('nested field mappings outbound', () => {
  it('writes the system shape inside items and objects, never a sensitive or inbound-only sub-field', () => {
    const { record, errors } = mapOutbound(ctx, canonicalOrder);
    expect(errors).toEqual([]);
    expect(record).toEqual({
      order_no: 'SO-1',
      total_cents: 2550,
      currency: 'EUR',
      items: [
        { code: 'A-1', qty: '2', price: { cents: 1250 }, tax: 4.75, tax_ccy: 'GBP', ship_by: '31/12/2024', st: 'D', dimensions: { kg: 1.5, sz: 'M' }, labels: ['G'] },
        { code: 'B-2', qty: '1', price: { cents: 50 }, st: 'O' },
      ],
      old_items: [{ sku: 'Z-9', quantity: 1 }],
      ship_to: { street: 'Main St 1', town: { name: 'Leeds' }, cc: 'gb' },
    });
  });

  it('writes the items\' shared currency into the enclosing record when the record has none of its own', () => {
    const lines = [{ sku: 'A', unitPrice: { amount: '1.000', currency: 'KWD' } }, { sku: 'B', unitPrice: { amount: '2.500', currency: 'KWD' } }];
    expect(mapOutbound(ctx, { lines }).record).toEqual({ currency: 'KWD', items: [{ code: 'A', price: { cents: 1000 } }, { code: 'B', price: { cents: 2500 } }] });
    // an empty total says nothing about the currency, so the items' code still goes out
    expect(mapOutbound(ctx, { total: null, lines }).record).toMatchObject({ total_cents: null, currency: 'KWD' });
    // and an empty item amount says nothing about the enclosing record's currency: it neither clears nor sets it
    expect(mapOutbound(ctx, { lines: [{ sku: 'A', unitPrice: null }] }).record).toEqual({ items: [{ code: 'A', price: { cents: null } }] });
    expect(mapOutbound(ctx, { lines: [{ unitPrice: null }, lines[0]] }).record).toMatchObject({ currency: 'KWD' });
  });

  it('refuses items in another currency than the record, naming the item, and writes nothing for the list', () => {
    const { record, errors } = mapOutbound(ctx, {
      total: { amount: '40.00', currency: 'USD' },
      lines: [{ sku: 'A', unitPrice: { amount: '12.50', currency: 'EUR' } }],
    });
    expect(record).toEqual({ total_cents: 4000, currency: 'USD' });
    expect(errors).toEqual([expect.objectContaining({
      code: 'CURRENCY_MISMATCH', field: 'lines.0.unitPrice', systemField: 'items.0.price.cents',
      message: 'canonical field "lines.0.unitPrice" → ERP field "items.0.price.cents": {"amount":"12.50","currency":"EUR"} is in EUR but the ERP field "^.currency" it shares is USD',
    })]);
  });

  it('refuses items that disagree with each other and writes no currency for a failed list', () => {
    const { record, errors } = mapOutbound(ctx, {
      lines: [{ sku: 'A', unitPrice: { amount: '1.00', currency: 'EUR' } }, { sku: 'B', unitPrice: { amount: '1.00', currency: 'USD' } }],
    });
    expect(record).toEqual({});
    expect(errors.map((e) => [e.code, e.field, e.systemField])).toEqual([['CURRENCY_MISMATCH', 'lines.1.unitPrice', 'items.1.price.cents']]);
  });

  it('names nested paths in errors and sends nothing for the failed list', () => {
    const { record, errors } = mapOutbound(ctx, {
      number: 'SO-3',
      lines: [{ sku: 'A', quantity: 1.5 }, { sku: 'B', dims: { size: 'xl' } }, 'not an item'],
    });
    expect(record).toEqual({ order_no: 'SO-3' });
    expect(errors.map((e) => [e.code, e.field, e.systemField])).toEqual([
      ['INVALID_INTEGER', 'lines.0.quantity', 'items.0.qty'],
      ['UNMAPPED_VALUE', 'lines.1.dims.size', 'items.1.dimensions.sz'],
      ['INVALID_OBJECT', 'lines.2', 'items.2'],
    ]);
  });

  it('round-trips the example order both ways', () => {
    expect(mapInbound(ctx, mapOutbound(ctx, canonicalOrder).record).record).toEqual({
      ...canonicalOrder,
      // what the ERP is never sent cannot come back
      lines: canonicalOrder.lines.map(({ description: _d, cost: _c, ...rest }) => rest),
    });
  });
});

describe('nested field mappings in the schema', () => {
  it('infers the recursive FieldMapping type (checked by tsc)', () => {
    expectTypeOf<z.infer<typeof fieldMappingSchema>>().toEqualTypeOf<FieldMapping>();
    expectTypeOf<z.input<typeof fieldMappingSchema>>().toEqualTypeOf<FieldMappingInput>();
    expectTypeOf<NonNullable<FieldMapping['fields']>[string]>().toEqualTypeOf<string | FieldMapping>();
    expect(fieldMappingSchema.parse({ field: 'l', fields: { a: 'x' } })).toEqual({ field: 'l', fields: { a: 'x' } });
  });

  it('parses nested mappings recursively with the same defaults as top-level ones', () => {
    const parsed = systemEntitySchema.parse({ name: 'o', fields: { lines: { field: 'l', fields: { a: { field: 'x', fields: { b: { field: 'y', money: {} } } } } } } });
    expect(parsed.fields.lines).toEqual({ field: 'l', fields: { a: { field: 'x', fields: { b: { field: 'y', money: { unit: 'decimal' } } } } } });
  });

  it('reports unknown keys and bad names inside nested mappings by their full path', () => {
    const result = systemEntitySchema.safeParse({ name: 'o', fields: { lines: { field: 'l', fields: { qty: { field: 'q', fromat: 'x' }, '9x': 'y' } } } });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.flatMap((issue) => issueErrors(issue)).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['fields.lines.fields.qty.fromat', 'fields.lines.fields.9x']));
  });
});
