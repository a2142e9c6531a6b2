import type { EntityManager } from 'typeorm';
import { matchKeys } from '../../catalog/match-keys';
import { type ActiveConfig, bindingByEntityType } from '../../config/active-config';
import { mapInbound } from '../../mapping/inbound.mapper';
import type { ReferenceResolver } from '../../mapping/mapping.types';
import { recordKey } from '../../common/record-key';
import type { BatchState } from './batch-state';
import type { BatchLedger, DeliveryLedgerPort } from './delivery-ledger.port';
import { loadSourceRecords, loadXrefs, lockAndLoadMatchKeys, lockGoldenRecords, type XrefKey } from './golden-state.repository';
import type { InboxEvent } from './pipeline.types';

const PLACEHOLDER_REF = '00000000-0000-0000-0000-000000000000';

/**
 * Reads and locks everything a batch needs in a few statements: cross-references (of the events and of the
 * records they refer to), match-key owners, the golden records (locked), their source records, and the delivery
 * ledger's entries for them (through the port the delivery module provides).
 */
export async function loadBatchState(
  m: EntityManager, active: ActiveConfig, events: InboxEvent[], into: BatchState, ledger: DeliveryLedgerPort,
): Promise<BatchLedger> {
  // Pass 1: map with a resolver that records which foreign ids the batch refers to, to load them in one query.
  const refs: XrefKey[] = [];
  let referred = false;
  const recorder: ReferenceResolver = {
    toGoldenId: (system, entityType, externalId) => (referred = true, refs.push({ system, entityType, externalId }), PLACEHOLDER_REF),
    toExternalId: () => undefined,
  };
  const keyRequests: { entityType: string; key: string }[] = [];
  const firstPass = events.map((ev) => {
    const binding = bindingByEntityType(active, ev.system, ev.entityType);
    if (!binding || ev.action === 'delete') return undefined;
    referred = false;
    const mapped = mapInbound({ system: ev.system, entityType: binding.entityType, mapping: binding.mapping, references: recorder }, ev.payload);
    // Without references the mapping cannot change once they are loaded: decide() reuses it instead of mapping twice.
    if (!referred) into.mappedOnce.set(ev, mapped);
    return mapped.record;
  });
  const own = events.map((ev) => ({ system: ev.system, entityType: ev.entityType, externalId: ev.externalId }));
  const versionsSeen = new Map<string, number | null>();
  for (const { key, goldenId, goldenVersion } of await loadXrefs(m, [...own, ...refs])) {
    into.xrefs.set(recordKey(key.system, key.entityType, key.externalId), goldenId);
    versionsSeen.set(goldenId, goldenVersion);
  }
  events.forEach((ev, i) => {
    const record = firstPass[i];
    const entityType = active.entityTypes[ev.entityType];
    if (!record || !entityType || into.xrefs.has(recordKey(ev.system, ev.entityType, ev.externalId))) return;
    for (const key of matchKeys(entityType, record)) keyRequests.push({ entityType: ev.entityType, key });
  });
  for (const [k, goldenId] of await lockAndLoadMatchKeys(m, keyRequests)) into.ownKey(k, goldenId);

  const ids = new Set<string>();
  for (const ev of events) {
    const id = into.xrefs.get(recordKey(ev.system, ev.entityType, ev.externalId));
    if (id) ids.add(id);
  }
  for (const id of into.keyOwners.values()) ids.add(id);
  for (const g of await lockGoldenRecords(m, [...ids])) into.golden.set(g.id, g);
  // A steward merge or unmerge may have moved a cross-reference between our read and our lock. Both write a
  // new version of the record the link leaves, under its lock; so only when a locked record's version moved
  // since the read is it worth reading the links again (and starting over if one moved).
  const moved = [...versionsSeen].some(([id, version]) => into.golden.has(id) && into.golden.get(id)!.version !== version);
  if (moved) {
    for (const { key, goldenId } of await loadXrefs(m, own)) {
      if (into.xrefs.get(recordKey(key.system, key.entityType, key.externalId)) !== goldenId) {
        throw Object.assign(new Error('a cross-reference moved while the batch was locking; retrying'), { code: '40001' });
      }
    }
  }
  for (const s of await loadSourceRecords(m, [...ids])) into.putSource(s, false);
  const linked = events
    .map((ev) => ({ system: ev.system, goldenId: into.xrefs.get(recordKey(ev.system, ev.entityType, ev.externalId)) }))
    .filter((k): k is { system: string; goldenId: string } => Boolean(k.goldenId));
  return ledger.loadBatch(m, active, linked);
}
