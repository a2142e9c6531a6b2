import type { FieldDef, FieldType } from '../config/hub-config.schema';

/**
 * Which FieldDef options mean something for which field type. Shared by checkEntityTypes (an option
 * on the wrong type is a configuration error) and the validator (which only reads applicable options).
 */
export const OPTION_TYPES: Partial<Record<keyof FieldDef, readonly FieldType[]>> = {
  values: ['enum'],
  items: ['list'],
  fields: ['object'],
  entity: ['reference'],
  defaultCountry: ['phone'],
  currency: ['money'],
  min: ['integer', 'decimal', 'money'],
  max: ['integer', 'decimal', 'money'],
  maxLength: ['string', 'text', 'email'],
  pattern: ['string', 'text', 'email'],
  trim: ['string', 'text', 'enum', 'email'],
  case: ['string', 'text', 'enum', 'email'],
};

/** Field types that can take part in a match key: one scalar value with one canonical spelling. */
export const MATCHABLE_TYPES: readonly FieldType[] = [
  'string', 'text', 'email', 'phone', 'date', 'datetime', 'integer', 'decimal', 'boolean', 'enum', 'reference',
];

const patternCache = new Map<string, RegExp>();

/**
 * Patterns follow JSON Schema semantics: ECMAScript syntax with the `u` flag, not anchored (write ^…$
 * to match the whole value). Compiled once per pattern because validation runs per record.
 * Throws SyntaxError for an invalid pattern; checkEntityTypes reports that before any record is seen.
 */
export function compilePattern(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    re = new RegExp(pattern, 'u');
    patternCache.set(pattern, re);
  }
  return re;
}

/**
 * "Empty" for required fields and match keys: absent, null, a blank string, an empty list or an empty
 * object. Blank strings count as empty because no system means "   " as a real value.
 */
export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (isPlainObject(value)) return Object.keys(value).length === 0;
  return false;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * record[key] only when the key is the record's own: field and type names come from documents and
 * payloads, and `constructor` or `__proto__` must not resolve to Object.prototype members.
 */
export function ownEntry<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
