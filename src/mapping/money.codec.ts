import Big from 'big.js';
import * as isoCurrencies from 'dinero.js/currencies';
import type { Converted } from './mapping.types';

/**
 * Money amounts between a system's form (integer minor units, or a decimal number/string in major units)
 * and the canonical `{ amount: '12.30', currency: 'EUR' }`. Every step goes through big.js on decimal
 * strings; a JS number from the system is only ever read through its shortest decimal representation.
 * Minor digits come from dinero.js's ISO 4217 table, so JPY has 0, EUR 2, KWD 3 without a hand-kept list.
 */
export type MoneyUnit = 'minor' | 'decimal';

interface CurrencyInfo {
  code: string;
  base: number | readonly number[];
  exponent: number;
}

const CURRENCIES = new Map<string, CurrencyInfo>(
  (Object.values(isoCurrencies) as CurrencyInfo[]).map((currency) => [currency.code, currency]),
);
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const CANONICAL_CURRENCY = /^[A-Z]{3}$/;

export function isKnownCurrency(code: string): boolean {
  return CURRENCIES.has(code);
}

/**
 * Decimal places of a currency's amount, or undefined for the non-decimal ones (MGA, MRU: base 5), which
 * have no minor unit expressible as a power of ten.
 */
export function currencyDigits(code: string): number | undefined {
  const currency = CURRENCIES.get(code);
  return currency && currency.base === 10 ? currency.exponent : undefined;
}

/** A number or a plain decimal string as Big, or undefined; "1,234.50", "12 EUR" and NaN are rejected, not guessed. */
export function toBig(raw: unknown): Big | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? new Big(raw) : undefined;
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  return DECIMAL.test(text) ? new Big(text) : undefined;
}

/** A currency code from a system: trimmed and upper-cased, since systems write "eur" as often as "EUR". */
export function normaliseCurrency(raw: unknown): string | undefined {
  return typeof raw === 'string' ? raw.trim().toUpperCase() : undefined;
}

const fail = (code: 'INVALID_MONEY' | 'UNKNOWN_CURRENCY' | 'UNSUPPORTED_CURRENCY', reason: string): Converted => ({ ok: false, code, reason });

/** A system amount (number or string) in `currency` → canonical money. */
export function decodeAmount(raw: unknown, unit: MoneyUnit, currency: string): Converted {
  if (!CURRENCIES.has(currency)) return fail('UNKNOWN_CURRENCY', `has an unknown currency "${currency}"`);
  const amount = toBig(raw);
  if (amount === undefined) return fail('INVALID_MONEY', 'is not a number');
  const digits = currencyDigits(currency);
  if (unit === 'minor') {
    if (digits === undefined) return fail('UNSUPPORTED_CURRENCY', `cannot be read in minor units: ${currency} is not a decimal currency`);
    if (!amount.round(0).eq(amount)) return fail('INVALID_MONEY', 'is not a whole number of minor units');
    return { ok: true, value: { amount: amount.div(new Big(10).pow(digits)).toFixed(digits), currency } };
  }
  if (digits === undefined) return { ok: true, value: { amount: amount.toFixed(), currency } };
  // Rounding would invent a value the system never held; a third decimal on EUR is a data problem to surface.
  if (!amount.round(digits).eq(amount)) return fail('INVALID_MONEY', `has more than ${digits} decimal places for ${currency}`);
  return { ok: true, value: { amount: amount.toFixed(digits), currency } };
}

/** Canonical money as written by another part of the hub; read defensively (amount as string or number). */
export function readCanonicalMoney(value: unknown): { amount: Big; currency: string } | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { amount, currency } = value as { amount?: unknown; currency?: unknown };
  const big = toBig(amount);
  if (big === undefined || typeof currency !== 'string' || !CANONICAL_CURRENCY.test(currency)) return undefined;
  return { amount: big, currency };
}

/** Canonical money → the system's amount in `unit`; `as` picks the JSON type the system expects. */
export function encodeAmount(amount: Big, currency: string, unit: MoneyUnit, as: 'number' | 'string' | undefined): Converted {
  if (!CURRENCIES.has(currency)) return fail('UNKNOWN_CURRENCY', `has an unknown currency "${currency}"`);
  const digits = currencyDigits(currency);
  if (unit === 'minor') {
    if (digits === undefined) return fail('UNSUPPORTED_CURRENCY', `cannot be written in minor units: ${currency} is not a decimal currency`);
    const minor = amount.times(new Big(10).pow(digits));
    if (!minor.round(0).eq(minor)) return fail('INVALID_MONEY', `has more than ${digits} decimal places for ${currency}`);
    const text = minor.toFixed(0);
    if (as === 'string') return { ok: true, value: text };
    const number = Number(text);
    return Number.isSafeInteger(number) ? { ok: true, value: number } : fail('INVALID_MONEY', 'is too large for a JSON integer');
  }
  if (digits !== undefined && !amount.round(digits).eq(amount)) {
    return fail('INVALID_MONEY', `has more than ${digits} decimal places for ${currency}`);
  }
  const text = digits === undefined ? amount.toFixed() : amount.toFixed(digits);
  // Strings by default: a JSON number is read into a double by most clients, which a decimal string never is.
  return { ok: true, value: as === 'number' ? Number(text) : text };
}
