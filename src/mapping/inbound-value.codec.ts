import type { FieldDef } from '../config/hub-config.schema';
import { decodeDate, decodeDateTime } from './date.codec';
import type { Converted, ValueScope } from './mapping.types';
import { childScope, cloneJson, FAILED, reportFailure, settle, type Failed } from './mapping-error.util';
import { decodeAmount, normaliseCurrency } from './money.codec';
import { isPlainObject } from './record-path.util';
import {
  applyTextRules, decodeBoolean, decodeDecimal, decodeEmail, decodeInteger, decodeMapped, decodePhone, decodeText,
} from './scalar.codec';

/** One system value → its canonical form, or FAILED with the reason recorded in scope.errors. */
export function decodeValue(raw: unknown, scope: ValueScope): unknown {
  if (raw === null) return null;
  switch (scope.def.type) {
    case 'list':
      return decodeList(raw, scope);
    case 'object':
      return decodeObject(raw, scope);
    default:
      return settle(scope, raw, decodeScalar(raw, scope), 'in');
  }
}

function decodeList(raw: unknown, scope: ValueScope): unknown[] | Failed {
  if (!Array.isArray(raw)) return reportFailure(scope, raw, 'INVALID_LIST', 'is not a list', 'in');
  const itemDef: FieldDef = scope.def.items ?? { type: 'string' };
  const items = raw.map((item, index) => decodeValue(item, childScope(scope, index, itemDef, true)));
  return items.includes(FAILED) ? FAILED : items;
}

function decodeObject(raw: unknown, scope: ValueScope): unknown {
  if (!isPlainObject(raw)) return reportFailure(scope, raw, 'INVALID_OBJECT', 'is not an object', 'in');
  if (!scope.def.fields) return cloneJson(raw);
  const result: Record<string, unknown> = {};
  let failed = false;
  for (const [key, def] of Object.entries(scope.def.fields)) {
    // Keys the system leaves out stay absent, exactly like top-level fields.
    if (!Object.prototype.hasOwnProperty.call(raw, key) || raw[key] === undefined) continue;
    const value = decodeValue(raw[key], childScope(scope, key, def, false));
    if (value === FAILED) failed = true;
    else result[key] = value;
  }
  return failed ? FAILED : result;
}

function decodeScalar(raw: unknown, scope: ValueScope): Converted {
  const { def, options } = scope;
  if (options.values) {
    const mapped = decodeMapped(raw, options.values, options.trim, options.case);
    return mapped.ok ? typedKey(String(mapped.value), def) : mapped;
  }
  switch (def.type) {
    case 'string':
    case 'text':
    case 'enum':
      return decodeString(raw, scope);
    case 'email':
      return decodeEmail(raw);
    case 'phone':
      return decodePhone(raw, def.defaultCountry);
    case 'date':
      return decodeDate(raw, options);
    case 'datetime':
      return decodeDateTime(raw, options);
    case 'integer':
      return decodeInteger(raw);
    case 'decimal':
      return decodeDecimal(raw);
    case 'boolean':
      return decodeBoolean(raw);
    case 'money':
      return decodeMoney(raw, scope);
    case 'reference':
      return decodeReference(raw, scope);
    default:
      return { ok: false, code: 'INVALID_STRING', reason: `has unsupported field type ${def.type}` };
  }
}

/** Value map keys are canonical values written as text (YAML/JSON object keys); give them their field's type. */
function typedKey(key: string, def: FieldDef): Converted {
  if (def.type === 'boolean') return decodeBoolean(key);
  if (def.type === 'integer') return decodeInteger(key);
  return { ok: true, value: key };
}

function decodeString(raw: unknown, scope: ValueScope): Converted {
  const text = decodeText(raw);
  if (!text.ok) return text;
  const { def, options } = scope;
  const value = applyTextRules(applyTextRules(text.value as string, options.trim, options.case), def.trim, def.case);
  if (def.type === 'enum' && def.values && !def.values.includes(value)) {
    return { ok: false, code: 'INVALID_ENUM_VALUE', reason: `is not one of ${def.values.join(', ')}` };
  }
  return { ok: true, value };
}

function decodeMoney(raw: unknown, scope: ValueScope): Converted {
  const { def, options } = scope;
  const money = options.money;
  if (!money) {
    // Without money options a system either speaks canonical money or gives bare amounts in the field's currency.
    if (isPlainObject(raw)) {
      const currency = normaliseCurrency(raw.currency);
      if (!currency) return { ok: false, code: 'MISSING_CURRENCY', reason: 'has no currency code' };
      return decodeAmount(raw.amount, 'decimal', currency);
    }
    if (!def.currency) return { ok: false, code: 'MISSING_CURRENCY', reason: 'is a bare amount and the field declares no currency' };
    return decodeAmount(raw, 'decimal', def.currency);
  }
  const fromField = scope.currencyValue;
  if (fromField !== undefined && fromField !== null && typeof fromField !== 'string') {
    return { ok: false, code: 'UNKNOWN_CURRENCY', reason: `comes with a currency field "${money.currencyField}" that is not a code` };
  }
  const currency = normaliseCurrency(fromField) || money.currency || def.currency;
  if (!currency) return { ok: false, code: 'MISSING_CURRENCY', reason: 'has no currency: the currency field is empty and no fixed currency is configured' };
  return decodeAmount(raw, money.unit ?? 'decimal', currency);
}

function decodeReference(raw: unknown, scope: ValueScope): Converted {
  if (typeof raw !== 'string' && !(typeof raw === 'number' && Number.isFinite(raw))) {
    return { ok: false, code: 'REFERENCE_UNRESOLVED', reason: 'is not an id' };
  }
  const entity = scope.def.entity ?? '';
  const golden = scope.references?.toGoldenId(scope.system, entity, String(raw));
  if (golden === undefined) {
    return { ok: false, code: 'REFERENCE_UNRESOLVED', reason: `is not a known ${scope.system} id of a ${entity} record` };
  }
  return { ok: true, value: golden };
}
