import { describe, expect, it } from 'vitest';
import type { ResolvedEntityType } from '../catalog/catalog.types';
import { systemEntitySchema, type FieldDef } from '../config/hub-config.schema';
import type { MappingContext, ReferenceResolver } from './mapping.types';
import { mapOutbound } from './outbound.mapper';

function entity(name: string, fields: Record<string, FieldDef>): ResolvedEntityType {
  return { name, fields, matchOn: [], precedence: [], fieldPrecedence: {}, strategy: 'merge', deletePolicy: 'tombstone' };
}

const references: ReferenceResolver = {
  toGoldenId: () => undefined,
  toExternalId: (system, entityType, id) => (system === 'C' && entityType === 'contact' && id === 'golden-ada' ? '901' : undefined),
};

const invoice = entity('invoice', {
  number: { type: 'string' },
  customer: { type: 'reference', entity: 'contact' },
  amount: { type: 'money' },
  tax: { type: 'money', currency: 'EUR' },
  phone: { type: 'phone', defaultCountry: 'GB' },
  issuedAt: { type: 'datetime' },
  dueDate: { type: 'date' },
  street: { type: 'string' },
  city: { type: 'string' },
  code: { type: 'string' },
  rate: { type: 'decimal' },
  count: { type: 'integer' },
  status: { type: 'enum', values: ['draft', 'sent'] },
  secret: { type: 'string', sensitive: true },
  lines: {
    type: 'list',
    items: { type: 'object', fields: { sku: { type: 'string' }, qty: { type: 'integer' }, cost: { type: 'decimal', sensitive: true } } },
  },
});

const ctx: MappingContext = {
  system: 'C',
  entityType: invoice,
  references,
  mapping: systemEntitySchema.parse({
    name: 'invoices', id: 'ref.id',
    fields: {
      number: 'ref.id',
      customer: { field: 'customer', format: 'number' },
      amount: { field: 'amount.value', money: { unit: 'minor', currencyField: 'amount.currency' } },
      tax: { field: 'tax', money: { unit: 'decimal' }, format: 'number' },
      phone: { field: 'contact.phone', format: 'national' },
      issuedAt: { field: 'issued', format: 'iso', timezone: 'Asia/Tokyo' },
      dueDate: { field: 'due', format: 'epoch' },
      street: { field: 'address.street', direction: 'in' },
      city: { field: 'address.city', direction: 'out' },
      code: { field: 'code', case: 'upper', trim: true },
      rate: 'rate',
      count: { field: 'count', format: 'string' },
      status: { field: 'status', values: { draft: 0, sent: 1 } },
      secret: 'secret',
      lines: 'lines',
    },
  }),
};

describe('mapOutbound', () => {
  it('builds the system shape: nested paths, formats, currency field, numeric ids', () => {
    const { record, errors } = mapOutbound(ctx, {
      number: 'INV-1',
      customer: 'golden-ada',
      amount: { amount: '1234.50', currency: 'KWD' },
      tax: { amount: '19.00', currency: 'EUR' },
      phone: '+442071838750',
      issuedAt: '2024-01-01T09:30:00.000Z',
      dueDate: '2024-02-01',
      street: 'Main St 1',
      city: 'Leeds',
      code: ' ab-1 ',
      rate: '0.075',
      count: 3,
      status: 'sent',
      secret: 'do not send',
      lines: [{ sku: 'A-1', qty: 2, cost: '1.5' }],
      notMapped: 'x',
    });
    expect(errors).toEqual([]);
    expect(record).toEqual({
      customer: 901,
      amount: { value: 1234500, currency: 'KWD' },
      tax: 19,
      contact: { phone: '020 7183 8750' },
      issued: '2024-01-01T18:30:00.000+09:00',
      due: 1706745600,
      address: { city: 'Leeds' },
      code: 'AB-1',
      rate: '0.075',
      count: '3',
      status: 1,
      lines: [{ sku: 'A-1', qty: 2 }],
    });
  });

  it('writes only fields present in the canonical record; null clears, absent is not sent', () => {
    expect(mapOutbound(ctx, { city: null, amount: null }).record).toEqual({ address: { city: null }, amount: { value: null, currency: null } });
    expect(mapOutbound(ctx, {}).record).toEqual({});
  });

  it.each([
    [{ customer: 'golden-unknown' }, 'REFERENCE_UNRESOLVED'],
    [{ tax: { amount: '5.00', currency: 'USD' } }, 'CURRENCY_MISMATCH'],
    [{ amount: { amount: '1.2345', currency: 'KWD' } }, 'INVALID_MONEY'],
    [{ amount: '12.00' }, 'INVALID_MONEY'],
    [{ phone: '12345' }, 'INVALID_PHONE'],
    [{ issuedAt: 'yesterday' }, 'INVALID_DATETIME'],
    [{ dueDate: '01/02/2024' }, 'INVALID_DATE'],
    [{ rate: 0.075 }, 'INVALID_DECIMAL'],
    [{ count: 1.5 }, 'INVALID_INTEGER'],
    [{ status: 'paid' }, 'UNMAPPED_VALUE'],
    [{ lines: { sku: 'A-1' } }, 'INVALID_LIST'],
  ])('rejects %j with %s and sends nothing for it', (canonical, code) => {
    const { record, errors } = mapOutbound(ctx, canonical);
    expect(errors.map((e) => e.code)).toEqual([code]);
    expect(record).toEqual({});
    expect(errors[0].system).toBe('C');
    expect(errors[0].message).toMatch(/^canonical field ".+" → C field ".+": /);
  });

  it('names nested fields in list errors', () => {
    const { errors } = mapOutbound(ctx, { lines: [{ sku: 'A', qty: 1 }, { sku: 'B', qty: 'x' }] });
    expect(errors).toEqual([expect.objectContaining({ field: 'lines.1.qty', systemField: 'lines.1.qty', value: 'x', code: 'INVALID_INTEGER' })]);
  });

  it('never emits the system id field, even when mapped', () => {
    expect(mapOutbound(ctx, { number: 'INV-1' }).record).toEqual({});
  });

  it('sends money without options as canonical objects', () => {
    const plain: MappingContext = { ...ctx, mapping: systemEntitySchema.parse({ name: 'i', fields: { amount: 'amount' } }) };
    expect(mapOutbound(plain, { amount: { amount: '1500', currency: 'JPY' } }).record).toEqual({ amount: { amount: '1500', currency: 'JPY' } });
  });

  it('sends phones of other countries internationally when the national form is asked for', () => {
    expect(mapOutbound(ctx, { phone: '+12133734253' }).record).toEqual({ contact: { phone: '+1 213 373 4253' } });
  });
});
