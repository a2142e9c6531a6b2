import { isSupportedCountry } from 'libphonenumber-js/max';
import type { EntityTypeConfig, FieldDef, HubConfig } from '../config/hub-config.schema';
import { BUILTIN_ENTITY_TYPES } from './builtin-entity-types';
import type { ResolvedEntityType } from './catalog.types';
import { isCurrencyCode } from './currencies';
import { compilePattern, MATCHABLE_TYPES, OPTION_TYPES, ownEntry } from './field-rules';
import { checkSuspectRules } from '../matching/domain/suspect-rules.check';

export interface EntityTypeIssue {
  /** dot path into the configuration document: entities.contact.fields.status.values */
  path: string;
  message: string;
}

/**
 * Implementation of checkEntityTypes (entity-type.resolver.ts), kept apart so the resolver stays small.
 * Reads the raw matchOn / precedence lists for their indexes (paths point into the document) and the
 * resolved types for the fields that apply after built-in merging.
 */
export function checkEntityTypeDocument(
  config: HubConfig,
  resolved: Record<string, ResolvedEntityType>,
): EntityTypeIssue[] {
  const issues: EntityTypeIssue[] = [];
  const systems = new Set(Object.keys(config.systems ?? {}));
  const entityNames = Object.keys(resolved);
  for (const [name, type] of Object.entries(resolved)) {
    const at = `entities.${name}`;
    const raw = <K extends keyof EntityTypeConfig>(key: K): EntityTypeConfig[K] | undefined =>
      ownEntry(config.entities, name)?.[key] ?? ownEntry(BUILTIN_ENTITY_TYPES, name)?.[key];
    checkFields(type.fields, `${at}.fields`, entityNames, issues);
    checkMatchOn(raw('matchOn') ?? [], type, `${at}.matchOn`, issues);
    checkSystemList(raw('precedence') ?? [], systems, `${at}.precedence`, issues);
    const suspects = raw('suspects');
    if (suspects) issues.push(...checkSuspectRules(suspects, type, `${at}.suspects`));
    for (const [field, order] of Object.entries(raw('fieldPrecedence') ?? {})) {
      const path = `${at}.fieldPrecedence.${field}`;
      if (!ownEntry(type.fields, field)) {
        issues.push({ path, message: `fieldPrecedence names unknown field "${field}" of entity type "${name}"` });
      }
      checkSystemList(order, systems, path, issues);
    }
  }
  return issues;
}

function checkFields(
  fields: Record<string, FieldDef>,
  path: string,
  entityNames: string[],
  issues: EntityTypeIssue[],
): void {
  for (const [name, def] of Object.entries(fields)) checkField(def, `${path}.${name}`, entityNames, issues);
}

function checkField(def: FieldDef, path: string, entityNames: string[], issues: EntityTypeIssue[]): void {
  for (const [option, types] of Object.entries(OPTION_TYPES)) {
    if (def[option as keyof FieldDef] !== undefined && !types.includes(def.type)) {
      issues.push({
        path: `${path}.${option}`,
        message: `${option} does not apply to ${def.type} fields (only to ${types.join(', ')})`,
      });
    }
  }
  switch (def.type) {
    case 'enum':
      checkEnumValues(def, path, issues);
      break;
    case 'list':
      if (!def.items) issues.push({ path: `${path}.items`, message: 'a list field needs items (the type of each item)' });
      else checkField(def.items, `${path}.items`, entityNames, issues);
      break;
    case 'object':
      if (def.fields) checkFields(def.fields, `${path}.fields`, entityNames, issues);
      break;
    case 'reference':
      if (!def.entity) {
        issues.push({ path: `${path}.entity`, message: 'a reference field needs entity (the referenced entity type)' });
      } else if (!entityNames.includes(def.entity)) {
        issues.push({
          path: `${path}.entity`,
          message: `references unknown entity type "${def.entity}" (known: ${entityNames.join(', ')})`,
        });
      }
      break;
    default:
      break;
  }
  if (def.pattern !== undefined) {
    try {
      compilePattern(def.pattern);
    } catch (err) {
      issues.push({ path: `${path}.pattern`, message: `invalid regular expression: ${(err as Error).message}` });
    }
  }
  if (def.defaultCountry !== undefined && !isSupportedCountry(def.defaultCountry)) {
    issues.push({
      path: `${path}.defaultCountry`,
      message: `"${def.defaultCountry}" is not a supported ISO 3166-1 alpha-2 country code (upper case, e.g. GB)`,
    });
  }
  if (def.currency !== undefined && !isCurrencyCode(def.currency)) {
    issues.push({ path: `${path}.currency`, message: `${JSON.stringify(def.currency)} is not an ISO 4217 currency code (e.g. EUR)` });
  }
  if (def.min !== undefined && def.max !== undefined && def.min > def.max) {
    issues.push({ path: `${path}.min`, message: `min (${def.min}) is greater than max (${def.max})` });
  }
}

function checkEnumValues(def: FieldDef, path: string, issues: EntityTypeIssue[]): void {
  if (!def.values || def.values.length === 0) {
    issues.push({ path: `${path}.values`, message: 'an enum field needs values (the allowed canonical values)' });
    return;
  }
  const seen = new Set<string>();
  def.values.forEach((value, i) => {
    if (seen.has(value)) issues.push({ path: `${path}.values.${i}`, message: `duplicate enum value "${value}"` });
    seen.add(value);
    // A value the field's own normalisation would change could never be stored.
    const normalised = normaliseCase(def.trim ? value.trim() : value, def.case);
    if (normalised !== value) {
      issues.push({
        path: `${path}.values.${i}`,
        message: `enum value "${value}" is not normalised as the field requires ("${normalised}")`,
      });
    }
  });
}

function normaliseCase(value: string, mode: FieldDef['case']): string {
  if (mode === 'lower') return value.toLowerCase();
  if (mode === 'upper') return value.toUpperCase();
  return value;
}

function checkMatchOn(
  matchOn: NonNullable<EntityTypeConfig['matchOn']>,
  type: ResolvedEntityType,
  path: string,
  issues: EntityTypeIssue[],
): void {
  matchOn.forEach((key, i) => {
    const fields = typeof key === 'string' ? [[key, `${path}.${i}`]] : key.map((f, j) => [f, `${path}.${i}.${j}`]);
    for (const [field, fieldPath] of fields) {
      const def = ownEntry(type.fields, field);
      if (!def) {
        issues.push({ path: fieldPath, message: `matchOn names unknown field "${field}" of entity type "${type.name}"` });
      } else if (!MATCHABLE_TYPES.includes(def.type)) {
        issues.push({
          path: fieldPath,
          message: `matchOn field "${field}" is a ${def.type} field; match keys need a single value (${MATCHABLE_TYPES.join(', ')})`,
        });
      }
    }
  });
}

function checkSystemList(order: string[], systems: Set<string>, path: string, issues: EntityTypeIssue[]): void {
  const seen = new Set<string>();
  order.forEach((system, i) => {
    if (!systems.has(system)) {
      const known = systems.size ? [...systems].join(', ') : 'none declared';
      issues.push({ path: `${path}.${i}`, message: `unknown system "${system}" (known: ${known})` });
    } else if (seen.has(system)) {
      issues.push({ path: `${path}.${i}`, message: `system "${system}" is listed twice` });
    }
    seen.add(system);
  });
}
