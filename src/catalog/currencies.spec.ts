import { describe, expect, it } from 'vitest';
import { currencyMinorDigits, findCurrency, isCurrencyCode } from './currencies';

describe('currencies', () => {
  it.each([['EUR', 2], ['USD', 2], ['JPY', 0], ['KRW', 0], ['BHD', 3], ['KWD', 3], ['CLF', 4], ['MRU', 2], ['MGA', 2]])(
    '%s has %i minor digits',
    (code, digits) => {
      expect(currencyMinorDigits(code)).toBe(digits);
    },
  );

  it('knows only ISO 4217 codes, in upper case', () => {
    expect(isCurrencyCode('EUR')).toBe(true);
    expect(isCurrencyCode('eur')).toBe(false);
    expect(isCurrencyCode('ABC')).toBe(false);
    expect(isCurrencyCode('DineroCurrency')).toBe(false);
    expect(isCurrencyCode(978)).toBe(false);
    expect(findCurrency('XYZ')).toBeUndefined();
    expect(findCurrency('GBP')).toEqual({ code: 'GBP', minorDigits: 2 });
  });
});
