import type { FieldDef, FieldMapping, SystemEntityConfig } from '../config/hub-config.schema';
import type { ResolvedEntityType } from '../catalog/catalog.types';
import { checkDatePattern, isValidTimezone } from './date.codec';
import { isWithin, mapsOutbound, resolveEntries } from './field-mapping.util';
import { decodeValue } from './inbound-value.codec';
import type { MappingError, ResolvedFieldMapping } from './mapping.types';
import { currencyDigits, isKnownCurrency } from './money.codec';
import { joinPath, PARENT_PREFIX, splitParentPrefix } from './record-path.util';
import { NUMBER_FORMATS, PHONE_FORMATS, systemValueKey } from './scalar.codec';

export interface MappingConfigProblem {
  /** relative to the system entity: fields.birthDate.format */
  path: string;
  message: string;
}

const TEXT_TYPES = new Set(['string', 'text', 'enum', 'email']);
const VALUE_MAP_TYPES = new Set(['string', 'text', 'enum', 'boolean', 'integer']);
const NUMBER_FORMAT_TYPES = new Set(['integer', 'decimal', 'money', 'reference']);
const UNSAFE_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

/**
 * Every problem in one system's mapping of one entity type, so an admin fixes a configuration in one pass.
 * Runs the same codecs the mappers use (date patterns are tried on sample values), so what passes here
 * behaves at run time as configured. Nested `fields` are checked the same way, with full paths
 * (fields.lines.fields.unitPrice.money).
 */
export function checkMappingConfig(mapping: SystemEntityConfig, entityType: ResolvedEntityType): MappingConfigProblem[] {
  const problems: MappingConfigProblem[] = [];
  const report = (path: string, message: string) => problems.push({ path, message });
  const above = checkLevel({
    fields: mapping.fields, defs: entityType.fields, base: 'fields', canonical: '', owner: `entity type ${entityType.name}`,
    writes: true, idField: mapping.id ?? 'id',
  }, report);
  for (const climb of above) {
    report(climb.at, `"${climb.configured}" climbs above the top-level record: "${PARENT_PREFIX}" names the record around a list item or object of a nested mapping`);
  }
  for (const key of Object.keys(mapping.filter ?? {})) {
    if (!entityType.fields[key]) report(`filter.${key}`, `unknown canonical field "${key}"`);
  }
  return problems;
}

type Report = (path: string, message: string) => void;

/** One mapped record: the top level, or the object / list item a nested `fields` maps. */
interface Level {
  fields: Record<string, string | FieldMapping> | undefined;
  defs: Record<string, FieldDef>;
  /** path of the `fields` map: fields, fields.lines.fields */
  base: string;
  /** canonical path of the record ('' at the top): lines */
  canonical: string;
  /** names the record's type in messages */
  owner: string;
  /** false inside a field that is never written outbound (direction in, or sensitive) */
  writes: boolean;
  /** top level only: the system's id field, which outbound never writes */
  idField?: string;
}

/** A system path written outbound into one record; currency fields may be shared by several money values. */
interface Writer {
  path: string;
  at: string;
  currency: boolean;
}

/** A `^.` currency field on its way up: `ups` more records to climb to `path`. */
interface Climb {
  /** as configured, for messages */
  configured: string;
  path: string;
  at: string;
  ups: number;
  writes: boolean;
}

function checkLevel(level: Level, report: Report): Climb[] {
  const writers: Writer[] = [];
  const climbs: Climb[] = [];
  const addWriter = (writer: Writer) => {
    if (level.idField === undefined || !isWithin(level.idField, writer.path)) writers.push(writer);
  };
  for (const fieldMapping of resolveEntries(level.fields)) {
    const at = `${level.base}.${fieldMapping.canonical}`;
    checkSystemPath(fieldMapping.field, `${at}.field`, report);
    const def = level.defs[fieldMapping.canonical];
    if (!def) {
      report(at, `unknown canonical field "${fieldMapping.canonical}" (${level.owner} declares ${Object.keys(level.defs).join(', ') || 'no fields'})`);
      continue;
    }
    checkOptions(fieldMapping, def, at, report);
    const writes = level.writes && mapsOutbound(fieldMapping) && !def.sensitive;
    if (writes) addWriter({ path: fieldMapping.field, at: `${at}.field`, currency: false });
    const currencyField = def.type === 'money' ? fieldMapping.money?.currencyField : undefined;
    if (currencyField !== undefined) {
      const { ups, rest } = splitParentPrefix(currencyField);
      if (ups > 0) climbs.push({ configured: currencyField, path: rest, at: `${at}.money.currencyField`, ups, writes });
      else if (writes) addWriter({ path: rest, at: `${at}.money.currencyField`, currency: true });
    }
    if (fieldMapping.fields === undefined) continue;
    const objectDef = nestedObjectDef(def, `${at}.fields`, report);
    if (!objectDef) continue;
    const canonical = joinPath(level.canonical, fieldMapping.canonical);
    const fromBelow = checkLevel({
      fields: fieldMapping.fields, defs: objectDef.fields ?? {}, base: `${at}.fields`, canonical, writes,
      owner: def.type === 'list' ? `each item of ${canonical}` : `the object ${canonical}`,
    }, report);
    for (const climb of fromBelow) {
      if (climb.ups > 1) climbs.push({ ...climb, ups: climb.ups - 1 });
      else if (climb.writes) addWriter({ path: climb.path, at: climb.at, currency: true });
    }
  }
  checkWriters(writers, report);
  return climbs;
}

/** Nested `fields` map the members of an object: an object field, or the object items of a list. */
function nestedObjectDef(def: FieldDef, at: string, report: Report): FieldDef | undefined {
  const objectDef = def.type === 'list' ? def.items : def;
  if (objectDef?.type !== 'object') {
    const kind = def.type === 'list' ? `a list of ${def.items?.type ?? 'string'}` : def.type;
    report(at, `nested fields apply to object fields and lists of objects, not ${kind}`);
    return undefined;
  }
  if (!objectDef.fields) {
    report(at, 'nested fields need the object\'s fields declared in the entity type (this object is free-form)');
    return undefined;
  }
  return objectDef;
}

function checkSystemPath(path: string, at: string, report: Report, parentPrefix = false): void {
  const segments = (parentPrefix ? splitParentPrefix(path).rest : path).split('.');
  if (segments.some((segment) => segment === '')) report(at, `"${path}" has an empty path segment`);
  const unsafe = segments.find((segment) => UNSAFE_SEGMENTS.has(segment));
  if (unsafe) report(at, `"${path}" uses the reserved name "${unsafe}"`);
  if (segments.includes('^')) report(at, `"${path}": "${PARENT_PREFIX}" (the enclosing record) may only begin a money currencyField`);
}

function checkOptions(fieldMapping: ResolvedFieldMapping, def: FieldDef, base: string, report: Report): void {
  // A list's options apply to each item, so they are checked against the item type.
  const valueDef: FieldDef = def.type === 'list' ? def.items ?? { type: 'string' } : def;
  const type = valueDef.type;
  const { format, timezone, values, money } = fieldMapping;
  if (format !== undefined) checkFormat(format, valueDef, money !== undefined, `${base}.format`, report);
  if (timezone !== undefined) {
    if (type !== 'date' && type !== 'datetime') report(`${base}.timezone`, `timezone applies to date and datetime fields, not ${type}`);
    else if (!isValidTimezone(timezone)) report(`${base}.timezone`, `unknown IANA time zone "${timezone}"`);
  }
  if (values !== undefined) checkValueMap(fieldMapping, valueDef, `${base}.values`, report);
  if (money !== undefined) checkMoney(fieldMapping, def, valueDef, `${base}.money`, report);
  for (const option of ['trim', 'case'] as const) {
    if (fieldMapping[option] !== undefined && !TEXT_TYPES.has(type) && values === undefined) {
      report(`${base}.${option}`, `${option} applies to text fields and value maps, not ${type}`);
    }
  }
  if (fieldMapping.default !== undefined) checkDefault(fieldMapping, def, `${base}.default`, report);
}

function checkFormat(format: string, def: FieldDef, hasMoney: boolean, at: string, report: Report): void {
  const type = def.type;
  if (type === 'date' || type === 'datetime') {
    const problem = checkDatePattern(format, type);
    if (problem) report(at, problem);
  } else if (type === 'phone') {
    if (!(PHONE_FORMATS as readonly string[]).includes(format)) report(at, `phone format must be one of ${PHONE_FORMATS.join(', ')}`);
  } else if (NUMBER_FORMAT_TYPES.has(type)) {
    if (!(NUMBER_FORMATS as readonly string[]).includes(format)) report(at, `${type} format must be number or string`);
    else if (type === 'money' && !hasMoney) report(at, 'a money format needs money options (unit) to say what the number is');
  } else {
    report(at, `format applies to date, datetime, phone, integer, decimal, money and reference fields, not ${type}`);
  }
}

function checkValueMap(fieldMapping: ResolvedFieldMapping, def: FieldDef, at: string, report: Report): void {
  if (!VALUE_MAP_TYPES.has(def.type)) {
    report(at, `value maps apply to enum, string, text, boolean and integer fields, not ${def.type}`);
    return;
  }
  const seen = new Map<string, string>();
  for (const [canonical, systemValue] of Object.entries(fieldMapping.values ?? {})) {
    if (def.type === 'enum' && def.values && !def.values.includes(canonical)) {
      report(`${at}.${canonical}`, `"${canonical}" is not a value of the enum (${def.values.join(', ')})`);
    } else if (def.type === 'boolean' && canonical !== 'true' && canonical !== 'false') {
      report(`${at}.${canonical}`, `"${canonical}" is not a boolean (true or false)`);
    } else if (def.type === 'integer' && !/^-?\d+$/.test(canonical)) {
      report(`${at}.${canonical}`, `"${canonical}" is not an integer`);
    }
    // Inbound reverses the map, so two canonical values sharing a system value could not be told apart.
    const key = systemValueKey(systemValue, fieldMapping.trim, fieldMapping.case);
    const other = seen.get(key);
    if (other !== undefined) report(at, `value map is not invertible: ${JSON.stringify(systemValue)} is the system value of both "${other}" and "${canonical}"`);
    else seen.set(key, canonical);
  }
}

function checkMoney(fieldMapping: ResolvedFieldMapping, def: FieldDef, valueDef: FieldDef, at: string, report: Report): void {
  const money = fieldMapping.money!;
  if (valueDef.type !== 'money') {
    report(at, `money options apply to money fields, not ${valueDef.type}`);
    return;
  }
  if (money.currency !== undefined && !isKnownCurrency(money.currency)) {
    report(`${at}.currency`, `unknown ISO 4217 currency "${money.currency}"`);
  }
  if (money.currencyField !== undefined) {
    if (def.type === 'list') report(`${at}.currencyField`, 'a currency field cannot be shared by the items of a list; use a fixed currency');
    checkSystemPath(money.currencyField, `${at}.currencyField`, report, true);
  } else if (money.currency === undefined && valueDef.currency === undefined) {
    report(at, 'needs a currencyField or a fixed currency, because the field declares no default currency');
  }
  const fixed = money.currency ?? valueDef.currency;
  if (money.unit === 'minor' && fixed !== undefined && isKnownCurrency(fixed) && currencyDigits(fixed) === undefined) {
    report(`${at}.unit`, `${fixed} has no decimal minor unit`);
  }
}

/** A default is a canonical value: decoding it as canonical must leave it unchanged. */
function checkDefault(fieldMapping: ResolvedFieldMapping, def: FieldDef, at: string, report: Report): void {
  if (fieldMapping.direction === 'out') report(at, 'a default only applies inbound, but this field maps outbound only');
  if (def.type === 'reference' || fieldMapping.default === null) return;
  const errors: MappingError[] = [];
  const decoded = decodeValue(fieldMapping.default, { system: '', field: '', systemField: '', def, options: {}, errors });
  if (errors.length > 0 || JSON.stringify(decoded) !== JSON.stringify(fieldMapping.default)) {
    report(at, `${JSON.stringify(fieldMapping.default)} is not a canonical ${def.type} value`);
  }
}

/**
 * Two mappings writing one system field (or one inside the other) would overwrite each other outbound.
 * Money values sharing one currency field are the exception: the mapper requires them to agree.
 */
function checkWriters(writers: Writer[], report: Report): void {
  writers.forEach((writer, index) => {
    const clash = writers.slice(0, index).find((w) =>
      !(w.currency && writer.currency && w.path === writer.path)
      && (w.path === writer.path || w.path.startsWith(`${writer.path}.`) || writer.path.startsWith(`${w.path}.`)));
    if (clash) report(writer.at, `system field "${writer.path}" overlaps "${clash.path}", also written outbound by ${clash.at}`);
  });
}
