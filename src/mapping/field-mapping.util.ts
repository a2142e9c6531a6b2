import type { FieldMapping, SystemEntityConfig } from '../config/hub-config.schema';
import type { ResolvedFieldMapping, ValueOptions } from './mapping.types';
import { readPath } from './record-path.util';

/*
 * Derived once per configuration object and shared: the inbound and outbound mappers resolve every field of every
 * record they map, and these derivations allocated a fresh array and objects each time (per change and per target).
 * Configuration objects are never changed after parsing (a change is a new version, with new objects), so a
 * WeakMap keyed on them is exact and lets an old version's entries go with it. The results are frozen: callers
 * share them.
 */
const resolvedEntries = new WeakMap<object, readonly ResolvedFieldMapping[]>();
const outboundOrders = new WeakMap<readonly ResolvedFieldMapping[], readonly ResolvedFieldMapping[]>();
const valueOptions = new WeakMap<ResolvedFieldMapping, ValueOptions>();
const NO_FIELDS: readonly ResolvedFieldMapping[] = Object.freeze([]);

/** Expands the `firstName: first_name` shorthand so every consumer sees one shape. */
export function resolveFieldMappings(mapping: SystemEntityConfig): readonly ResolvedFieldMapping[] {
  return resolveEntries(mapping.fields);
}

/** The same for a nested `fields` map (canonical sub-field → system sub-field or mapping). */
export function resolveEntries(fields: Record<string, string | FieldMapping> | undefined): readonly ResolvedFieldMapping[] {
  if (!fields) return NO_FIELDS;
  let resolved = resolvedEntries.get(fields);
  if (!resolved) {
    resolved = Object.freeze(Object.entries(fields).map(([canonical, entry]) =>
      typeof entry === 'string' ? { canonical, field: entry } : { ...entry, canonical },
    ));
    resolvedEntries.set(fields, resolved);
  }
  return resolved;
}

/**
 * Outbound order: fields with nested mappings last, so a record's own currency field is written before
 * the items that share it through `^.` are compared with it (the record's own value is the reference).
 */
export function outboundOrder(mappings: readonly ResolvedFieldMapping[]): readonly ResolvedFieldMapping[] {
  let ordered = outboundOrders.get(mappings);
  if (!ordered) {
    ordered = Object.freeze([...mappings.filter((m) => m.fields === undefined), ...mappings.filter((m) => m.fields !== undefined)]);
    outboundOrders.set(mappings, ordered);
  }
  return ordered;
}

export function mapsInbound(fieldMapping: ResolvedFieldMapping): boolean {
  return fieldMapping.direction !== 'out';
}

export function mapsOutbound(fieldMapping: ResolvedFieldMapping): boolean {
  return fieldMapping.direction !== 'in';
}

export function valueOptionsOf(fieldMapping: ResolvedFieldMapping): ValueOptions {
  let options = valueOptions.get(fieldMapping);
  if (!options) {
    const { format, timezone, values, money, trim, case: letterCase, fields } = fieldMapping;
    options = Object.freeze({ format, timezone, values, money, trim, case: letterCase, fields });
    valueOptions.set(fieldMapping, options);
  }
  return options;
}

/** True when `path` is the system's id field or lies inside it; adapters own ids, so outbound never writes them. */
export function isIdPath(mapping: SystemEntityConfig, path: string): boolean {
  return isWithin(mapping.id ?? 'id', path);
}

export function isWithin(idField: string, path: string): boolean {
  return path === idField || path.startsWith(`${idField}.`);
}

/** The system's external id of a record, as a string (numeric ids become "42"), or undefined when absent. */
export function externalIdOf(mapping: SystemEntityConfig, systemRecord: Record<string, unknown>): string | undefined {
  const value = readPath(systemRecord, mapping.id ?? 'id');
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object') return undefined;
  const id = scalarId(value);
  return id === '' ? undefined : id;
}

/** An external id is text; numbers and booleans are read as the text a system would show. */
function scalarId(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
