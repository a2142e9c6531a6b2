import type { ResolvedEntityType } from '../catalog/catalog.types';
import type { HubConfig, SystemConfig, SystemEntityConfig } from './hub-config.schema';

/**
 * The configuration in force: a validated document with `${ENV}` references resolved, plus the resolved
 * entity types. Immutable; HubConfigService swaps the whole object when a new version is activated.
 */
export interface ActiveConfig {
  version: number;
  /** the document as stored and exported: `${ENV}` references left unresolved so secrets stay out of the database */
  raw: unknown;
  config: HubConfig;
  entityTypes: Record<string, ResolvedEntityType>;
}

export interface SystemEntityBinding {
  systemKey: string;
  system: SystemConfig;
  entityType: ResolvedEntityType;
  mapping: SystemEntityConfig;
}

/** Finds the canonical entity type a system calls `name` (its REST path, table, or webhook type prefix). */
export function bindingByName(active: ActiveConfig, systemKey: string, name: string): SystemEntityBinding | undefined {
  const system = active.config.systems[systemKey];
  if (!system) return undefined;
  for (const [entityTypeName, mapping] of Object.entries(system.entities)) {
    if (mapping.name === name) {
      const entityType = active.entityTypes[entityTypeName];
      return entityType ? { systemKey, system, entityType, mapping } : undefined;
    }
  }
  return undefined;
}

export function bindingByEntityType(active: ActiveConfig, systemKey: string, entityTypeName: string): SystemEntityBinding | undefined {
  const system = active.config.systems[systemKey];
  const mapping = system?.entities[entityTypeName];
  const entityType = active.entityTypes[entityTypeName];
  return system && mapping && entityType ? { systemKey, system, entityType, mapping } : undefined;
}
