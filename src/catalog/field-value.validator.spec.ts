import { describe, expect, it } from 'vitest';
import { FIELD_TYPES, type FieldDef } from '../config/hub-config.schema';
import type { ResolvedEntityType } from './catalog.types';
import { validateRecord } from './record.validator';
import { DEFAULT_MAX_STRING_LENGTH } from './field-value.validator';

function typeWith(def: FieldDef): ResolvedEntityType {
  return {
    name: 'thing', fields: { value: def }, matchOn: [], precedence: [], fieldPrecedence: {},
    strategy: 'merge', deletePolicy: 'tombstone',
  };
}

/** The error codes validateRecord reports for { value } under the given field definition. */
function codes(def: FieldDef, value: unknown): string[] {
  return validateRecord(typeWith(def), { value }).map((e) => e.code);
}

const cases: { def: FieldDef; valid: unknown[]; invalid: [unknown, string][] }[] = [
  {
    def: { type: 'string' },
    valid: ['', 'Ada', 'line\nbreak', 'Ünïcödé'],
    invalid: [[42, 'INVALID_STRING'], [true, 'INVALID_STRING'], [['a'], 'INVALID_STRING'], [{}, 'INVALID_STRING']],
  },
  {
    def: { type: 'text' },
    valid: ['A long\nmulti-line note.'],
    invalid: [[1.5, 'INVALID_STRING']],
  },
  {
    def: { type: 'email' },
    valid: ['ada@example.com', 'ada.lovelace+hub@mail.example.co.uk'],
    invalid: [
      ['ada', 'INVALID_EMAIL'], ['ada@', 'INVALID_EMAIL'], ['a b@example.com', 'INVALID_EMAIL'],
      ['Ada@Example.com', 'INVALID_EMAIL'], [' ada@example.com', 'INVALID_EMAIL'], [7, 'INVALID_EMAIL'],
    ],
  },
  {
    def: { type: 'phone' },
    valid: ['+442071838750', '+14155552671', '+33123456789'],
    invalid: [
      ['020 7183 8750', 'INVALID_PHONE'], ['+44 20 7183 8750', 'INVALID_PHONE'], ['+4420', 'INVALID_PHONE'],
      ['+999123456789', 'INVALID_PHONE'], ['+11234567890', 'INVALID_PHONE'], ['not a phone', 'INVALID_PHONE'], [442071838750, 'INVALID_PHONE'],
    ],
  },
  {
    def: { type: 'date' },
    valid: ['2024-01-01', '2024-02-29', '1815-12-10'],
    invalid: [
      ['2024-02-30', 'INVALID_DATE'], ['2023-02-29', 'INVALID_DATE'], ['2024-13-01', 'INVALID_DATE'],
      ['01/01/2024', 'INVALID_DATE'], ['20240101', 'INVALID_DATE'], ['2024-01-01T00:00:00.000Z', 'INVALID_DATE'],
      [20240101, 'INVALID_DATE'],
    ],
  },
  {
    def: { type: 'datetime' },
    valid: ['2024-01-01T09:30:00.000Z', '2024-02-29T23:59:59.999Z'],
    invalid: [
      ['2024-01-01T09:30:00Z', 'INVALID_DATETIME'], ['2024-01-01T10:30:00.000+01:00', 'INVALID_DATETIME'],
      ['2024-01-01', 'INVALID_DATETIME'], ['2024-02-30T00:00:00.000Z', 'INVALID_DATETIME'],
      ['yesterday', 'INVALID_DATETIME'], [1704101400000, 'INVALID_DATETIME'],
    ],
  },
  {
    def: { type: 'integer' },
    valid: [0, 42, -7, Number.MAX_SAFE_INTEGER],
    invalid: [
      [1.5, 'INVALID_INTEGER'], ['42', 'INVALID_INTEGER'], [Number.MAX_SAFE_INTEGER + 1, 'INVALID_INTEGER'],
      [Number.NaN, 'INVALID_INTEGER'], [Infinity, 'INVALID_INTEGER'],
    ],
  },
  {
    def: { type: 'decimal' },
    valid: ['0', '12.5', '-0.001', '123456789012345678901234567890.123456789'],
    invalid: [
      ['12.50', 'INVALID_DECIMAL'], ['1e3', 'INVALID_DECIMAL'], ['012', 'INVALID_DECIMAL'], ['-0', 'INVALID_DECIMAL'],
      ['12.', 'INVALID_DECIMAL'], ['.5', 'INVALID_DECIMAL'], [12.5, 'INVALID_DECIMAL'], ['1,5', 'INVALID_DECIMAL'],
    ],
  },
  {
    def: { type: 'money' },
    valid: [
      { amount: '12.30', currency: 'EUR' }, { amount: '1000', currency: 'JPY' }, { amount: '1.234', currency: 'BHD' },
      { amount: '-5.00', currency: 'USD' }, { amount: '0.00', currency: 'GBP' },
    ],
    invalid: [
      [{ amount: '12.3', currency: 'EUR' }, 'INVALID_MONEY'], [{ amount: '12.300', currency: 'EUR' }, 'INVALID_MONEY'],
      [{ amount: '1000.00', currency: 'JPY' }, 'INVALID_MONEY'], [{ amount: 12.3, currency: 'EUR' }, 'INVALID_MONEY'],
      [{ amount: '-0.00', currency: 'EUR' }, 'INVALID_MONEY'], [{ amount: '12.30' }, 'INVALID_CURRENCY'],
      [{ amount: '12.30', currency: 'XYZ' }, 'INVALID_CURRENCY'], [{ amount: '12.30', currency: 'eur' }, 'INVALID_CURRENCY'],
      [{ amount: '12.30', currency: 'EUR', cents: 1230 }, 'INVALID_MONEY'], ['12.30 EUR', 'INVALID_MONEY'],
    ],
  },
  {
    def: { type: 'boolean' },
    valid: [true, false],
    invalid: [['true', 'INVALID_BOOLEAN'], [1, 'INVALID_BOOLEAN']],
  },
  {
    def: { type: 'enum', values: ['active', 'inactive'] },
    valid: ['active', 'inactive'],
    invalid: [['Active', 'NOT_IN_ENUM'], ['deleted', 'NOT_IN_ENUM'], [1, 'NOT_IN_ENUM']],
  },
  {
    def: { type: 'reference', entity: 'contact' },
    valid: ['0b6c0f3e-1234-4abc-8def-0123456789ab'],
    invalid: [
      ['0B6C0F3E-1234-4ABC-8DEF-0123456789AB', 'INVALID_REFERENCE'], ['contact-1', 'INVALID_REFERENCE'],
      [17, 'INVALID_REFERENCE'],
    ],
  },
  {
    def: { type: 'list', items: { type: 'string' } },
    valid: [[], ['admin', 'editor']],
    invalid: [['admin', 'INVALID_LIST'], [{ 0: 'admin' }, 'INVALID_LIST']],
  },
  {
    def: { type: 'object', fields: { sku: { type: 'string' } } },
    valid: [{}, { sku: 'A-1' }],
    invalid: [['A-1', 'INVALID_OBJECT'], [['A-1'], 'INVALID_OBJECT']],
  },
];

describe('field types', () => {
  for (const { def, valid, invalid } of cases) {
    describe(def.type, () => {
      it.each(valid.map((v) => [v]))('accepts %j', (value) => {
        expect(codes(def, value)).toEqual([]);
      });
      it.each(invalid)('rejects %j with %s', (value, code) => {
        expect(codes(def, value)).toEqual([code]);
      });
      it('accepts null (the system says the field is empty)', () => {
        expect(codes(def, null)).toEqual([]);
      });
    });
  }

  it('covers every field type', () => {
    expect(new Set(cases.map((c) => c.def.type))).toEqual(new Set(FIELD_TYPES));
  });
});

describe('field rules', () => {
  it('limits a string field without its own maxLength to the default, and a field may allow more', () => {
    expect(codes({ type: 'string' }, 'x'.repeat(DEFAULT_MAX_STRING_LENGTH))).toEqual([]);
    expect(codes({ type: 'text' }, 'x'.repeat(DEFAULT_MAX_STRING_LENGTH + 1))).toEqual(['TOO_LONG']);
    expect(codes({ type: 'email' }, `${'a'.repeat(DEFAULT_MAX_STRING_LENGTH)}@example.com`)).toEqual(['TOO_LONG']);
    expect(codes({ type: 'text', maxLength: 50_000 }, 'x'.repeat(20_000))).toEqual([]);
  });

  it('maxLength counts characters, not UTF-16 units', () => {
    expect(codes({ type: 'string', maxLength: 3 }, '😀😀😀')).toEqual([]);
    expect(codes({ type: 'string', maxLength: 3 }, 'abcd')).toEqual(['TOO_LONG']);
    expect(codes({ type: 'email', maxLength: 10 }, 'ada@example.com')).toEqual(['TOO_LONG']);
  });

  it('pattern is searched, not anchored, unless the pattern anchors it', () => {
    expect(codes({ type: 'string', pattern: '[0-9]' }, 'A-1')).toEqual([]);
    expect(codes({ type: 'string', pattern: '^[A-Z]{2}$' }, 'GBR')).toEqual(['PATTERN_MISMATCH']);
    expect(codes({ type: 'string', pattern: '^[A-Z]{2}$' }, 'GB')).toEqual([]);
  });

  it('reports every broken rule of one value', () => {
    expect(codes({ type: 'string', maxLength: 2, pattern: '^[a-z]+$', trim: true }, ' ABC ')).toEqual([
      'TOO_LONG', 'PATTERN_MISMATCH', 'NOT_NORMALISED',
    ]);
  });

  it('checks trim and case normalisation', () => {
    expect(codes({ type: 'string', trim: true }, ' Ada')).toEqual(['NOT_NORMALISED']);
    expect(codes({ type: 'string', case: 'upper' }, 'gb')).toEqual(['NOT_NORMALISED']);
    expect(codes({ type: 'string', case: 'lower' }, 'Ada')).toEqual(['NOT_NORMALISED']);
    expect(codes({ type: 'string', trim: true, case: 'lower' }, 'ada')).toEqual([]);
  });

  it('checks min and max on integers, decimals and money amounts without floating point', () => {
    expect(codes({ type: 'integer', min: 0 }, -1)).toEqual(['TOO_SMALL']);
    expect(codes({ type: 'integer', max: 10 }, 11)).toEqual(['TOO_LARGE']);
    expect(codes({ type: 'integer', min: 0, max: 10 }, 10)).toEqual([]);
    expect(codes({ type: 'decimal', max: 0.3 }, '0.30000000000000001')).toEqual(['TOO_LARGE']);
    expect(codes({ type: 'decimal', min: 0.1 }, '0.1')).toEqual([]);
    expect(codes({ type: 'money', min: 0 }, { amount: '-0.01', currency: 'EUR' })).toEqual(['TOO_SMALL']);
  });

  it('points money errors at the part that is wrong', () => {
    const errors = validateRecord(typeWith({ type: 'money' }), { value: { amount: 1.5, currency: 'XYZ' } });
    expect(errors.map((e) => [e.field, e.code, e.value])).toEqual([
      ['value.currency', 'INVALID_CURRENCY', 'XYZ'],
      ['value.amount', 'INVALID_MONEY', 1.5],
    ]);
    // Minor digits depend on the currency, so an amount is only judged once the currency is known.
    expect(codes({ type: 'money' }, { amount: '1.5', currency: 'XYZ' })).toEqual(['INVALID_CURRENCY']);
  });

  it('uses ISO 4217 minor digits for non-decimal currencies', () => {
    expect(codes({ type: 'money' }, { amount: '10.00', currency: 'MRU' })).toEqual([]);
    expect(codes({ type: 'money' }, { amount: '1.0000', currency: 'CLF' })).toEqual([]);
  });

  it('explains a non-canonical datetime with its canonical form', () => {
    const [error] = validateRecord(typeWith({ type: 'datetime' }), { value: '2024-01-01T10:30:00+01:00' });
    expect(error.message).toContain('2024-01-01T09:30:00.000Z');
  });
});
