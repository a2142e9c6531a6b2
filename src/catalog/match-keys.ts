import { createHmac, hash } from 'node:crypto';
import Big from 'big.js';
import { DateTime } from 'luxon';
import { parsePhone } from '../common/phone-numbers';
import type { FieldDef } from '../config/hub-config.schema';
import type { CanonicalRecord, ResolvedEntityType } from './catalog.types';
import { isEmptyValue, ownEntry } from './field-rules';

export interface MatchKeyOptions {
  /**
   * Keys built from sensitive fields (an SSN match key) are stored hashed so the key table never holds the
   * value in clear. With a secret the hash is an HMAC, which also resists guessing a small value space.
   */
  secret?: string;
}

/**
 * The record's match keys, one per matchOn entry whose fields are all present and non-empty, in matchOn
 * order: `<field>[+<field>…]:<value>[|<value>…]`, e.g. `email:ada@example.com`,
 * `firstName+lastName:ada|lovelace`. Keys are scoped by the caller to the entity type.
 *
 * Normalisation, so that the same thing written two ways gives one key:
 * - text (string, text, enum, email): Unicode NFKC, whitespace runs collapsed to one space, trimmed, case
 *   folded (upper-then-lower, which folds ß/ss and ς/σ as Unicode full case folding does). Identifiers such
 *   as orderNumber, sku and username are strings, so `ab-1` matches ` AB-1 `: systems disagree on the case
 *   of codes far more often than two different items differ only in case.
 * - phone: E.164 (parsed with the field's defaultCountry if the value is not E.164 yet);
 * - datetime: UTC ISO with milliseconds; decimal: plain notation without trailing zeros; others as text.
 * `|` and `\` inside values are escaped with `\`, so composite keys cannot collide.
 * A value that cannot be normalised (wrong type for its field) gives no key rather than a wrong one.
 */
export function matchKeys(
  entityType: ResolvedEntityType,
  record: CanonicalRecord,
  opts: MatchKeyOptions = {},
): string[] {
  const keys: string[] = [];
  for (const fields of entityType.matchOn) {
    const parts: string[] = [];
    for (const field of fields) {
      const value = ownEntry(record, field);
      const normalised = isEmptyValue(value) ? undefined : normaliseKeyValue(ownEntry(entityType.fields, field), value);
      if (normalised === undefined || normalised === '') break;
      parts.push(normalised.replace(/[\\|]/g, '\\$&'));
    }
    if (fields.length === 0 || parts.length !== fields.length) continue;
    const sensitive = fields.some((field) => ownEntry(entityType.fields, field)?.sensitive === true);
    const joined = parts.join('|');
    const key = `${fields.join('+')}:${sensitive ? digest(joined, opts.secret) : joined}`;
    if (!keys.includes(key)) keys.push(key);
  }
  return keys;
}

/** One field value in match-key form, or undefined when it cannot be normalised. */
export function normaliseKeyValue(def: FieldDef | undefined, value: unknown): string | undefined {
  switch (def?.type ?? 'string') {
    case 'string':
    case 'text':
    case 'enum':
    case 'email':
      return typeof value === 'string' ? foldText(value) : undefined;
    case 'phone':
      return typeof value === 'string' ? normalisePhone(value, def?.defaultCountry) : undefined;
    case 'datetime': {
      const parsed = typeof value === 'string' ? DateTime.fromISO(value.trim(), { zone: 'utc' }) : undefined;
      return parsed?.isValid ? (parsed.toISO() ?? undefined) : undefined;
    }
    case 'date':
    case 'reference':
      return typeof value === 'string' ? value.trim().toLowerCase() : undefined;
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : undefined;
    case 'decimal':
      return typeof value === 'string' ? normaliseDecimal(value) : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? String(value) : undefined;
    default:
      // money, list, object: no single value to match on (checkEntityTypes rejects them in matchOn).
      return undefined;
  }
}

function foldText(value: string): string {
  return value.normalize('NFKC').replace(/\s+/gu, ' ').trim().toUpperCase().toLowerCase();
}

function normalisePhone(value: string, defaultCountry: string | undefined): string | undefined {
  return parsePhone(value.trim(), defaultCountry)?.phone.number;
}

function normaliseDecimal(value: string): string | undefined {
  try {
    return new Big(value.trim()).toFixed();
  } catch {
    return undefined;
  }
}

/** A value as the key tables store a sensitive one without a secret (match keys, blocking keys). */
export function sha256Key(value: string): string {
  return `sha256:${hash('sha256', value, 'hex')}`;
}

function digest(value: string, secret: string | undefined): string {
  return secret === undefined ? sha256Key(value) : `hmac-sha256:${createHmac('sha256', secret).update(value).digest('hex')}`;
}
