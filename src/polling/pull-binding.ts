import type { AdapterRegistry } from '../adapters/adapter-registry';
import type { SystemAdapter } from '../adapters/adapter.types';
import type { ActiveConfig } from '../config/active-config';
import type { SystemConfig, SystemEntityConfig } from '../config/hub-config.schema';
import { canPull, isInbound } from './domain/sync-schedule';
import type { PullTarget } from '../inbox/domain/inbox-drafts';
import { SyncError } from './polling.errors';

/** One entity type of one system, ready to be read: its configuration and the adapter to read it with. */
export interface PullBinding {
  systemKey: string;
  system: SystemConfig;
  entityType: string;
  mapping: SystemEntityConfig;
  adapter: SystemAdapter;
}

export function pullTarget(b: PullBinding): PullTarget {
  return { entityType: b.entityType, systemName: b.mapping.name, idField: b.mapping.id };
}

/**
 * The entity types of `systemKey` a pull covers: the one named, or every inbound one. Throws SyncErrors
 * the API returns as they are (unknown system, nothing to read from, entity type not mapped).
 */
export function resolvePullBindings(active: ActiveConfig, adapters: AdapterRegistry, systemKey: string, entityType?: string | null): PullBinding[] {
  const system = Object.hasOwn(active.config.systems, systemKey) ? active.config.systems[systemKey] : undefined;
  if (!system) {
    throw new SyncError('SYSTEM_NOT_FOUND', `no system "${systemKey}" is configured; known: ${Object.keys(active.config.systems).join(', ') || 'none'}`, 'not_found');
  }
  const adapter = canPull(system) ? adapters.get(systemKey, system) : null;
  if (!adapter) {
    throw new SyncError('SYSTEM_NOT_PULLABLE',
      `system ${systemKey} cannot be read from: it needs an http or postgres adapter and direction "in" or "both"`, 'conflict');
  }
  const inbound = Object.entries(system.entities).filter(([, mapping]) => isInbound(system, mapping));
  if (entityType !== undefined && entityType !== null) {
    const found = inbound.find(([name]) => name === entityType);
    if (!found) {
      throw new SyncError('ENTITY_TYPE_NOT_MAPPED',
        `system ${systemKey} maps no inbound entity type "${entityType}"; it maps: ${inbound.map(([n]) => n).join(', ') || 'none'}`, 'not_found');
    }
    return [{ systemKey, system, entityType, mapping: found[1], adapter }];
  }
  return inbound.map(([name, mapping]) => ({ systemKey, system, entityType: name, mapping, adapter }));
}
