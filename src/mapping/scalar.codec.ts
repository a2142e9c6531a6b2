import type { PhoneNumber } from 'libphonenumber-js/max';
import { parsePhone } from '../common/phone-numbers';
import type { FieldMapping } from '../config/hub-config.schema';
import type { Converted, MappingErrorCode } from './mapping.types';
import { toBig } from './money.codec';

/**
 * Scalar conversions. Inbound accepts what real systems send (numbers as strings, "yes"/"1" for true)
 * and nothing looser: a value that is not clearly of the type is an error rather than a guess.
 */
export const PHONE_FORMATS = ['e164', 'international', 'national', 'rfc3966'] as const;
/** JSON type a system expects for decimals, money in decimal units and integers. */
export const NUMBER_FORMATS = ['number', 'string'] as const;

const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', 'off']);
const INTEGER = /^[+-]?\d+$/;

const ok = (value: unknown): Converted => ({ ok: true, value });
const fail = (code: MappingErrorCode, reason: string): Converted => ({ ok: false, code, reason });

export function applyTextRules(text: string, trim: boolean | undefined, letterCase: 'lower' | 'upper' | undefined): string {
  const trimmed = trim ? text.trim() : text;
  if (letterCase === 'lower') return trimmed.toLowerCase();
  if (letterCase === 'upper') return trimmed.toUpperCase();
  return trimmed;
}

/** Strings; numbers are accepted because systems send codes and zip codes as JSON numbers. */
export function decodeText(raw: unknown): Converted {
  if (typeof raw === 'string') return ok(raw);
  if (typeof raw === 'number' && Number.isFinite(raw)) return ok(String(raw));
  return fail('INVALID_STRING', 'is not a string');
}

export function decodeEmail(raw: unknown): Converted {
  return typeof raw === 'string' ? ok(raw.trim().toLowerCase()) : fail('INVALID_STRING', 'is not an e-mail address string');
}

function validPhone(text: string, defaultCountry: string | undefined): PhoneNumber | undefined {
  const parsed = parsePhone(text, defaultCountry);
  return parsed?.valid ? parsed.phone : undefined;
}

export function decodePhone(raw: unknown, defaultCountry: string | undefined): Converted {
  const text = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' && Number.isSafeInteger(raw) ? String(raw) : undefined;
  if (text === undefined) return fail('INVALID_PHONE', 'is not a phone number string');
  const phone = validPhone(text, defaultCountry);
  if (!phone) {
    return fail('INVALID_PHONE', defaultCountry ? `is not a valid phone number (default country ${defaultCountry})` : 'is not a valid phone number');
  }
  return ok(phone.number);
}

export function encodePhone(value: unknown, defaultCountry: string | undefined, format: string | undefined): Converted {
  const phone = typeof value === 'string' ? validPhone(value, undefined) : undefined;
  if (!phone) return fail('INVALID_PHONE', 'is not a valid E.164 phone number');
  switch (format) {
    case 'national':
      // A national form only reads back unambiguously in the default country; others stay international.
      return ok(phone.country !== undefined && phone.country === defaultCountry ? phone.formatNational() : phone.formatInternational());
    case 'international':
      return ok(phone.formatInternational());
    case 'rfc3966':
      return ok(phone.getURI());
    default:
      return ok(phone.number);
  }
}

export function decodeInteger(raw: unknown): Converted {
  if (typeof raw === 'number') return Number.isSafeInteger(raw) ? ok(raw) : fail('INVALID_INTEGER', 'is not a safe integer');
  if (typeof raw === 'string' && INTEGER.test(raw.trim())) {
    const value = Number(raw.trim());
    return Number.isSafeInteger(value) ? ok(value) : fail('INVALID_INTEGER', 'is not a safe integer');
  }
  return fail('INVALID_INTEGER', 'is not an integer');
}

export function encodeInteger(value: unknown, format: string | undefined): Converted {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) return fail('INVALID_INTEGER', 'is not a canonical integer');
  return ok(format === 'string' ? String(value) : value);
}

/** Canonical decimals: a string with no exponent and no trailing zeros ("12.5"), via big.js, never a double. */
export function decodeDecimal(raw: unknown): Converted {
  const big = toBig(raw);
  return big === undefined ? fail('INVALID_DECIMAL', 'is not a decimal number') : ok(big.toFixed());
}

export function encodeDecimal(value: unknown, format: string | undefined): Converted {
  const big = typeof value === 'string' ? toBig(value) : undefined;
  if (big === undefined) return fail('INVALID_DECIMAL', 'is not a canonical decimal string');
  const text = big.toFixed();
  return ok(format === 'number' ? Number(text) : text);
}

export function decodeBoolean(raw: unknown): Converted {
  if (typeof raw === 'boolean') return ok(raw);
  if (raw === 1 || raw === 0) return ok(raw === 1);
  if (typeof raw === 'string') {
    const word = raw.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return ok(true);
    if (FALSE_WORDS.has(word)) return ok(false);
  }
  return fail('INVALID_BOOLEAN', 'is not a boolean');
}

export function encodeBoolean(value: unknown): Converted {
  return typeof value === 'boolean' ? ok(value) : fail('INVALID_BOOLEAN', 'is not a canonical boolean');
}

type ValueMap = NonNullable<FieldMapping['values']>;

/**
 * System values compare by their text after the mapping's trim/case, so `1` and "1" from two API versions
 * of one system both match, and a map is only invertible when those texts are distinct.
 */
export function systemValueKey(value: unknown, trim?: boolean, letterCase?: 'lower' | 'upper'): string {
  return applyTextRules(String(value), trim, letterCase);
}

/** Inbound value map: system value → the canonical key it stands for (still text; the caller types it). */
export function decodeMapped(raw: unknown, values: ValueMap, trim?: boolean, letterCase?: 'lower' | 'upper'): Converted {
  if (typeof raw === 'object' || raw === undefined) return fail('UNMAPPED_VALUE', 'is not a scalar value listed in the value map');
  const key = systemValueKey(raw, trim, letterCase);
  for (const [canonical, systemValue] of Object.entries(values)) {
    if (systemValueKey(systemValue, trim, letterCase) === key) return ok(canonical);
  }
  return fail('UNMAPPED_VALUE', `is not in the value map (known: ${Object.values(values).map((v) => JSON.stringify(v)).join(', ')})`);
}

/** Outbound value map: canonical value → system value. */
export function encodeMapped(value: unknown, values: ValueMap): Converted {
  const key = String(value);
  if (typeof value === 'object' || !Object.prototype.hasOwnProperty.call(values, key)) {
    return fail('UNMAPPED_VALUE', `has no system value in the value map (mapped: ${Object.keys(values).join(', ')})`);
  }
  return ok(values[key]);
}
