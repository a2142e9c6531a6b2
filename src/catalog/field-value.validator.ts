import Big from 'big.js';
import { DateTime } from 'luxon';
import { utcIsoMillis } from '../common/iso-time';
import { parsePhone } from '../common/phone-numbers';
import { z } from 'zod';
import type { FieldDef } from '../config/hub-config.schema';
import { currencyMinorDigits } from './currencies';
import { compilePattern, isPlainObject } from './field-rules';

/**
 * Checks of one canonical scalar value against its field definition (forms: docs/canonical-values.md).
 * Lists, objects, required and unknown fields are handled by record.validator.ts, which turns each
 * problem into a FieldError with the field path and a message.
 */
export interface ValueProblem {
  code: string;
  /** completes "<field>: <value> …", e.g. "is not a real calendar date" */
  reason: string;
  /** a part of a composite value (money: amount, currency) the problem is about */
  part?: string;
}

/** Canonical decimal: no exponent, no leading zeros, no trailing zeros after the point, no "-0". */
const DECIMAL = /^(?!-0$)-?(0|[1-9]\d*)(\.\d*[1-9])?$/;
const MONEY_AMOUNT = /^-?(0|[1-9]\d*)(?:\.(\d+))?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const email = z.email();
const uuid = z.uuid();

export function checkScalar(def: FieldDef, value: unknown): ValueProblem[] {
  switch (def.type) {
    case 'string':
    case 'text':
      return typeof value === 'string' ? checkText(def, value) : [problem('INVALID_STRING', 'is not a string')];
    case 'email':
      return checkEmail(def, value);
    case 'phone':
      return checkPhone(value);
    case 'date':
      return checkDate(value);
    case 'datetime':
      return checkDateTime(value);
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
        return [problem('INVALID_INTEGER', `is not an integer between ${Number.MIN_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}`)];
      }
      return checkRange(def, new Big(value));
    case 'decimal':
      if (typeof value !== 'string' || !DECIMAL.test(value)) {
        return [problem('INVALID_DECIMAL', 'is not a canonical decimal string (e.g. "12.5": no exponent, no trailing zeros)')];
      }
      return checkRange(def, new Big(value));
    case 'money':
      return checkMoney(def, value);
    case 'boolean':
      return typeof value === 'boolean' ? [] : [problem('INVALID_BOOLEAN', 'is not true or false')];
    case 'enum':
      return typeof value === 'string' && (def.values ?? []).includes(value)
        ? []
        : [problem('NOT_IN_ENUM', `is not one of ${(def.values ?? []).map((v) => JSON.stringify(v)).join(', ')}`)];
    case 'reference':
      return typeof value === 'string' && uuid.safeParse(value).success && value === value.toLowerCase()
        ? []
        : [problem('INVALID_REFERENCE', 'is not a golden record id (lower-case uuid)')];
    default:
      return [problem('UNSUPPORTED_TYPE', `cannot be checked: field type "${String(def.type)}" is not a scalar type`)];
  }
}

function problem(code: string, reason: string, part?: string): ValueProblem {
  return part === undefined ? { code, reason } : { code, reason, part };
}

/**
 * The limit of a string field without its own `maxLength`: a field never holds an unbounded value (a megabyte
 * name would be stored, versioned and sent to every system). A field that needs more states its own maxLength.
 */
export const DEFAULT_MAX_STRING_LENGTH = 10_000;

function checkText(def: FieldDef, value: string): ValueProblem[] {
  const problems: ValueProblem[] = [];
  const max = def.maxLength ?? DEFAULT_MAX_STRING_LENGTH;
  // Code points, not UTF-16 units: the limit is in characters, as in PostgreSQL varchar(n). A string with no more
  // UTF-16 units than the limit has no more characters either, so most values are not counted at all.
  const length = value.length <= max ? value.length : [...value].length;
  if (length > max) {
    problems.push(problem('TOO_LONG', `is ${length} characters long, more than the maximum of ${max}`));
  }
  if (def.pattern !== undefined && !compilePattern(def.pattern).test(value)) {
    problems.push(problem('PATTERN_MISMATCH', `does not match the pattern ${def.pattern}`));
  }
  if (def.trim && value !== value.trim()) {
    problems.push(problem('NOT_NORMALISED', 'has leading or trailing whitespace (the field is trimmed)'));
  }
  if (def.case === 'lower' && value !== value.toLowerCase()) {
    problems.push(problem('NOT_NORMALISED', 'is not lower-case (the field is lower-cased)'));
  }
  if (def.case === 'upper' && value !== value.toUpperCase()) {
    problems.push(problem('NOT_NORMALISED', 'is not upper-case (the field is upper-cased)'));
  }
  return problems;
}

function checkEmail(def: FieldDef, value: unknown): ValueProblem[] {
  if (typeof value !== 'string' || !email.safeParse(value).success) {
    return [problem('INVALID_EMAIL', 'is not a valid email address')];
  }
  if (value !== value.trim().toLowerCase()) {
    return [problem('INVALID_EMAIL', 'is not canonical (an email is stored trimmed and lower-case)')];
  }
  return checkText({ ...def, trim: false, case: undefined }, value);
}

function checkPhone(value: unknown): ValueProblem[] {
  if (typeof value !== 'string') return [problem('INVALID_PHONE', 'is not a phone number string')];
  // No default country: the canonical form is E.164, which always carries its country code.
  const parsed = parsePhone(value);
  if (!parsed?.valid) return [problem('INVALID_PHONE', 'is not a valid phone number')];
  if (parsed.phone.number !== value) {
    return [problem('INVALID_PHONE', `is not in E.164 form (expected ${parsed.phone.number})`)];
  }
  return [];
}

// Fast paths for the canonical forms, which every stored value has (see utcIsoMillis); anything else goes to
// luxon, which explains what is wrong.
const CANONICAL_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function checkDate(value: unknown): ValueProblem[] {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) {
    return [problem('INVALID_DATE', 'is not a date in the form yyyy-MM-dd')];
  }
  if (utcIsoMillis(`${value}T00:00:00.000Z`) !== undefined) return [];
  const parsed = DateTime.fromISO(value, { zone: 'utc' });
  return parsed.isValid ? [] : [problem('INVALID_DATE', `is not a real calendar date (${parsed.invalidExplanation ?? parsed.invalidReason})`)];
}

function checkDateTime(value: unknown): ValueProblem[] {
  const form = 'ISO 8601 in UTC with milliseconds, e.g. 2024-01-01T09:30:00.000Z';
  if (typeof value !== 'string') return [problem('INVALID_DATETIME', `is not a date-time string (${form})`)];
  if (CANONICAL_DATETIME.test(value) && utcIsoMillis(value) !== undefined) return [];
  const parsed = DateTime.fromISO(value, { zone: 'utc' });
  if (!parsed.isValid) return [problem('INVALID_DATETIME', `is not a valid date-time (${form})`)];
  // The round trip is the canonical-form test: any other offset, precision or separator changes the text.
  const canonical = parsed.toISO();
  return canonical === value ? [] : [problem('INVALID_DATETIME', `is not canonical (${form}; this one is ${canonical})`)];
}

function checkMoney(def: FieldDef, value: unknown): ValueProblem[] {
  if (!isPlainObject(value) || Object.keys(value).some((k) => k !== 'amount' && k !== 'currency')) {
    return [problem('INVALID_MONEY', 'is not a money value { amount, currency }')];
  }
  const { amount, currency } = value;
  const digits = typeof currency === 'string' ? currencyMinorDigits(currency) : undefined;
  const problems: ValueProblem[] = [];
  if (digits === undefined) {
    problems.push(problem('INVALID_CURRENCY', 'is not an ISO 4217 currency code (e.g. EUR)', 'currency'));
  }
  const match = typeof amount === 'string' ? MONEY_AMOUNT.exec(amount) : null;
  if (!match) {
    problems.push(problem('INVALID_MONEY', 'is not a decimal string amount (e.g. "12.30")', 'amount'));
    return problems;
  }
  const fraction = match[2] ?? '';
  if (digits !== undefined && fraction.length !== digits) {
    const expected = digits === 0 ? 'no decimal places' : `exactly ${digits} decimal place${digits === 1 ? '' : 's'}`;
    problems.push(problem('INVALID_MONEY', `must have ${expected} for ${String(currency)}`, 'amount'));
  } else if (/^-0(\.0*)?$/.test(amount as string)) {
    problems.push(problem('INVALID_MONEY', 'is a negative zero', 'amount'));
  }
  return problems.length ? problems : checkRange(def, new Big(amount as string), 'amount');
}

function checkRange(def: FieldDef, value: Big, part?: string): ValueProblem[] {
  if (def.min !== undefined && value.lt(def.min)) {
    return [problem('TOO_SMALL', `is less than the minimum of ${def.min}`, part)];
  }
  if (def.max !== undefined && value.gt(def.max)) {
    return [problem('TOO_LARGE', `is greater than the maximum of ${def.max}`, part)];
  }
  return [];
}
