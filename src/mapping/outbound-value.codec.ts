import type { FieldDef } from '../config/hub-config.schema';
import { encodeDate, encodeDateTime } from './date.codec';
import type { Converted, ValueScope } from './mapping.types';
import { childScope, cloneJson, FAILED, reportFailure, settle, type Failed } from './mapping-error.util';
import { encodeAmount, readCanonicalMoney } from './money.codec';
import { isPlainObject } from './record-path.util';
import { applyTextRules, encodeBoolean, encodeDecimal, encodeInteger, encodeMapped, encodePhone } from './scalar.codec';

/** One canonical value → the system's form, or FAILED with the reason recorded in scope.errors. */
export function encodeValue(value: unknown, scope: ValueScope): unknown {
  if (value === null) return null;
  switch (scope.def.type) {
    case 'list':
      return encodeList(value, scope);
    case 'object':
      return encodeObject(value, scope);
    default:
      return settle(scope, value, encodeScalar(value, scope), 'out');
  }
}

function encodeList(value: unknown, scope: ValueScope): unknown[] | Failed {
  if (!Array.isArray(value)) return reportFailure(scope, value, 'INVALID_LIST', 'is not a list', 'out');
  const itemDef: FieldDef = scope.def.items ?? { type: 'string' };
  const items = value.map((item, index) => encodeValue(item, childScope(scope, index, itemDef, true)));
  return items.includes(FAILED) ? FAILED : items;
}

function encodeObject(value: unknown, scope: ValueScope): unknown {
  if (!isPlainObject(value)) return reportFailure(scope, value, 'INVALID_OBJECT', 'is not an object', 'out');
  if (!scope.def.fields) return cloneJson(value);
  const result: Record<string, unknown> = {};
  let failed = false;
  for (const [key, def] of Object.entries(scope.def.fields)) {
    if (def.sensitive) continue;
    if (!Object.prototype.hasOwnProperty.call(value, key) || value[key] === undefined) continue;
    const encoded = encodeValue(value[key], childScope(scope, key, def, false));
    if (encoded === FAILED) failed = true;
    else result[key] = encoded;
  }
  return failed ? FAILED : result;
}

function encodeScalar(value: unknown, scope: ValueScope): Converted {
  const { def, options } = scope;
  if (options.values) return encodeMapped(value, options.values);
  switch (def.type) {
    case 'string':
    case 'text':
    case 'enum':
    case 'email':
      return typeof value === 'string'
        ? { ok: true, value: applyTextRules(value, options.trim, options.case) }
        : { ok: false, code: 'INVALID_STRING', reason: 'is not a string' };
    case 'phone':
      return encodePhone(value, def.defaultCountry, options.format);
    case 'date':
      return encodeDate(value, options);
    case 'datetime':
      return encodeDateTime(value, options);
    case 'integer':
      return encodeInteger(value, options.format);
    case 'decimal':
      return encodeDecimal(value, options.format);
    case 'boolean':
      return encodeBoolean(value);
    case 'money':
      return encodeMoney(value, scope);
    case 'reference':
      return encodeReference(value, scope);
    default:
      return { ok: false, code: 'INVALID_STRING', reason: `has unsupported field type ${def.type}` };
  }
}

function encodeMoney(value: unknown, scope: ValueScope): Converted {
  const canonical = readCanonicalMoney(value);
  if (!canonical) return { ok: false, code: 'INVALID_MONEY', reason: 'is not canonical money { amount, currency }' };
  const { def, options } = scope;
  const money = options.money;
  if (!money) {
    const amount = encodeAmount(canonical.amount, canonical.currency, 'decimal', 'string');
    return amount.ok ? { ok: true, value: { amount: amount.value, currency: canonical.currency } } : amount;
  }
  // A system with one fixed currency cannot be told an amount in another; converting rates is not mapping.
  const fixed = money.currencyField ? undefined : money.currency ?? def.currency;
  if (fixed !== undefined && fixed !== canonical.currency) {
    return { ok: false, code: 'CURRENCY_MISMATCH', reason: `is in ${canonical.currency} but ${scope.system} only takes ${fixed}` };
  }
  return encodeAmount(canonical.amount, canonical.currency, money.unit ?? 'decimal', asNumberFormat(options.format));
}

function asNumberFormat(format: string | undefined): 'number' | 'string' | undefined {
  return format === 'number' || format === 'string' ? format : undefined;
}

function encodeReference(value: unknown, scope: ValueScope): Converted {
  if (typeof value !== 'string') return { ok: false, code: 'REFERENCE_UNRESOLVED', reason: 'is not a golden record id' };
  const entity = scope.def.entity ?? '';
  const external = scope.references?.toExternalId(scope.system, entity, value);
  if (external === undefined) {
    return { ok: false, code: 'REFERENCE_UNRESOLVED', reason: `has no ${scope.system} id for that ${entity} record yet` };
  }
  // Cross-references store ids as text; a system with numeric keys asks for them back as numbers.
  const numeric = scope.options.format === 'number' && /^\d+$/.test(external) ? Number(external) : undefined;
  return { ok: true, value: numeric !== undefined && Number.isSafeInteger(numeric) ? numeric : external };
}
