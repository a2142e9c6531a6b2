import type { FieldDef, SystemEntityConfig } from '../config/hub-config.schema';
import type { ResolvedEntityType } from '../catalog/catalog.types';
import { checkDatePattern, isValidTimezone } from './date.codec';
import { isIdPath, mapsOutbound, resolveFieldMappings, valueOptionsOf } from './field-mapping.util';
import { decodeValue } from './inbound-value.codec';
import type { MappingError, ResolvedFieldMapping } from './mapping.types';
import { currencyDigits, isKnownCurrency } from './money.codec';
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
 * behaves at run time as configured.
 */
export function checkMappingConfig(mapping: SystemEntityConfig, entityType: ResolvedEntityType): MappingConfigProblem[] {
  const problems: MappingConfigProblem[] = [];
  const report = (path: string, message: string) => problems.push({ path, message });
  for (const fieldMapping of resolveFieldMappings(mapping)) {
    const base = `fields.${fieldMapping.canonical}`;
    checkSystemPath(fieldMapping.field, `${base}.field`, report);
    const def = entityType.fields[fieldMapping.canonical];
    if (!def) {
      report(base, `unknown canonical field "${fieldMapping.canonical}" (entity type ${entityType.name} declares ${Object.keys(entityType.fields).join(', ') || 'no fields'})`);
      continue;
    }
    checkOptions(fieldMapping, def, base, report);
  }
  checkWriters(mapping, entityType, report);
  for (const key of Object.keys(mapping.filter ?? {})) {
    if (!entityType.fields[key]) report(`filter.${key}`, `unknown canonical field "${key}"`);
  }
  return problems;
}

type Report = (path: string, message: string) => void;

function checkSystemPath(path: string, at: string, report: Report): void {
  const segments = path.split('.');
  if (segments.some((segment) => segment === '')) report(at, `"${path}" has an empty path segment`);
  const unsafe = segments.find((segment) => UNSAFE_SEGMENTS.has(segment));
  if (unsafe) report(at, `"${path}" uses the reserved name "${unsafe}"`);
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
    checkSystemPath(money.currencyField, `${at}.currencyField`, report);
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

/** Two mappings writing one system field (or one inside the other) would overwrite each other outbound. */
function checkWriters(mapping: SystemEntityConfig, entityType: ResolvedEntityType, report: Report): void {
  const writers: { path: string; at: string }[] = [];
  for (const fieldMapping of resolveFieldMappings(mapping)) {
    const def = entityType.fields[fieldMapping.canonical];
    if (!def || def.sensitive || !mapsOutbound(fieldMapping)) continue;
    const base = `fields.${fieldMapping.canonical}`;
    const candidates = [{ path: fieldMapping.field, at: `${base}.field` }];
    const currencyField = valueOptionsOf(fieldMapping).money?.currencyField;
    if (currencyField !== undefined) candidates.push({ path: currencyField, at: `${base}.money.currencyField` });
    for (const candidate of candidates) {
      if (isIdPath(mapping, candidate.path)) continue;
      const clash = writers.find((w) => w.path === candidate.path || w.path.startsWith(`${candidate.path}.`) || candidate.path.startsWith(`${w.path}.`));
      if (clash) report(candidate.at, `system field "${candidate.path}" overlaps "${clash.path}", also written outbound by ${clash.at}`);
      writers.push(candidate);
    }
  }
}
