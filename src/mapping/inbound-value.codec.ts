import type { FieldDef, FieldMapping } from '../config/hub-config.schema';
import { decodeDate, decodeDateTime } from './date.codec';
import { mapsInbound, resolveEntries, valueOptionsOf } from './field-mapping.util';
import type { Converted, RecordScope, ResolvedFieldMapping, ValueScope } from './mapping.types';
import {
  ABSENT, childScope, cloneJson, FAILED, reportFailure, settle, unknownFieldError, type Failed,
} from './mapping-error.util';
import { decodeAmount, normaliseCurrency } from './money.codec';
import { isPlainObject, joinPath, readPath, resolveInChain } from './record-path.util';
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

/**
 * One mapped field of a system record (top level or nested): its canonical value, ABSENT when the system
 * says nothing and no default applies, or FAILED with the reason recorded.
 */
export function decodeMappedField(fieldMapping: ResolvedFieldMapping, def: FieldDef, at: RecordScope): unknown {
  const { records } = at.chain;
  const raw = readPath(records[records.length - 1], fieldMapping.field);
  if (raw === undefined) return fieldMapping.default !== undefined ? cloneJson(fieldMapping.default) : ABSENT;
  const currencyField = def.type === 'money' ? fieldMapping.money?.currencyField : undefined;
  const place = currencyField === undefined ? undefined : resolveInChain(records, currencyField);
  return decodeValue(raw, {
    system: at.system,
    field: joinPath(at.field, fieldMapping.canonical),
    systemField: joinPath(at.systemField, fieldMapping.field),
    def,
    options: valueOptionsOf(fieldMapping),
    references: at.references,
    currencyValue: place ? readPath(place.record, place.path) : undefined,
    chain: { records },
    errors: at.errors,
  });
}

/** An object (or list item) with nested `fields`: the system's sub-fields renamed and converted like a record. */
function decodeMappedObject(raw: Record<string, unknown>, scope: ValueScope, fields: Record<string, string | FieldMapping>): unknown {
  const at: RecordScope = {
    system: scope.system,
    field: scope.field,
    systemField: scope.systemField,
    references: scope.references,
    chain: { records: [...(scope.chain?.records ?? []), raw] },
    errors: scope.errors,
  };
  const result: Record<string, unknown> = {};
  let failed = false;
  for (const fieldMapping of resolveEntries(fields)) {
    if (!mapsInbound(fieldMapping)) continue;
    const def = scope.def.fields?.[fieldMapping.canonical];
    if (!def) {
      scope.errors.push(unknownFieldError(
        scope.system, joinPath(scope.field, fieldMapping.canonical), joinPath(scope.systemField, fieldMapping.field), `the object ${scope.field}`,
      ));
      continue;
    }
    const value = decodeMappedField(fieldMapping, def, at);
    if (value === FAILED) failed = true;
    else if (value !== ABSENT) result[fieldMapping.canonical] = value;
  }
  return failed ? FAILED : result;
}

function decodeObject(raw: unknown, scope: ValueScope): unknown {
  if (!isPlainObject(raw)) return reportFailure(scope, raw, 'INVALID_OBJECT', 'is not an object', 'in');
  if (scope.options.fields) return decodeMappedObject(raw, scope, scope.options.fields);
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
