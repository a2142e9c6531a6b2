import type { ResolvedEntityType } from '../../catalog/catalog.types';
import { type ErrorDetail, ValidationError } from '../../common/domain-error';
import type { FieldDef } from '../../config/hub-config.schema';

export interface FilterOptions {
  /** non-admins may not filter on sensitive fields: a filter is an oracle that would reveal the masked value */
  allowSensitive: boolean;
}

const MAX_DEPTH = 4;

/**
 * Checks a golden-record filter: a JSON object of canonical field → value, matched by JSONB containment
 * (`data @> filter`). Scalars (and null) match by equality; an object matches an object or money field
 * partially (`{ address: { city: 'Paris' } }`). List values are refused: containment on arrays means
 * "contains", not "equals", which would surprise callers of an equality filter.
 * Returns the filter unchanged, so the caller can hand it to SQL as is.
 */
export function validateGoldenFilter(
  filter: unknown,
  entityType: ResolvedEntityType,
  options: FilterOptions,
): Record<string, unknown> {
  const details: ErrorDetail[] = [];
  if (!isObject(filter)) {
    throw new ValidationError('INVALID_FILTER', 'filter must be a JSON object of canonical field → value', [
      { message: 'must be a JSON object', value: filter },
    ]);
  }
  checkObject(filter, entityType.fields, '', 1, options, details);
  if (details.length > 0) {
    throw new ValidationError('INVALID_FILTER', `the filter is invalid for entity type ${entityType.name}`, details);
  }
  return filter;
}

/** Parses the REST form `?filter=<json>`. */
export function parseFilterParam(raw: string | undefined): unknown {
  if (raw === undefined || raw === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new ValidationError('INVALID_FILTER', 'filter is not valid JSON', [{ path: 'filter', message: 'not valid JSON' }]);
  }
}

function checkObject(
  value: Record<string, unknown>,
  fields: Record<string, FieldDef>,
  parent: string,
  depth: number,
  options: FilterOptions,
  details: ErrorDetail[],
): void {
  for (const [key, v] of Object.entries(value)) {
    const path = parent ? `${parent}.${key}` : key;
    const def = Object.hasOwn(fields, key) ? fields[key] : undefined;
    if (!def) {
      details.push({ path, message: 'unknown field' });
      continue;
    }
    if (def.sensitive && !options.allowSensitive) {
      details.push({ path, message: 'sensitive fields can only be filtered by admins' });
      continue;
    }
    checkValue(v, def, path, depth, options, details);
  }
}

function checkValue(v: unknown, def: FieldDef, path: string, depth: number, options: FilterOptions, details: ErrorDetail[]): void {
  if (v === null) return;
  if (def.type === 'list') {
    details.push({ path, message: 'list fields can only be matched with null', value: v });
    return;
  }
  if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) {
    if (def.type === 'object' || def.type === 'money') {
      details.push({ path, message: `a ${def.type} field is matched with an object, not a scalar`, value: v });
    }
    return;
  }
  if (Array.isArray(v)) {
    details.push({ path, message: 'lists are not supported in filters', value: v });
    return;
  }
  if (!isObject(v)) {
    details.push({ path, message: 'must be a string, number, boolean, null or object', value: v });
    return;
  }
  if (depth >= MAX_DEPTH) {
    details.push({ path, message: `nested deeper than ${MAX_DEPTH} levels` });
    return;
  }
  if (def.type === 'object') {
    checkObject(v, def.fields ?? {}, path, depth + 1, options, details);
  } else if (def.type === 'money') {
    for (const [k, part] of Object.entries(v)) {
      if (k !== 'amount' && k !== 'currency') details.push({ path: `${path}.${k}`, message: 'money has only amount and currency' });
      else if (typeof part !== 'string') details.push({ path: `${path}.${k}`, message: 'must be a string', value: part });
    }
  } else {
    details.push({ path, message: `a ${def.type} field is matched with a scalar, not an object`, value: v });
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
