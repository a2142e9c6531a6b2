import * as iso4217 from 'dinero.js/currencies';

/**
 * ISO 4217 currency table, taken from dinero.js (maintained, tracks ISO amendments) instead of a
 * hand-copied list. Mapping and validation both read minor digits from here so they cannot disagree.
 */
interface CurrencyInfo {
  code: string;
  /** decimal places of the canonical amount string */
  minorDigits: number;
}

/**
 * dinero.js models MGA and MRU by their non-decimal subunit (base 5, exponent 1); ISO 4217 publishes
 * 2 decimal minor digits for both, and the canonical amount is a decimal string, so ISO wins here.
 */
const ISO_MINOR_DIGITS_FOR_NON_DECIMAL: Record<string, number> = { MGA: 2, MRU: 2 };

const CURRENCIES: ReadonlyMap<string, CurrencyInfo> = new Map(
  Object.values(iso4217 as Record<string, { code: string; base: number | readonly number[]; exponent: number }>)
    .filter((c) => typeof c === 'object' && c !== null && typeof c.code === 'string')
    .map((c) => {
      const minorDigits = c.base === 10 ? c.exponent : ISO_MINOR_DIGITS_FOR_NON_DECIMAL[c.code];
      return [c.code, { code: c.code, minorDigits: minorDigits ?? c.exponent }];
    }),
);

/** The currency's ISO 4217 entry, or undefined when the code is not an active ISO 4217 code. */
export function findCurrency(code: string): CurrencyInfo | undefined {
  return CURRENCIES.get(code);
}

export function isCurrencyCode(code: unknown): code is string {
  return typeof code === 'string' && CURRENCIES.has(code);
}

/** Decimal places of the currency's canonical amount (EUR 2, JPY 0, BHD 3), undefined when unknown. */
export function currencyMinorDigits(code: string): number | undefined {
  return CURRENCIES.get(code)?.minorDigits;
}
