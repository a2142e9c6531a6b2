import type { EntityManager } from 'typeorm';
import type { CanonicalRecord } from '../catalog/catalog.types';
import type { MappingError } from '../mapping/mapping.types';
import { lockGolden } from '../golden-records/system-records/system-records.repository';
import type { ClaimedDelivery } from './delivery.types';
import type { DeliveryOperation } from './domain/delivery-plan';

export interface ReleasedLease {
  id: string;
  system: string;
  entityType: string;
  goldenId: string;
  /** the batch window the lost attempt was part of: the row leaves it (retried like any failed attempt) */
  windowAt: Date | null;
}

export const LEASE_EXPIRED_MESSAGE = 'the worker delivering this row stopped before recording the answer';

/**
 * A crashed worker's rows come back: in_flight past their lease → pending again, marked unacked (the write may
 * have landed). When a newer row already waits for the same record, that row carries the latest state, so the
 * expired one is superseded and hands its "maybe applied" mark on.
 */
export async function releaseExpiredLeases(m: EntityManager): Promise<ReleasedLease[]> {
  const candidates: { golden_id: string }[] = await m.query(
    `SELECT DISTINCT golden_id FROM outbox WHERE status = 'in_flight' AND lease_until < now()`,
  );
  if (candidates.length === 0) return [];
  // Golden locks first, as the pipeline takes them: no row for these records is enqueued meanwhile.
  await lockGolden(m, candidates.map((c) => c.golden_id));
  const expired: { id: string; system: string; entity_type: string; golden_id: string; window_at: Date | null }[] = await m.query(
    `SELECT id::text AS id, system, entity_type, golden_id, window_at FROM outbox
      WHERE status = 'in_flight' AND lease_until < now()
      ORDER BY id FOR UPDATE SKIP LOCKED`,
  );
  if (expired.length === 0) return [];
  const ids = expired.map((e) => e.id);
  await m.query(
    `UPDATE outbox w SET unacked = true, updated_at = now()
       FROM outbox e
      WHERE e.id = ANY($1::bigint[]) AND w.system = e.system AND w.golden_id = e.golden_id AND w.status IN ('pending', 'paused')`,
    [ids],
  );
  await m.query(
    `UPDATE outbox e
        SET status = CASE WHEN EXISTS (SELECT 1 FROM outbox w WHERE w.system = e.system AND w.golden_id = e.golden_id
                                         AND w.status IN ('pending', 'paused')) THEN 'superseded' ELSE 'pending' END,
            unacked = true, lease_until = NULL, next_attempt_at = now(), updated_at = now(), window_at = NULL,
            last_error = $2, last_code = 'LEASE_EXPIRED'
      WHERE e.id = ANY($1::bigint[])`,
    [ids, LEASE_EXPIRED_MESSAGE],
  );
  return expired.map((e) => ({ id: e.id, system: e.system, entityType: e.entity_type, goldenId: e.golden_id, windowAt: e.window_at }));
}

/**
 * Due pending rows, oldest due first, skipping rows another worker holds and records with a delivery running
 * (per-record order: the next state goes out only after the previous answer).
 */
export async function lockDueRows(m: EntityManager, limit: number): Promise<ClaimedDelivery[]> {
  const rows: RawOutboxRow[] = await m.query(
    `SELECT o.id::text AS id, o.system, o.entity_type, o.golden_id, o.golden_version, o.operation, o.payload, o.canonical,
            o.payload_hash, o.mapping_errors, o.attempts, o.key_seq, o.unacked, o.window_at, o.correlation_id, o.applied_at
       FROM outbox o
      WHERE o.status = 'pending' AND o.next_attempt_at <= now()
        AND NOT EXISTS (SELECT 1 FROM outbox f WHERE f.system = o.system AND f.golden_id = o.golden_id AND f.status = 'in_flight')
      ORDER BY o.next_attempt_at, o.id
      LIMIT $1
      FOR UPDATE OF o SKIP LOCKED`,
    [limit],
  );
  return rows.map((r) => ({
    id: r.id,
    system: r.system,
    entityType: r.entity_type,
    goldenId: r.golden_id,
    goldenVersion: r.golden_version,
    operation: r.operation,
    payload: r.payload,
    canonical: r.canonical,
    payloadHash: r.payload_hash,
    mappingErrors: r.mapping_errors,
    // this attempt counts from the moment it is claimed: a crash during it still used one
    attempts: r.attempts + 1,
    idempotencyKey: idempotencyKey(r.system, r.id, r.key_seq),
    unacked: r.unacked,
    windowAt: r.window_at,
    correlationId: r.correlation_id,
    appliedAt: r.applied_at,
  }));
}

/** Stable across the retries of one body: `mdh-<system>-<outbox id>[-<n>]`. */
export function idempotencyKey(system: string, outboxId: string, keySeq: number): string {
  return `mdh-${system}-${outboxId}${keySeq > 0 ? `-${keySeq}` : ''}`;
}

export async function markInFlight(m: EntityManager, rows: ClaimedDelivery[], leaseMs: number): Promise<void> {
  if (rows.length === 0) return;
  await m.query(
    `UPDATE outbox o SET status = 'in_flight', attempts = u.attempts, idempotency_key = u.key,
            lease_until = now() + $4::int * interval '1 millisecond', updated_at = now()
       FROM unnest($1::bigint[], $2::int[], $3::text[]) AS u(id, attempts, key)
      WHERE o.id = u.id`,
    [rows.map((r) => r.id), rows.map((r) => r.attempts), rows.map((r) => r.idempotencyKey), leaseMs],
  );
}

export async function markPaused(m: EntityManager, ids: string[], reason: string): Promise<void> {
  if (ids.length === 0) return;
  await m.query(
    `UPDATE outbox SET status = 'paused', last_error = $2, last_code = 'CIRCUIT_OPEN', window_at = NULL, updated_at = now() WHERE id = ANY($1::bigint[])`,
    [ids, reason],
  );
}

interface RawOutboxRow {
  id: string;
  system: string;
  entity_type: string;
  golden_id: string;
  golden_version: number;
  operation: DeliveryOperation;
  payload: Record<string, unknown>;
  canonical: CanonicalRecord;
  payload_hash: string;
  mapping_errors: MappingError[] | null;
  attempts: number;
  key_seq: number;
  unacked: boolean;
  window_at: Date | null;
  correlation_id: string | null;
  applied_at: Date | null;
}
