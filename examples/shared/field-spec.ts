/**
 * The field rules a demo system enforces on its own records. Each system validates strictly in its own
 * format (B rejects an ISO date, A rejects dd/MM/yyyy) so a wrong mapping in the hub fails loudly instead
 * of being silently stored.
 */
export type DateFormat = 'yyyy-MM-dd' | 'dd/MM/yyyy';

interface SpecBase {
  /** must hold a non-null value once defaults are applied */
  required?: boolean;
  /** value used on create when the field is absent */
  default?: unknown;
}

export type FieldSpec = SpecBase &
  (
    | { type: 'string'; maxLength?: number }
    | { type: 'email' }
    | { type: 'date'; format: DateFormat }
    | { type: 'enum'; values: readonly string[] }
    | { type: 'boolean' }
    | { type: 'integer'; min?: number }
    | { type: 'currency' }
    | { type: 'string-list' }
    | { type: 'object-list'; items: Record<string, FieldSpec> }
  );

export interface FieldIssue {
  field: string;
  message: string;
}

const DATE_PATTERNS: Record<DateFormat, { re: RegExp; order: [number, number, number] }> = {
  // order: capture-group index of year, month, day
  'yyyy-MM-dd': { re: /^(\d{4})-(\d{2})-(\d{2})$/, order: [1, 2, 3] },
  'dd/MM/yyyy': { re: /^(\d{2})\/(\d{2})\/(\d{4})$/, order: [3, 2, 1] },
};

/** True when `value` is a real calendar date written exactly in `format` (31/02/2024 is not). */
export function isValidDate(value: string, format: DateFormat): boolean {
  const { re, order } = DATE_PATTERNS[format];
  const m = re.exec(value);
  if (!m) return false;
  const [y, mo, d] = order.map((i) => Number(m[i]));
  // setUTCFullYear, unlike Date.UTC, does not turn years 0–99 into 1900–1999. Comparing the parts back
  // rejects dates JavaScript would roll over (31/02 → 02/03).
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const CURRENCY = /^[A-Z]{3}$/;

/** Checks one value (never null here) against its spec; `path` names the field in messages. */
function checkPresent(spec: FieldSpec, value: unknown, path: string): FieldIssue[] {
  const issue = (message: string): FieldIssue[] => [{ field: path, message }];
  switch (spec.type) {
    case 'string':
      if (typeof value !== 'string') return issue('must be a string');
      if (spec.maxLength !== undefined && value.length > spec.maxLength) return issue(`must be at most ${spec.maxLength} characters`);
      return [];
    case 'email':
      return typeof value === 'string' && EMAIL.test(value) ? [] : issue('must be an email address');
    case 'date':
      return typeof value === 'string' && isValidDate(value, spec.format) ? [] : issue(`must be a date in the format ${spec.format}`);
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value) ? [] : issue(`must be one of ${spec.values.join(', ')}`);
    case 'boolean':
      return typeof value === 'boolean' ? [] : issue('must be true or false');
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) return issue('must be an integer');
      return spec.min !== undefined && value < spec.min ? issue(`must be at least ${spec.min}`) : [];
    case 'currency':
      return typeof value === 'string' && CURRENCY.test(value) ? [] : issue('must be an ISO 4217 code such as EUR');
    case 'string-list':
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? [] : issue('must be a list of strings');
    case 'object-list':
      if (!Array.isArray(value)) return issue('must be a list');
      return value.flatMap((item, i) => checkObject(spec.items, item, `${path}.${i}`));
  }
}

/** Validates a value including null/required handling. */
export function checkField(spec: FieldSpec, value: unknown, path: string): FieldIssue[] {
  if (value === null || value === undefined) return spec.required ? [{ field: path, message: 'is required' }] : [];
  return checkPresent(spec, value, path);
}

/** Validates a nested object (an order line): known keys only, each checked by its spec. */
export function checkObject(specs: Record<string, FieldSpec>, value: unknown, path: string): FieldIssue[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [{ field: path, message: 'must be an object' }];
  const obj = value as Record<string, unknown>;
  const unknown = Object.keys(obj)
    .filter((k) => !(k in specs))
    .map((k) => ({ field: `${path}.${k}`, message: 'is not a known field' }));
  const checked = Object.entries(specs).flatMap(([k, s]) => checkField(s, obj[k], `${path}.${k}`));
  return [...unknown, ...checked];
}

/** Fields a list can be filtered on: the ones with a single scalar value. */
export function isScalar(spec: FieldSpec): boolean {
  return spec.type !== 'string-list' && spec.type !== 'object-list';
}
