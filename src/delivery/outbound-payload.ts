import type { EntityManager } from 'typeorm';
import type { CanonicalRecord } from '../catalog/catalog.types';
import type { SystemEntityBinding } from '../config/active-config';
import { mapOutbound } from '../mapping/outbound.mapper';
import type { OutboundResult, ReferenceResolver } from '../mapping/mapping.types';
import { targetKey } from './domain/target-key';
import { type GoldenTargetKey, loadSystemRecords } from './target-state.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface OutboundItem {
  binding: SystemEntityBinding;
  canonical: CanonicalRecord;
}

/**
 * Maps many records out at once. References (golden ids) become the target system's ids: a first pass records
 * which ones the items need, one query loads them, a second pass maps with them. Items without references
 * cost no query.
 */
export async function mapOutboundAll(m: EntityManager, items: OutboundItem[]): Promise<OutboundResult[]> {
  const wanted: GoldenTargetKey[] = [];
  const recorder: ReferenceResolver = {
    toGoldenId: () => undefined,
    toExternalId: (system, entityType, goldenId) => {
      if (UUID.test(goldenId)) wanted.push({ system, entityType, goldenId });
      return undefined;
    },
  };
  const first = items.map((item) => mapOutbound(context(item, recorder), item.canonical));
  if (wanted.length === 0) return first;
  const known = await loadSystemRecords(m, wanted);
  const resolver: ReferenceResolver = {
    toGoldenId: () => undefined,
    toExternalId: (system, _entityType, goldenId) => {
      const ref = known.get(targetKey(system, goldenId));
      // A record the system deleted is no target for a reference.
      return ref && !ref.deleted ? ref.externalId : undefined;
    },
  };
  return items.map((item, i) =>
    first[i].errors.some((e) => e.code === 'REFERENCE_UNRESOLVED') ? mapOutbound(context(item, resolver), item.canonical) : first[i],
  );
}

function context(item: OutboundItem, references: ReferenceResolver) {
  return { system: item.binding.systemKey, entityType: item.binding.entityType, mapping: item.binding.mapping, references };
}
