import { describe, expect, it } from 'vitest';
import {
  decodeBoolean, decodeDecimal, decodeEmail, decodeInteger, decodeMapped, decodePhone, decodeText, encodeDecimal,
  encodeInteger, encodeMapped, encodePhone,
} from './scalar.codec';

describe('phone', () => {
  it('normalises national and international numbers to E.164', () => {
    expect(decodePhone('020 7183 8750', 'GB')).toEqual({ ok: true, value: '+442071838750' });
    expect(decodePhone('+44 20 7183 8750', undefined)).toEqual({ ok: true, value: '+442071838750' });
    expect(decodePhone('(213) 373-4253', 'US')).toEqual({ ok: true, value: '+12133734253' });
  });

  it.each([['12', 'GB'], ['020 7183 8750', undefined], ['not a phone', 'GB'], [{}, 'GB']])('rejects %j (default %s)', (raw, country) => {
    expect(decodePhone(raw, country)).toMatchObject({ ok: false, code: 'INVALID_PHONE' });
  });

  it('writes E.164 by default and other forms on request', () => {
    expect(encodePhone('+442071838750', 'GB', undefined)).toEqual({ ok: true, value: '+442071838750' });
    expect(encodePhone('+442071838750', 'GB', 'national')).toEqual({ ok: true, value: '020 7183 8750' });
    expect(encodePhone('+12133734253', 'GB', 'national')).toEqual({ ok: true, value: '+1 213 373 4253' });
    expect(encodePhone('+442071838750', 'GB', 'international')).toEqual({ ok: true, value: '+44 20 7183 8750' });
    expect(encodePhone('+442071838750', 'GB', 'rfc3966')).toEqual({ ok: true, value: 'tel:+442071838750' });
    expect(encodePhone('0207', 'GB', undefined)).toMatchObject({ ok: false, code: 'INVALID_PHONE' });
  });
});

describe('text and email', () => {
  it('trims and lower-cases e-mail', () => {
    expect(decodeEmail('  Ada@Example.COM ')).toEqual({ ok: true, value: 'ada@example.com' });
    expect(decodeEmail(42)).toMatchObject({ ok: false, code: 'INVALID_STRING' });
  });

  it('accepts numbers as text but not objects', () => {
    expect(decodeText(10115)).toEqual({ ok: true, value: '10115' });
    expect(decodeText(['a'])).toMatchObject({ ok: false, code: 'INVALID_STRING' });
  });
});

describe('numbers and booleans', () => {
  it.each([[42, 42], ['42', 42], [' -7 ', -7], ['+3', 3]])('reads integer %j', (raw, value) => {
    expect(decodeInteger(raw)).toEqual({ ok: true, value });
  });

  it.each([4.2, '4.2', '42abc', '', '9007199254740993', true, null])('rejects integer %j', (raw) => {
    expect(decodeInteger(raw)).toMatchObject({ ok: false, code: 'INVALID_INTEGER' });
  });

  it.each([[12.5, '12.5'], ['12.50', '12.5'], ['0012.500', '12.5'], ['-0.0', '0'], [1e21, '1000000000000000000000'], ['.5', '0.5'], ['100', '100']])(
    'reads decimal %j as %s', (raw, value) => {
      expect(decodeDecimal(raw)).toEqual({ ok: true, value });
    },
  );

  it.each(['1,5', 'abc', '1e5', '', {}, Number.POSITIVE_INFINITY])('rejects decimal %j', (raw) => {
    expect(decodeDecimal(raw)).toMatchObject({ ok: false, code: 'INVALID_DECIMAL' });
  });

  it('writes decimals and integers in the JSON type asked for', () => {
    expect(encodeDecimal('12.5', undefined)).toEqual({ ok: true, value: '12.5' });
    expect(encodeDecimal('12.5', 'number')).toEqual({ ok: true, value: 12.5 });
    expect(encodeDecimal(12.5, undefined)).toMatchObject({ ok: false });
    expect(encodeInteger(42, 'string')).toEqual({ ok: true, value: '42' });
    expect(encodeInteger(4.2, undefined)).toMatchObject({ ok: false, code: 'INVALID_INTEGER' });
  });

  it.each([[true, true], ['true', true], ['1', true], [1, true], ['YES', true], ['y', true], ['false', false], ['0', false], [0, false], ['no', false]])(
    'reads boolean %j', (raw, value) => {
      expect(decodeBoolean(raw)).toEqual({ ok: true, value });
    },
  );

  it.each(['maybe', 2, '', null, 'truthy'])('rejects boolean %j', (raw) => {
    expect(decodeBoolean(raw)).toMatchObject({ ok: false, code: 'INVALID_BOOLEAN' });
  });
});

describe('value maps', () => {
  const values = { active: 'A', inactive: 'I' };

  it('maps A ↔ active', () => {
    expect(decodeMapped('A', values)).toEqual({ ok: true, value: 'active' });
    expect(encodeMapped('active', values)).toEqual({ ok: true, value: 'A' });
  });

  it('names the unmapped value', () => {
    expect(decodeMapped('X', values)).toMatchObject({ ok: false, code: 'UNMAPPED_VALUE' });
    expect(encodeMapped('archived', values)).toMatchObject({ ok: false, code: 'UNMAPPED_VALUE' });
    expect(encodeMapped('toString', values)).toMatchObject({ ok: false, code: 'UNMAPPED_VALUE' });
  });

  it('compares system values as text after the mapping trim/case', () => {
    expect(decodeMapped(1, { true: '1', false: '0' })).toEqual({ ok: true, value: 'true' });
    expect(decodeMapped(' a ', values, true, 'upper')).toEqual({ ok: true, value: 'active' });
  });
});
