import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import { currencyDigits, decodeAmount, encodeAmount, isKnownCurrency, readCanonicalMoney, toBig } from './money.codec';

describe('money codec', () => {
  it('takes minor digits from the ISO 4217 table', () => {
    expect(currencyDigits('EUR')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('KWD')).toBe(3);
    expect(currencyDigits('MRU')).toBeUndefined();
    expect(isKnownCurrency('XYZ')).toBe(false);
  });

  it.each([
    [1230, 'EUR', '12.30'],
    ['1230', 'EUR', '12.30'],
    [5, 'EUR', '0.05'],
    [-5, 'EUR', '-0.05'],
    [1230, 'JPY', '1230'],
    [12345, 'KWD', '12.345'],
    ['900719925474099312', 'EUR', '9007199254740993.12'],
  ])('reads %j minor units of %s as %s', (raw, currency, amount) => {
    expect(decodeAmount(raw, 'minor', currency)).toEqual({ ok: true, value: { amount, currency } });
  });

  it.each([
    [12.3, 'EUR', '12.30'],
    ['12.3', 'EUR', '12.30'],
    [' 0.1 ', 'EUR', '0.10'],
    [0.1, 'KWD', '0.100'],
    ['1500', 'JPY', '1500'],
    ['12345678901234567.89', 'USD', '12345678901234567.89'],
  ])('reads decimal %j in %s as %s', (raw, currency, amount) => {
    expect(decodeAmount(raw, 'decimal', currency)).toEqual({ ok: true, value: { amount, currency } });
  });

  it.each([
    [12.5, 'minor', 'EUR', 'INVALID_MONEY'],
    ['12.345', 'decimal', 'EUR', 'INVALID_MONEY'],
    ['1.5', 'decimal', 'JPY', 'INVALID_MONEY'],
    ['1,234.50', 'decimal', 'EUR', 'INVALID_MONEY'],
    ['12 EUR', 'decimal', 'EUR', 'INVALID_MONEY'],
    [Number.NaN, 'decimal', 'EUR', 'INVALID_MONEY'],
    [true, 'decimal', 'EUR', 'INVALID_MONEY'],
    [100, 'minor', 'ABC', 'UNKNOWN_CURRENCY'],
    [100, 'minor', 'MRU', 'UNSUPPORTED_CURRENCY'],
  ] as const)('rejects %j (%s, %s) with %s', (raw, unit, currency, code) => {
    expect(decodeAmount(raw, unit, currency)).toMatchObject({ ok: false, code });
  });

  it('0.1 + 0.2 from a system is exposed, not rounded', () => {
    expect(decodeAmount(0.1 + 0.2, 'decimal', 'EUR')).toMatchObject({ ok: false, code: 'INVALID_MONEY' });
  });

  it('writes minor units as integers and decimals as exact strings', () => {
    expect(encodeAmount(new Big('12.30'), 'EUR', 'minor', undefined)).toEqual({ ok: true, value: 1230 });
    expect(encodeAmount(new Big('12.345'), 'KWD', 'minor', 'string')).toEqual({ ok: true, value: '12345' });
    expect(encodeAmount(new Big('1230'), 'JPY', 'minor', undefined)).toEqual({ ok: true, value: 1230 });
    expect(encodeAmount(new Big('12.3'), 'EUR', 'decimal', undefined)).toEqual({ ok: true, value: '12.30' });
    expect(encodeAmount(new Big('12.3'), 'EUR', 'decimal', 'number')).toEqual({ ok: true, value: 12.3 });
    expect(encodeAmount(new Big('12.305'), 'EUR', 'minor', undefined)).toMatchObject({ ok: false, code: 'INVALID_MONEY' });
    expect(encodeAmount(new Big('90071992547409.93'), 'EUR', 'minor', undefined)).toMatchObject({ ok: false, code: 'INVALID_MONEY' });
    expect(encodeAmount(new Big('90071992547409.93'), 'EUR', 'minor', 'string')).toEqual({ ok: true, value: '9007199254740993' });
  });

  it('reads canonical money defensively', () => {
    expect(readCanonicalMoney({ amount: '12.30', currency: 'EUR' })?.amount.toFixed(2)).toBe('12.30');
    expect(readCanonicalMoney({ amount: '12.30', currency: 'eur' })).toBeUndefined();
    expect(readCanonicalMoney({ amount: 'x', currency: 'EUR' })).toBeUndefined();
    expect(readCanonicalMoney('12.30')).toBeUndefined();
    expect(toBig('1e3')).toBeUndefined();
  });
});
