import type { EntityManager } from 'typeorm';
import { jsonColumn } from '../database/json-column';
import { NOT_AN_OUTAGE } from './domain/system-recovery';
import type { RowOutcome } from './domain/delivery-outcome';

/** Outbox updates after delivery attempts: outcomes, retries folded into waiting rows, rows brought forward. */

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
  // In a CTE: TypeORM answers a bare UPDATE … RETURNING with [rows, count]. The sent payloads are sent whole
  // (database/json-column.ts); a row without one (not delivered) keeps its payload.
  const written: { id: string }[] = await m.query(
    `WITH written AS (
     UPDATE outbox o
        SET status = u.status, lease_until = NULL, updated_at = now(),
            next_attempt_at = CASE WHEN u.delay_ms IS NULL THEN o.next_attempt_at ELSE now() + u.delay_ms * interval '1 millisecond' END,
            last_error = u.last_error, last_code = u.last_code, last_status = u.last_status, unacked = u.unacked,
            -- the system refused the write on its precondition, so nothing was applied: the next attempt is a new request
            key_seq = o.key_seq + CASE WHEN u.last_code = 'SYSTEM_CHANGED' THEN 1 ELSE 0 END,
            external_id = COALESCE(u.external_id, o.external_id),
            payload = COALESCE(NULLIF($10::jsonb -> (u.n::int - 1), 'null'), o.payload),
            delivered_at = CASE WHEN u.status = 'delivered' THEN now() ELSE o.delivered_at END, window_at = NULL
       FROM unnest($1::bigint[], $2::int[], $3::text[], $4::int[], $5::text[], $6::text[], $7::int[], $8::bool[], $9::text[])
            WITH ORDINALITY AS u(id, attempts, status, delay_ms, last_error, last_code, last_status, unacked, external_id, n)
      WHERE o.id = u.id AND o.status = 'in_flight' AND o.attempts = u.attempts
      RETURNING o.id::text AS id)
     SELECT id FROM written`,
    [
      o.map((x) => x.id), o.map((x) => x.attempts), o.map((x) => (superseded.has(x.id) ? 'superseded' : x.status)),
      o.map((x) => x.delayMs), o.map((x) => x.lastError), o.map((x) => x.lastCode), o.map((x) => x.lastStatus),
      o.map((x) => x.unacked), o.map((x) => x.externalId), jsonColumn(o.map((x) => x.sentPayload)),
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

/** Removes delivered and superseded rows older than the retention; dead letters and open rows stay. */
export async function purgeFinishedDeliveries(m: EntityManager, retentionDays: number): Promise<void> {
  await m.query(
    `DELETE FROM outbox WHERE status IN ('delivered', 'superseded') AND updated_at < now() - $1::int * interval '1 day'`,
    [retentionDays],
  );
}
