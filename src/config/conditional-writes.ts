import type { SystemConfig, SystemEntityConfig } from './hub-config.schema';

/** The system field whose value identifies a record's version for conditional writes. */
export function versionField(mapping: SystemEntityConfig): string | undefined {
  return mapping.version ?? mapping.updatedAt;
}

/**
 * Whether the hub's updates to this system are conditional on the record's version (If-Match), so a write
 * based on an older state cannot overwrite a change the system made that the hub has not processed yet.
 */
export function writesConditionally(system: SystemConfig): boolean {
  const adapter = system.adapter;
  return (adapter?.type === 'http' || adapter?.type === 'postgres') && adapter.conditionalWrites === true;
}
