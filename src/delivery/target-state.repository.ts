import type { EntityManager } from 'typeorm';
import type { CanonicalRecord } from '../catalog/catalog.types';
import type { HeldState } from './domain/delivery-plan';
import { targetKey } from './domain/target-key';
import { heldRecordQuery } from './held-record.query';

/**
 * Bulk reads of what each target system holds, for one batch: a fixed number of statements per batch. Each key
 * is looked up through LATERAL … LIMIT 1, one index probe per key whatever the statistics say (see
 * golden-state.repository).
 */

export interface GoldenTargetKey {
  system: string;
  entityType: string;
  goldenId: string;
}

export interface SystemRecordRef {
  externalId: string;
  deleted: boolean;
  data: CanonicalRecord | null;
}

const HELD_RECORD = heldRecordQuery('k');

export async function loadSystemRecords(m: EntityManager, keys: GoldenTargetKey[]): Promise<Map<string, SystemRecordRef>> {
  const found = new Map<string, SystemRecordRef>();
  if (keys.length === 0) return found;
  const rows: { system: string; golden_id: string; external_id: string; deleted: boolean | null; data: CanonicalRecord | null }[] = await m.query(
    `SELECT k.system, k.golden_id, r.external_id, r.deleted, r.data
       FROM unnest($1::text[], $2::text[], $3::uuid[]) AS k(system, entity_type, golden_id)
       CROSS JOIN LATERAL (${HELD_RECORD}) r`,
    [keys.map((k) => k.system), keys.map((k) => k.entityType), keys.map((k) => k.goldenId)],
  );
  for (const r of rows) found.set(targetKey(r.system, r.golden_id), { externalId: r.external_id, deleted: r.deleted === true, data: r.data });
  return found;
}

export interface TargetState {
  held: HeldState;
  waiting: boolean;
  inFlight: boolean;
}

/** Held state, ledger and open outbox rows for every (system, golden record) a batch may deliver to. */
export async function loadTargetStates(m: EntityManager, keys: GoldenTargetKey[]): Promise<Map<string, TargetState>> {
  const states = new Map<string, TargetState>();
  if (keys.length === 0) return states;
  const rows: {
    system: string; golden_id: string; external_id: string | null; deleted: boolean | null; data: CanonicalRecord | null;
    hub_only_hash: string | null; waiting: boolean; in_flight: boolean;
  }[] = await m.query(
    `SELECT k.system, k.golden_id, r.external_id, r.deleted, r.data, l.hub_only_hash,
            EXISTS (SELECT 1 FROM outbox o WHERE o.system = k.system AND o.golden_id = k.golden_id AND o.status IN ('pending', 'paused')) AS waiting,
            EXISTS (SELECT 1 FROM outbox o WHERE o.system = k.system AND o.golden_id = k.golden_id AND o.status = 'in_flight') AS in_flight
       FROM unnest($1::text[], $2::text[], $3::uuid[]) AS k(system, entity_type, golden_id)
       LEFT JOIN LATERAL (${HELD_RECORD}) r ON true
       LEFT JOIN LATERAL (SELECT hub_only_hash FROM delivery_ledger WHERE system = k.system AND golden_id = k.golden_id LIMIT 1) l ON true`,
    [keys.map((k) => k.system), keys.map((k) => k.entityType), keys.map((k) => k.goldenId)],
  );
  for (const r of rows) {
    const key = targetKey(r.system, r.golden_id);
    const held: HeldState = r.external_id !== null
      ? { externalId: r.external_id, deleted: r.deleted === true, data: r.data ?? {}, hubOnlyHash: r.hub_only_hash }
      : { hubOnlyHash: r.hub_only_hash };
    states.set(key, { held, waiting: r.waiting, inFlight: r.in_flight });
  }
  return states;
}

/** Golden ids (of any entity type) that still have a delivery waiting or running in a system. */
export async function goldenIdsWithOpenDeliveries(m: EntityManager, system: string, goldenIds: string[]): Promise<Set<string>> {
  if (goldenIds.length === 0) return new Set();
  const rows: { golden_id: string }[] = await m.query(
    `SELECT DISTINCT golden_id FROM outbox WHERE system = $1 AND golden_id = ANY($2::uuid[]) AND status IN ('pending', 'paused', 'in_flight')`,
    [system, goldenIds],
  );
  return new Set(rows.map((r) => r.golden_id));
}
