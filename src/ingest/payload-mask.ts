import type { ResolvedEntityType } from '../catalog/catalog.types';
import type { SystemEntityConfig } from '../config/hub-config.schema';
import { readPath, writePath } from '../mapping/record-path.util';

export const MASK = '***';

/** The system fields that carry a sensitive canonical field (ssn → data.national_id), as dot paths. */
export function sensitiveSystemPaths(entityType: ResolvedEntityType, mapping: SystemEntityConfig): string[] {
  return Object.entries(mapping.fields)
    .filter(([canonical]) => entityType.fields[canonical]?.sensitive === true)
    .map(([, m]) => (typeof m === 'string' ? m : m.field));
}

/**
 * A copy of a system's raw record with its sensitive fields replaced, for readers who may not see them.
 * Inbox payloads are the system's own records, so masking goes through the mapping, not canonical names.
 */
export function maskPayload(payload: unknown, paths: string[]): unknown {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload) || paths.length === 0) return payload;
  const copy = structuredClone(payload) as Record<string, unknown>;
  for (const path of paths) {
    const value = readPath(copy, path);
    if (value !== undefined && value !== null) writePath(copy, path, MASK);
  }
  return copy;
}
