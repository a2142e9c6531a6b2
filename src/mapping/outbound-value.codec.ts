import type { FieldDef, FieldMapping } from '../config/hub-config.schema';
import { CurrencyWrites } from './currency-writes.util';
import { encodeDate, encodeDateTime } from './date.codec';
import { isWithin, mapsOutbound, outboundOrder, resolveEntries, valueOptionsOf } from './field-mapping.util';
import type { Converted, RecordChain, RecordScope, ResolvedFieldMapping, ValueScope } from './mapping.types';
import {
  ABSENT, childScope, cloneJson, FAILED, reportFailure, settle, unknownFieldError, type Failed,
} from './mapping-error.util';
import { encodeAmount, readCanonicalMoney } from './money.codec';
import { isPlainObject, joinPath, resolveInChain, writePath } from './record-path.util';
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

/**
 * One mapped field of a canonical record (top level or nested), written into the innermost system record of
 * the chain: the encoded value, ABSENT when nothing is sent (sensitive, or not in the canonical record), or
 * FAILED with the reason recorded. A money currency code is held in the chain's CurrencyWrites.
 */
export function encodeMappedField(
  canonical: Record<string, unknown>, fieldMapping: ResolvedFieldMapping, def: FieldDef, at: RecordScope,
): unknown {
  const name = fieldMapping.canonical;
  if (def.sensitive) return ABSENT;
  if (!Object.prototype.hasOwnProperty.call(canonical, name) || canonical[name] === undefined) return ABSENT;
  const value = canonical[name];
  const { records } = at.chain;
  const writes = at.chain.writes ?? new CurrencyWrites();
  const scope: ValueScope = {
    system: at.system,
    field: joinPath(at.field, name),
    systemField: joinPath(at.systemField, fieldMapping.field),
    def,
    options: valueOptionsOf(fieldMapping),
    references: at.references,
    chain: { ...at.chain, writes },
    errors: at.errors,
  };
  const encoded = encodeValue(value, scope);
  if (encoded === FAILED) return FAILED;
  const currencyField = def.type === 'money' ? fieldMapping.money?.currencyField : undefined;
  if (currencyField !== undefined && holdCurrency(value, currencyField, scope, at.chain, writes) === FAILED) return FAILED;
  writePath(records[records.length - 1], fieldMapping.field, encoded);
  if (!at.chain.writes) writes.commit();
  return encoded;
}

/**
 * Holds a money value's currency code for its currency field: in the record being written, or up the chain
 * (`^.currency`). Values sharing one currency field must agree; the system can store one code.
 */
function holdCurrency(value: unknown, currencyField: string, scope: ValueScope, chain: RecordChain, writes: CurrencyWrites): Failed | undefined {
  const { records, idField } = chain;
  const place = resolveInChain(records, currencyField);
  if (!place || (place.index === 0 && idField !== undefined && isWithin(idField, place.path))) return undefined;
  const currency = value === null ? null : readCanonicalMoney(value)?.currency ?? null;
  // An empty item amount says nothing about the enclosing record's currency, so it must not clear it.
  if (currency === null && place.index < records.length - 1) return undefined;
  const other = writes.claim(place.record, place.path, currency);
  if (other === undefined) return undefined;
  return reportFailure(scope, value, 'CURRENCY_MISMATCH', `is in ${currency} but the ${scope.system} field "${currencyField}" it shares is ${other}`, 'out');
}

/** An object (or list item) with nested `fields`: canonical sub-fields renamed and converted like a record. */
function encodeMappedObject(value: Record<string, unknown>, scope: ValueScope, fields: Record<string, string | FieldMapping>): unknown {
  const result: Record<string, unknown> = {};
  const at: RecordScope = {
    system: scope.system,
    field: scope.field,
    systemField: scope.systemField,
    references: scope.references,
    chain: { ...scope.chain, records: [...(scope.chain?.records ?? []), result] },
    errors: scope.errors,
  };
  let failed = false;
  for (const fieldMapping of outboundOrder(resolveEntries(fields))) {
    if (!mapsOutbound(fieldMapping)) continue;
    const def = scope.def.fields?.[fieldMapping.canonical];
    if (!def) {
      scope.errors.push(unknownFieldError(
        scope.system, joinPath(scope.field, fieldMapping.canonical), joinPath(scope.systemField, fieldMapping.field), `the object ${scope.field}`,
      ));
      continue;
    }
    if (encodeMappedField(value, fieldMapping, def, at) === FAILED) failed = true;
  }
  return failed ? FAILED : result;
}

function encodeObject(value: unknown, scope: ValueScope): unknown {
  if (!isPlainObject(value)) return reportFailure(scope, value, 'INVALID_OBJECT', 'is not an object', 'out');
  if (scope.options.fields) return encodeMappedObject(value, scope, scope.options.fields);
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
