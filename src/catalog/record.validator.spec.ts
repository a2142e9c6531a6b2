import { describe, expect, it } from 'vitest';
import { hubConfigSchema } from '../config/hub-config.schema';
import { resolveEntityTypes } from './entity-type.resolver';
import { validateRecord } from './record.validator';

const types = resolveEntityTypes(hubConfigSchema.parse({}));
const { contact, order, user } = types;
const ref = '0b6c0f3e-1234-4abc-8def-0123456789ab';

const validOrder = {
  orderNumber: 'SO-1001',
  contact: ref,
  orderDate: '2024-03-01T12:00:00.000Z',
  status: 'paid',
  lines: [
    { sku: 'A-1', description: 'Widget', quantity: 2, unitPrice: { amount: '9.99', currency: 'EUR' } },
    { sku: 'B-2', quantity: 1 },
  ],
  total: { amount: '19.98', currency: 'EUR' },
};

describe('validateRecord', () => {
  it('accepts complete valid records of the built-in types', () => {
    expect(validateRecord(contact, {
      email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', phone: '+442071838750',
      birthDate: '1815-12-10', status: 'active', ssn: '123-45-6789',
      address: { line1: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
    })).toEqual([]);
    expect(validateRecord(order, validOrder)).toEqual([]);
    expect(validateRecord(user, { username: 'ada', roles: ['admin', 'editor'], active: true })).toEqual([]);
  });

  describe('required fields', () => {
    it('reports a missing required field in a full record', () => {
      expect(validateRecord(contact, { firstName: 'Ada' })).toEqual([
        { field: 'email', code: 'REQUIRED', message: 'email is required' },
      ]);
    });

    it.each([[null], [''], ['   ']])('reports a required field sent as %j in a full record', (value) => {
      const errors = validateRecord(contact, { email: value });
      expect(errors).toEqual([{ field: 'email', code: 'REQUIRED', message: expect.stringContaining('email: ') as string, value }]);
    });

    it('ignores an absent required field in a partial record', () => {
      expect(validateRecord(contact, { firstName: 'Ada' }, { partial: true })).toEqual([]);
    });

    it.each([[null], [''], ['  ']])('reports a required field sent as %j in a partial record', (value) => {
      expect(validateRecord(contact, { email: value }, { partial: true }).map((e) => e.code)).toEqual(['REQUIRED']);
    });

    it('treats an empty list as empty for a required list', () => {
      const withRequiredList = { ...user, fields: { ...user.fields, roles: { ...user.fields.roles, required: true } } };
      expect(validateRecord(withRequiredList, { username: 'ada', roles: [] }).map((e) => e.field)).toEqual(['roles']);
    });

    it('checks nested required fields in full even in partial mode (a field is a whole value)', () => {
      const errors = validateRecord(order, { lines: [{ description: 'no sku, no quantity' }] }, { partial: true });
      expect(errors.map((e) => [e.field, e.code])).toEqual([['lines.0.sku', 'REQUIRED'], ['lines.0.quantity', 'REQUIRED']]);
    });

    it('allows null for optional fields', () => {
      expect(validateRecord(contact, { email: 'ada@example.com', phone: null, address: null })).toEqual([]);
    });
  });

  describe('nested paths', () => {
    it('names list items and nested object fields by dot path', () => {
      const errors = validateRecord(order, {
        ...validOrder,
        lines: [
          validOrder.lines[0],
          { sku: 'B-2', quantity: 1.5, unitPrice: { amount: '3', currency: 'EUR' } },
          'not a line',
        ],
        shippingAddress: { city: 'London', country: 'gb', zip: 'SW1' },
      });
      expect(errors.map((e) => [e.field, e.code])).toEqual([
        ['lines.1.quantity', 'INVALID_INTEGER'],
        ['lines.1.unitPrice.amount', 'INVALID_MONEY'],
        ['lines.2', 'INVALID_OBJECT'],
        ['shippingAddress.zip', 'UNKNOWN_FIELD'],
        ['shippingAddress.country', 'PATTERN_MISMATCH'],
        ['shippingAddress.country', 'NOT_NORMALISED'],
      ]);
    });

    it('checks list items against the item type', () => {
      const errors = validateRecord(user, { username: 'ada', roles: ['admin', 7, ' editor '] });
      expect(errors.map((e) => [e.field, e.code, e.value])).toEqual([
        ['roles.1', 'INVALID_STRING', 7],
        ['roles.2', 'NOT_NORMALISED', ' editor '],
      ]);
    });

    it('rejects null list items', () => {
      expect(validateRecord(user, { username: 'ada', roles: [null] }).map((e) => e.field)).toEqual(['roles.0']);
    });

    it('accepts any JSON object for an object field without declared fields', () => {
      const freeForm = { ...user, fields: { ...user.fields, attributes: { type: 'object' as const } } };
      expect(validateRecord(freeForm, { username: 'ada', attributes: { any: { thing: [1] } } })).toEqual([]);
    });
  });

  describe('unknown fields', () => {
    it('reports each unknown field with its value', () => {
      expect(validateRecord(contact, { email: 'ada@example.com', nickname: 'Ada', updatedAt: 'x' })).toEqual([
        { field: 'nickname', code: 'UNKNOWN_FIELD', message: 'nickname: "Ada" is not a field of this entity type', value: 'Ada' },
        { field: 'updatedAt', code: 'UNKNOWN_FIELD', message: expect.any(String) as string, value: 'x' },
      ]);
    });

    it('does not mistake Object.prototype members for fields', () => {
      const record = JSON.parse('{"email":"ada@example.com","constructor":"x","__proto__":{"a":1}}') as Record<string, unknown>;
      expect(validateRecord(contact, record).map((e) => e.field)).toEqual(['constructor', '__proto__']);
    });
  });

  it('returns all errors of a record at once, each naming field and value', () => {
    const errors = validateRecord(contact, {
      email: 'Ada@Example', phone: '020 7183 8750', birthDate: '1815-02-30', status: 'gone', extra: 1,
    });
    expect(errors.map((e) => e.code)).toEqual(['UNKNOWN_FIELD', 'INVALID_EMAIL', 'INVALID_PHONE', 'INVALID_DATE', 'NOT_IN_ENUM']);
    expect(errors[3]).toEqual({
      field: 'birthDate', code: 'INVALID_DATE', value: '1815-02-30',
      message: expect.stringMatching(/^birthDate: "1815-02-30" is not a real calendar date/) as string,
    });
    expect(errors[4].message).toBe('status: "gone" is not one of "active", "inactive"');
  });

  it('never shows the value of a sensitive field', () => {
    const withPattern = { ...contact, fields: { ...contact.fields, ssn: { ...contact.fields.ssn, pattern: '^\\d{3}-\\d{2}-\\d{4}$' } } };
    const [error] = validateRecord(withPattern, { email: 'ada@example.com', ssn: '123456789' });
    expect(error.field).toBe('ssn');
    expect(error.code).toBe('PATTERN_MISMATCH');
    expect(error).not.toHaveProperty('value');
    expect(error.message).not.toContain('123456789');
    expect(error.message).toContain('hidden');
  });

  it('hides values nested inside a sensitive object', () => {
    const secret = { ...contact, fields: { ...contact.fields, address: { ...contact.fields.address, sensitive: true } } };
    const [error] = validateRecord(secret, { email: 'ada@example.com', address: { city: 42 } });
    expect(error).toEqual({ field: 'address.city', code: 'INVALID_STRING', message: expect.not.stringContaining('42') as string });
  });

  it('truncates long values in messages', () => {
    const [error] = validateRecord(contact, { email: 'ada@example.com', firstName: 'x'.repeat(500) });
    expect(error.code).toBe('TOO_LONG');
    expect(error.message.length).toBeLessThan(200);
    expect(error.value).toBe('x'.repeat(500));
  });

  it('rejects a record that is not an object', () => {
    expect(validateRecord(contact, ['ada'] as unknown as Record<string, unknown>).map((e) => e.code)).toEqual(['INVALID_RECORD']);
  });
});
