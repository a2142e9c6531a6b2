import type { FieldMapping, SystemEntityConfig } from '../config/hub-config.schema';
import type { ResolvedFieldMapping, ValueOptions } from './mapping.types';
import { readPath } from './record-path.util';

/** Expands the `firstName: first_name` shorthand so every consumer sees one shape. */
export function resolveFieldMappings(mapping: SystemEntityConfig): ResolvedFieldMapping[] {
  return resolveEntries(mapping.fields);
}

/** The same for a nested `fields` map (canonical sub-field → system sub-field or mapping). */
export function resolveEntries(fields: Record<string, string | FieldMapping> | undefined): ResolvedFieldMapping[] {
  return Object.entries(fields ?? {}).map(([canonical, entry]) =>
    typeof entry === 'string' ? { canonical, field: entry } : { ...entry, canonical },
  );
}

/**
 * Outbound order: fields with nested mappings last, so a record's own currency field is written before
 * the items that share it through `^.` are compared with it (the record's own value is the reference).
 */
export function outboundOrder(mappings: ResolvedFieldMapping[]): ResolvedFieldMapping[] {
  return [...mappings.filter((m) => m.fields === undefined), ...mappings.filter((m) => m.fields !== undefined)];
}

export function mapsInbound(fieldMapping: ResolvedFieldMapping): boolean {
  return fieldMapping.direction !== 'out';
}

export function mapsOutbound(fieldMapping: ResolvedFieldMapping): boolean {
  return fieldMapping.direction !== 'in';
}

export function valueOptionsOf(fieldMapping: ResolvedFieldMapping): ValueOptions {
  const { format, timezone, values, money, trim, case: letterCase, fields } = fieldMapping;
  return { format, timezone, values, money, trim, case: letterCase, fields };
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
