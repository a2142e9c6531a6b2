import type { EntityManager } from 'typeorm';
import type { CanonicalRecord } from '../catalog/catalog.types';
import type { MappingError } from '../mapping/mapping.types';
import { lockGolden } from '../golden-records/system-records/system-records.repository';
import { HUB_INSTANCE_LOCK_CLASS } from '../common/process-liveness';
import type { ClaimedDelivery } from './delivery.types';
import type { DeliveryOperation } from './domain/delivery-plan';

export const LEASE_EXPIRED_MESSAGE = 'the worker delivering this row stopped before recording the answer';
export const CLAIM_ORPHANED_MESSAGE = 'the hub process delivering this row is gone (its liveness lock is free); the write may have landed';

/** Why a claim came back: its lease ran out, or the process holding it is gone. */
export type ReleaseCode = 'LEASE_EXPIRED' | 'CLAIM_ORPHANED';

export interface ReleasedLease {
  id: string;
  system: string;
  entityType: string;
  goldenId: string;
  /** the batch window the lost attempt was part of: the row leaves it (retried like any failed attempt) */
  windowAt: Date | null;
  code: ReleaseCode;
}

/**
 * Holders of in-flight claims, other than `self`, whose process is gone: their liveness lock
 * (HUB_INSTANCE_LOCK_CLASS, key) is free, so this transaction takes it. Held until the transaction ends, so a
 * concurrent claim in another process sees the holder as busy and leaves its rows to this one.
 */
export async function goneClaimHolders(m: EntityManager, self: number | undefined): Promise<number[]> {
  // The DISTINCT subquery keeps the (volatile) lock function from running once per row.
  const rows: { k: number }[] = await m.query(
    `SELECT h.k FROM (SELECT DISTINCT claimed_by AS k FROM outbox
                       WHERE status = 'in_flight' AND claimed_by IS NOT NULL AND claimed_by IS DISTINCT FROM $2::int) h
      WHERE pg_try_advisory_xact_lock($1::int, h.k)`,
    [HUB_INSTANCE_LOCK_CLASS, self ?? null],
  );
  return rows.map((r) => r.k);
}

/**
 * Claims of a stopped worker come back: in_flight past their lease, or held by a process that is gone
 * (`goneHolders`, see goneClaimHolders) → pending again, marked unacked (the write may have landed). When a newer
 * row already waits for the same record, that row carries the latest state, so the released one is superseded
 * and hands its "maybe applied" mark on.
 */
export async function releaseExpiredLeases(m: EntityManager, goneHolders: number[] = []): Promise<ReleasedLease[]> {
  const lost = `status = 'in_flight' AND (lease_until < now() OR claimed_by = ANY($1::int[]))`;
  const candidates: { golden_id: string }[] = await m.query(`SELECT DISTINCT golden_id FROM outbox WHERE ${lost}`, [goneHolders]);
  if (candidates.length === 0) return [];
  // Golden locks first, as the pipeline takes them: no row for these records is enqueued meanwhile.
  await lockGolden(m, candidates.map((c) => c.golden_id));
  const expired: { id: string; system: string; entity_type: string; golden_id: string; window_at: Date | null; expired: boolean }[] = await m.query(
    `SELECT id::text AS id, system, entity_type, golden_id, window_at, lease_until < now() AS expired FROM outbox
      WHERE ${lost}
      ORDER BY id FOR UPDATE SKIP LOCKED`,
    [goneHolders],
  );
  if (expired.length === 0) return [];
  const ids = expired.map((e) => e.id);
  const codes = expired.map((e): ReleaseCode => (e.expired ? 'LEASE_EXPIRED' : 'CLAIM_ORPHANED'));
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
            unacked = true, lease_until = NULL, claimed_by = NULL, next_attempt_at = now(), updated_at = now(), window_at = NULL,
            last_error = CASE WHEN u.code = 'LEASE_EXPIRED' THEN $3 ELSE $4 END, last_code = u.code
       FROM unnest($1::bigint[], $2::text[]) AS u(id, code)
      WHERE e.id = u.id`,
    [ids, codes, LEASE_EXPIRED_MESSAGE, CLAIM_ORPHANED_MESSAGE],
  );
  return expired.map((e, i) => ({ id: e.id, system: e.system, entityType: e.entity_type, goldenId: e.golden_id, windowAt: e.window_at, code: codes[i] }));
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

/** `holder`: the claiming process's liveness key (see ProcessLiveness); without one the claim relies on its lease. */
export async function markInFlight(m: EntityManager, rows: ClaimedDelivery[], leaseMs: number, holder?: number): Promise<void> {
  if (rows.length === 0) return;
  await m.query(
    `UPDATE outbox o SET status = 'in_flight', attempts = u.attempts, idempotency_key = u.key, claimed_by = $5::int,
            lease_until = now() + $4::int * interval '1 millisecond', updated_at = now()
       FROM unnest($1::bigint[], $2::int[], $3::text[]) AS u(id, attempts, key)
      WHERE o.id = u.id`,
    [rows.map((r) => r.id), rows.map((r) => r.attempts), rows.map((r) => r.idempotencyKey), leaseMs, holder ?? null],
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
