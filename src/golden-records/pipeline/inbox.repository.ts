import type { EntityManager } from 'typeorm';
import type { EventOutcome, InboxEvent } from './pipeline.types';

/**
 * Claims a batch of pending inbox events for one transaction.
 *
 * Order per source record: a worker takes the oldest pending rows it can lock (SKIP LOCKED), then drops
 * every event whose record still has an OLDER pending event it did not get — that one is in another
 * worker's open transaction, and applying ours first would reorder the record's history. The dropped
 * rows stay pending and are retaken after the other worker commits.
 */
export async function claimInboxBatch(m: EntityManager, limit: number): Promise<InboxEvent[]> {
  const rows: RawInboxRow[] = await m.query(
    `SELECT id, system, event_id, event_type, entity_type, action, external_id, payload, origin,
            source_timestamp, received_at
       FROM inbox_event WHERE status = 'pending'
      ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [limit],
  );
  if (rows.length === 0) return [];
  const firstByRecord = new Map<string, RawInboxRow>();
  for (const r of rows) {
    const k = recordKey(r.system, r.entity_type, r.external_id);
    if (!firstByRecord.has(k)) firstByRecord.set(k, r);
  }
  const firsts = [...firstByRecord.values()];
  const blocked: { system: string; entity_type: string; external_id: string }[] = await m.query(
    `SELECT DISTINCT p.system, p.entity_type, p.external_id
       FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) AS k(system, entity_type, external_id, first_id)
       JOIN inbox_event p ON p.status = 'pending' AND p.system = k.system AND p.entity_type = k.entity_type
                         AND p.external_id = k.external_id AND p.id < k.first_id`,
    [firsts.map((r) => r.system), firsts.map((r) => r.entity_type), firsts.map((r) => r.external_id), firsts.map((r) => r.id)],
  );
  const blockedKeys = new Set(blocked.map((b) => recordKey(b.system, b.entity_type, b.external_id)));
  return rows.filter((r) => !blockedKeys.has(recordKey(r.system, r.entity_type, r.external_id))).map(toEvent);
}

export async function recordOutcomes(m: EntityManager, outcomes: EventOutcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  await m.query(
    `UPDATE inbox_event e
        SET status = u.status, reason = u.reason, errors = u.errors, golden_id = u.golden_id,
            golden_version = u.golden_version, processed_at = clock_timestamp(), attempts = e.attempts + 1
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::jsonb[], $5::uuid[], $6::int[])
            AS u(id, status, reason, errors, golden_id, golden_version)
      WHERE e.id = u.id`,
    [
      outcomes.map((o) => o.id),
      outcomes.map((o) => o.status),
      outcomes.map((o) => o.reason ?? null),
      outcomes.map((o) => (o.errors ? JSON.stringify(o.errors) : null)),
      outcomes.map((o) => o.goldenId ?? null),
      outcomes.map((o) => o.goldenVersion ?? null),
    ],
  );
}

/** A poison event (one that makes its transaction fail) is retried alone, then parked as failed. */
export async function recordFailure(m: EntityManager, id: string, error: string, maxAttempts: number): Promise<void> {
  await m.query(
    `UPDATE inbox_event
        SET attempts = attempts + 1,
            status = CASE WHEN attempts + 1 >= $3 THEN 'failed' ELSE status END,
            reason = CASE WHEN attempts + 1 >= $3 THEN 'PROCESSING_FAILED' ELSE reason END,
            errors = jsonb_build_array(jsonb_build_object('code', 'PROCESSING_FAILED', 'message', $2::text)),
            processed_at = CASE WHEN attempts + 1 >= $3 THEN now() ELSE processed_at END
      WHERE id = $1 AND status = 'pending'`,
    [id, error, maxAttempts],
  );
}

export function recordKey(system: string, entityType: string, externalId: string): string {
  return `${system}\u0000${entityType}\u0000${externalId}`;
}

interface RawInboxRow {
  id: string;
  system: string;
  event_id: string;
  event_type: string;
  entity_type: string;
  action: 'upsert' | 'delete';
  external_id: string;
  payload: Record<string, unknown>;
  origin: string;
  source_timestamp: Date | null;
  received_at: Date;
}

function toEvent(r: RawInboxRow): InboxEvent {
  return {
    id: String(r.id),
    system: r.system,
    eventId: r.event_id,
    eventType: r.event_type,
    entityType: r.entity_type,
    action: r.action,
    externalId: r.external_id,
    payload: r.payload,
    origin: r.origin,
    sourceTimestamp: r.source_timestamp ? r.source_timestamp.toISOString() : null,
    receivedAt: r.received_at.toISOString(),
  };
}
