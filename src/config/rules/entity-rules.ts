import { BUILTIN_ENTITY_TYPES } from '../../catalog/builtin-entity-types';
import type { ResolvedEntityType } from '../../catalog/catalog.types';
import { ownEntry } from '../../catalog/field-rules';
import stringify from 'safe-stable-stringify';
import type { ConfigError } from '../hub-config.loader';
import { isPlainObject } from '../hub-config.loader';
import type { EntityTypeConfig, Strategy } from '../hub-config.schema';

/**
 * The survivorship rules of one entity type as the rules API reads and writes them, and their edit of the raw
 * configuration document. Pure. An edit touches only the keys whose value changes, in `entities.<type>` of the
 * document as stored: `${ENV}` references, key order and everything else stay as written.
 */

export interface EntityRules {
  /** systems, highest first; systems not listed follow in the order `systems` declares them */
  precedence?: string[];
  /** per field, a precedence list that overrides `precedence` */
  fieldPrecedence?: Record<string, string[]>;
  strategy?: Strategy;
  /** per field, a strategy that overrides `strategy` (stored as `fields.<field>.strategy`) */
  fieldStrategies?: Record<string, Strategy>;
}

export interface EntityRulesView extends Required<EntityRules> {
  entityType: string;
  /** the configuration version these rules are from: send it back as If-Match (or expectedVersion) */
  configVersion: number;
  /** the lists survivorship uses: completed with every system, in declaration order */
  effective: { precedence: string[]; fieldPrecedence: Record<string, string[]> };
}

/** The rules of `type` as configured (the document's values, else the built-in ones) in a configuration. */
export function rulesView(doc: unknown, type: ResolvedEntityType, version: number): EntityRulesView {
  const configured = (key: 'precedence' | 'fieldPrecedence') => entryOf(doc, type.name)?.[key] ?? ownEntry(BUILTIN_ENTITY_TYPES, type.name)?.[key];
  const fieldStrategies: Record<string, Strategy> = {};
  for (const [field, def] of Object.entries(type.fields)) if (def.strategy) fieldStrategies[field] = def.strategy;
  return {
    entityType: type.name,
    precedence: [...((configured('precedence') as string[] | undefined) ?? [])],
    fieldPrecedence: structuredClone((configured('fieldPrecedence') as Record<string, string[]> | undefined) ?? {}),
    strategy: type.strategy,
    fieldStrategies,
    configVersion: version,
    effective: { precedence: [...type.precedence], fieldPrecedence: structuredClone(type.fieldPrecedence) },
  };
}

/**
 * `doc` with the given rules of `type` (its resolved form in `doc`, for the built-in field definitions a field
 * strategy is added to). Keys left out are left alone; a value equal to the one in force is not written, so reading
 * the rules and putting them back stores nothing. A built-in type the document does not declare gets an entry.
 */
export function withEntityRules(doc: unknown, type: ResolvedEntityType, rules: EntityRules): unknown {
  const next = structuredClone<Record<string, unknown>>(isPlainObject(doc) ? doc : {});
  const current = rulesView(doc, type, 0);
  const entities = (isPlainObject(next.entities) ? next.entities : (next.entities = {})) as Record<string, Record<string, unknown>>;
  const entry = () => (entities[type.name] ??= {});
  if (rules.precedence !== undefined && !valuesEqual(rules.precedence, current.precedence)) entry().precedence = [...rules.precedence];
  if (rules.fieldPrecedence !== undefined && !valuesEqual(rules.fieldPrecedence, current.fieldPrecedence)) {
    entry().fieldPrecedence = structuredClone(rules.fieldPrecedence);
  }
  if (rules.strategy !== undefined && rules.strategy !== current.strategy) entry().strategy = rules.strategy;
  if (rules.fieldStrategies !== undefined) {
    for (const field of [...new Set([...Object.keys(current.fieldStrategies), ...Object.keys(rules.fieldStrategies)])]) {
      const wanted = ownEntry(rules.fieldStrategies, field);
      if (wanted === ownEntry(current.fieldStrategies, field)) continue;
      const fields = (isPlainObject(entry().fields) ? entry().fields : (entry().fields = {})) as Record<string, Record<string, unknown>>;
      // A field named in the document replaces the built-in definition whole: start from the one in force.
      const def = ownEntry(fields, field) ?? (fields[field] = structuredClone({ ...type.fields[field] }) as Record<string, unknown>);
      if (wanted === undefined) delete def.strategy;
      else def.strategy = wanted;
    }
  }
  return next;
}

/** Checks what the document's validation cannot name as the rules API's fields; empty when fine. */
export function checkRulesRequest(type: ResolvedEntityType, rules: EntityRules): ConfigError[] {
  const errors: ConfigError[] = [];
  const known = Object.keys(type.fields).sort().join(', ');
  if (Object.values(rules).every((v) => v === undefined)) {
    errors.push({ path: '(body)', message: 'give at least one of precedence, fieldPrecedence, strategy, fieldStrategies' });
  }
  for (const [field, order] of Object.entries(rules.fieldPrecedence ?? {})) {
    if (!Array.isArray(order) || order.length === 0 || !order.every((s) => typeof s === 'string')) {
      errors.push({ path: `fieldPrecedence.${field}`, message: 'must be a non-empty list of system keys' });
    }
  }
  for (const field of Object.keys(rules.fieldStrategies ?? {})) {
    if (!ownEntry(type.fields, field)) errors.push({ path: `fieldStrategies.${field}`, message: `unknown field "${field}" of ${type.name} (fields: ${known})` });
  }
  return errors;
}

/** A document validation error, at the rules API's path when it is about the rules of `typeName`. */
export function toRulesPath(error: ConfigError, typeName: string): ConfigError {
  const prefix = `entities.${typeName}.`;
  if (!error.path.startsWith(prefix)) return error;
  const rest = error.path.slice(prefix.length);
  const strategyOfField = /^fields\.([^.]+)\.strategy$/.exec(rest);
  if (strategyOfField) return { ...error, path: `fieldStrategies.${strategyOfField[1]}` };
  if (/^(precedence|fieldPrecedence|strategy)(\.|$)/.test(rest)) return { ...error, path: rest };
  return error;
}

/** Same JSON value, key order aside (list order counts). */
function valuesEqual(a: unknown, b: unknown): boolean {
  return stringify(a) === stringify(b);
}

function entryOf(doc: unknown, name: string): EntityTypeConfig | undefined {
  if (!isPlainObject(doc) || !isPlainObject(doc.entities)) return undefined;
  const entry = ownEntry(doc.entities, name);
  return isPlainObject(entry) ? (entry as EntityTypeConfig) : undefined;
}
