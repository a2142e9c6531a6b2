import type { SystemEntityConfig } from '../config/hub-config.schema';
import type { ResolvedFieldMapping, ValueOptions } from './mapping.types';
import { readPath } from './record-path.util';

/** Expands the `firstName: first_name` shorthand so every consumer sees one shape. */
export function resolveFieldMappings(mapping: SystemEntityConfig): ResolvedFieldMapping[] {
  return Object.entries(mapping.fields ?? {}).map(([canonical, entry]) =>
    typeof entry === 'string' ? { canonical, field: entry } : { ...entry, canonical },
  );
}

export function mapsInbound(fieldMapping: ResolvedFieldMapping): boolean {
  return fieldMapping.direction !== 'out';
}

export function mapsOutbound(fieldMapping: ResolvedFieldMapping): boolean {
  return fieldMapping.direction !== 'in';
}

export function valueOptionsOf(fieldMapping: ResolvedFieldMapping): ValueOptions {
  const { format, timezone, values, money, trim, case: letterCase } = fieldMapping;
  return { format, timezone, values, money, trim, case: letterCase };
}

/** True when `path` is the system's id field or lies inside it; adapters own ids, so outbound never writes them. */
export function isIdPath(mapping: SystemEntityConfig, path: string): boolean {
  const id = mapping.id ?? 'id';
  return path === id || path.startsWith(`${id}.`);
}

/** The system's external id of a record, as a string (numeric ids become "42"), or undefined when absent. */
export function externalIdOf(mapping: SystemEntityConfig, systemRecord: Record<string, unknown>): string | undefined {
  const value = readPath(systemRecord, mapping.id ?? 'id');
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object') return undefined;
  const id = String(value);
  return id === '' ? undefined : id;
}
