import type { EntityManager } from 'typeorm';
import { NOT_AN_OUTAGE } from './domain/system-recovery';
import type { CanonicalRecord } from '../catalog/catalog.types';
import type { RowOutcome } from './domain/delivery-outcome';

/** Writes what a claim batch's attempts did: outbox rows, cross-references, the systems' source records. */

/**
 * Row locks on golden records, in id order like the pipeline. The pipeline holds them while it writes source
 * records and enqueues outbox rows, so holding them serialises delivery bookkeeping with those writes: no
 * confirmed delivery overwritten by a batch that read the state before it, no outbox row enqueued between a
 * check and a write here.
 */
export async function lockGolden(m: EntityManager, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await m.query(`SELECT id FROM golden_record WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [[...new Set(ids)]]);
}

export interface NewXref {
  system: string;
  entityType: string;
  externalId: string;
  goldenId: string;
}

/** Links records the hub created or adopted; returns the ones owned by another golden record (not linked). */
export async function linkCreated(m: EntityManager, xrefs: NewXref[]): Promise<NewXref[]> {
  if (xrefs.length === 0) return [];
  const params = [xrefs.map((x) => x.system), xrefs.map((x) => x.entityType), xrefs.map((x) => x.externalId), xrefs.map((x) => x.goldenId)];
  await m.query(
    `INSERT INTO xref (system, entity_type, external_id, golden_id)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[]) ON CONFLICT DO NOTHING`,
    params,
  );
  const owners: { system: string; entity_type: string; external_id: string; golden_id: string }[] = await m.query(
    `SELECT x.system, x.entity_type, x.external_id, x.golden_id
       FROM unnest($1::text[], $2::text[], $3::text[]) AS k(system, entity_type, external_id)
       JOIN xref x USING (system, entity_type, external_id)`,
    params.slice(0, 3),
  );
  const owner = new Map(owners.map((o) => [`${o.system}\u0000${o.entity_type}\u0000${o.external_id}`, o.golden_id]));
  return xrefs.filter((x) => owner.get(`${x.system}\u0000${x.entityType}\u0000${x.externalId}`) !== x.goldenId);
}

export interface SourceRef {
  system: string;
  entityType: string;
  externalId: string;
}

export interface StoredSource extends SourceRef {
  data: CanonicalRecord;
  synced: CanonicalRecord;
  sourceUpdatedAt: string | null;
  deleted: boolean;
}

export async function loadSources(m: EntityManager, refs: SourceRef[]): Promise<Map<string, StoredSource>> {
  const found = new Map<string, StoredSource>();
  if (refs.length === 0) return found;
  const rows: { system: string; entity_type: string; external_id: string; data: CanonicalRecord; synced: CanonicalRecord; source_updated_at: Date | null; deleted: boolean }[] =
    await m.query(
      `SELECT s.system, s.entity_type, s.external_id, s.data, s.synced, s.source_updated_at, s.deleted
         FROM unnest($1::text[], $2::text[], $3::text[]) AS k(system, entity_type, external_id)
         JOIN source_record s USING (system, entity_type, external_id)`,
      [refs.map((r) => r.system), refs.map((r) => r.entityType), refs.map((r) => r.externalId)],
    );
  for (const r of rows) {
    found.set(sourceKey(r.system, r.entity_type, r.external_id), {
      system: r.system, entityType: r.entity_type, externalId: r.external_id, data: r.data, synced: r.synced,
      sourceUpdatedAt: r.source_updated_at?.toISOString() ?? null, deleted: r.deleted,
    });
  }
  return found;
}

export function sourceKey(system: string, entityType: string, externalId: string): string {
  return `${system}\u0000${entityType}\u0000${externalId}`;
}

export interface DeliveredSource extends SourceRef {
  goldenId: string;
  data: CanonicalRecord;
  synced: CanonicalRecord;
  sourceUpdatedAt: string;
}

/** The system now holds what was written: its source record (three-way merge base) moves there. */
export async function writeDeliveredSources(m: EntityManager, rows: DeliveredSource[]): Promise<void> {
  if (rows.length === 0) return;
  const j = (v: unknown) => JSON.stringify(v);
  await m.query(
    `INSERT INTO source_record (system, entity_type, external_id, golden_id, data, synced, source_updated_at, deleted)
     SELECT u.system, u.entity_type, u.external_id, u.golden_id, u.data, u.synced, u.at, false
       FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::jsonb[], $6::jsonb[], $7::timestamptz[])
            AS u(system, entity_type, external_id, golden_id, data, synced, at)
     ON CONFLICT (system, entity_type, external_id) DO UPDATE
        SET golden_id = EXCLUDED.golden_id, data = EXCLUDED.data, synced = EXCLUDED.synced,
            source_updated_at = EXCLUDED.source_updated_at, deleted = false, updated_at = now()`,
    [
      rows.map((r) => r.system), rows.map((r) => r.entityType), rows.map((r) => r.externalId), rows.map((r) => r.goldenId),
      rows.map((r) => j(r.data)), rows.map((r) => j(r.synced)), rows.map((r) => r.sourceUpdatedAt),
    ],
  );
}

/** The hub deleted these records in their systems (or found them gone): the systems no longer hold them. */
export async function markSourcesDeleted(m: EntityManager, refs: SourceRef[]): Promise<void> {
  if (refs.length === 0) return;
  await m.query(
    `UPDATE source_record s SET deleted = true, updated_at = now()
       FROM unnest($1::text[], $2::text[], $3::text[]) AS k(system, entity_type, external_id)
      WHERE s.system = k.system AND s.entity_type = k.entity_type AND s.external_id = k.external_id AND NOT s.deleted`,
    [refs.map((r) => r.system), refs.map((r) => r.entityType), refs.map((r) => r.externalId)],
  );
}

/**
 * A failed row going back to pending while a newer row already waits for the same record: the newer row has the
 * latest state, so the failed one is superseded and hands on its backoff and its "maybe applied" mark.
 * Returns the ids of the rows superseded this way.
 */
export async function foldRetriesIntoWaiting(m: EntityManager, retries: { id: string; delayMs: number; unacked: boolean }[]): Promise<Set<string>> {
  if (retries.length === 0) return new Set();
  const rows: { id: string }[] = await m.query(
    `WITH r AS (
       SELECT o.id, o.system, o.golden_id, u.delay_ms, u.unacked
         FROM unnest($1::bigint[], $2::int[], $3::bool[]) AS u(id, delay_ms, unacked) JOIN outbox o ON o.id = u.id),
     folded AS (
       UPDATE outbox w SET unacked = w.unacked OR r.unacked,
              next_attempt_at = greatest(w.next_attempt_at, now() + r.delay_ms * interval '1 millisecond'), updated_at = now()
         FROM r WHERE w.system = r.system AND w.golden_id = r.golden_id AND w.status IN ('pending', 'paused')
       RETURNING r.id)
     SELECT id::text AS id FROM folded`,
    [retries.map((r) => r.id), retries.map((r) => r.delayMs), retries.map((r) => r.unacked)],
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * Writes each attempt's outcome, if the row is still the claim that made it (a row whose lease expired meanwhile
 * was released or claimed again). Returns the ids written. The row leaves its batch window: its first answer
 * there is in, later retries are not part of any window.
 */
export async function finishRows(m: EntityManager, outcomes: RowOutcome[], superseded: Set<string>): Promise<Set<string>> {
  if (outcomes.length === 0) return new Set();
  const o = outcomes;
  const j = (v: unknown) => (v === null ? null : JSON.stringify(v));
  // In a CTE: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
  const written: { id: string }[] = await m.query(
    `WITH written AS (
     UPDATE outbox o
        SET status = u.status, lease_until = NULL, updated_at = now(),
            next_attempt_at = CASE WHEN u.delay_ms IS NULL THEN o.next_attempt_at ELSE now() + u.delay_ms * interval '1 millisecond' END,
            last_error = u.last_error, last_code = u.last_code, last_status = u.last_status, unacked = u.unacked,
            -- the system refused the write on its precondition, so nothing was applied: the next attempt is a new request
            key_seq = o.key_seq + CASE WHEN u.last_code = 'SYSTEM_CHANGED' THEN 1 ELSE 0 END,
            external_id = COALESCE(u.external_id, o.external_id),
            payload = COALESCE(u.payload, o.payload),
            delivered_at = CASE WHEN u.status = 'delivered' THEN now() ELSE o.delivered_at END, window_at = NULL
       FROM unnest($1::bigint[], $2::int[], $3::text[], $4::int[], $5::text[], $6::text[], $7::int[], $8::bool[], $9::text[], $10::jsonb[])
            AS u(id, attempts, status, delay_ms, last_error, last_code, last_status, unacked, external_id, payload)
      WHERE o.id = u.id AND o.status = 'in_flight' AND o.attempts = u.attempts
      RETURNING o.id::text AS id)
     SELECT id FROM written`,
    [
      o.map((x) => x.id), o.map((x) => x.attempts), o.map((x) => (superseded.has(x.id) ? 'superseded' : x.status)),
      o.map((x) => x.delayMs), o.map((x) => x.lastError), o.map((x) => x.lastCode), o.map((x) => x.lastStatus),
      o.map((x) => x.unacked), o.map((x) => x.externalId), o.map((x) => j(x.sentPayload)),
    ],
  );
  return new Set(written.map((r) => r.id));
}

/**
 * A system answers again after an outage: its deliveries waiting out backoffs from outage failures (no answer,
 * 5xx, 408; see isOutage) are made due now. Rows in a batch window keep their window; rows the system answered
 * itself (4xx, 429, 412) and the hub's own waits keep their delay. Returns how many were brought forward.
 */
export async function bringForwardAfterOutage(m: EntityManager, systems: string[]): Promise<number> {
  if (systems.length === 0) return 0;
  const rows: { id: string }[] = await m.query(
    `WITH due AS (
       UPDATE outbox SET next_attempt_at = now(), updated_at = now()
        WHERE status = 'pending' AND system = ANY($1::text[]) AND window_at IS NULL AND next_attempt_at > now() AND attempts > 0
          AND last_code IS NOT NULL AND last_code <> ALL($2::text[]) AND (last_status IS NULL OR last_status >= 500 OR last_status = 408)
       RETURNING id)
     SELECT id::text FROM due`,
    [systems, [...NOT_AN_OUTAGE]],
  );
  return rows.length;
}

/**
 * Deliveries refused on their precondition wait for the pipeline to merge the record they read back (with a long
 * fallback delay, REFRESH_WAIT_MS); once a state of the system's record has been merged, they are due at once.
 */
export async function wakeRefusedDeliveries(m: EntityManager, keys: { system: string; goldenId: string }[]): Promise<void> {
  if (keys.length === 0) return;
  await m.query(
    `UPDATE outbox o SET next_attempt_at = now()
       FROM unnest($1::text[], $2::uuid[]) AS k(system, golden_id)
      WHERE o.system = k.system AND o.golden_id = k.golden_id AND o.status = 'pending' AND o.last_code = 'SYSTEM_CHANGED'
        AND o.next_attempt_at > now()`,
    [keys.map((k) => k.system), keys.map((k) => k.goldenId)],
  );
}
