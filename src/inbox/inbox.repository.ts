import type { EntityManager } from 'typeorm';
import { jsonColumnOfTexts } from '../database/json-column';
import { recordKey } from '../common/record-key';
import { INBOX_CHANNEL, type InboxBudget, type InboxEvent, type InboxEventDraft, type InboxOrigin, type InboxOutcome } from './inbox.types';

/** Every statement on `inbox_event`. Each takes the caller's EntityManager: a transaction's, or the pool's (autocommit). */

/*
 * One statement for any number of events, from one writer or several grouped ones: parallel arrays unnested
 * in order, so the bigserial ids follow the senders' order (the worker keeps per-record order by id).
 * Idempotency is the (system, event_id) unique key; a replay, also one repeated inside the same statement,
 * is skipped by ON CONFLICT DO NOTHING. The notify runs in the same statement, so the worker is woken exactly
 * when rows become visible (autocommit, or the caller's commit), and only when there are new rows. With
 * `attribute`, the new rows come back as (ordinal, id) pairs so every grouped writer learns which of its own
 * events were stored.
 *
 * Rate limits ride along: each writer may carry a budget (`w`). The statement adds every writer's points to its
 * rate_limit row (rate-limiter-flexible's layout and window rule: an expired window starts again) and judges the
 * writers in arrival order, as one-by-one consumes would: a writer passes when the count up to and including its
 * own points stays within the limit. A refused writer's events are not inserted; its points still count, as the
 * library counts them. Keys are upserted in key order so two statements lock the rows in the same order. The row
 * lock lasts until the statement commits, which is what makes the count exact across replicas.
 */
const INSERT_SQL = `
  WITH w AS (
    SELECT * FROM unnest($12::text[], $13::int[], $14::int[], $15::bigint[]) WITH ORDINALITY AS w(key, points, lim, window_ms, idx)
  ), rl AS (
    INSERT INTO rate_limit AS r (key, points, expire)
    SELECT key, sum(points)::int, $16::bigint + max(window_ms) FROM w WHERE key IS NOT NULL GROUP BY key ORDER BY key
    ON CONFLICT (key) DO UPDATE SET
      points = CASE WHEN r.expire <= $16 THEN EXCLUDED.points ELSE r.points + EXCLUDED.points END,
      expire = CASE WHEN r.expire <= $16 THEN EXCLUDED.expire ELSE r.expire END
    RETURNING key, points, expire
  ), judged AS (
    SELECT w.idx, rl.expire,
           w.key IS NULL OR rl.points - sum(w.points) OVER (PARTITION BY w.key) + sum(w.points) OVER (PARTITION BY w.key ORDER BY w.idx) <= w.lim AS ok
    FROM w LEFT JOIN rl ON rl.key = w.key
  ), ins AS (
    INSERT INTO inbox_event (system, origin, event_id, event_type, entity_type, action, external_id, payload, source_timestamp, correlation_id)
    SELECT u.system, u.origin, u.event_id, u.event_type, u.entity_type, u.action, u.external_id, $8::jsonb -> (u.ord::int - 1), u.source_timestamp,
           u.correlation_id
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $9::timestamptz[], $11::text[], $17::int[])
         WITH ORDINALITY AS u(system, origin, event_id, event_type, entity_type, action, external_id, source_timestamp, correlation_id, widx, ord)
    WHERE u.widx IN (SELECT idx FROM judged WHERE ok)
    ORDER BY u.ord
    ON CONFLICT (system, event_id) DO NOTHING
    RETURNING id, system, event_id
  ), agg AS (
    SELECT count(*)::int AS inserted, min(id)::text AS first_id,
           CASE WHEN $10 THEN array_agg(id::text ORDER BY id) END AS ids,
           CASE WHEN $10 THEN array_agg(system || ' ' || event_id ORDER BY id) END AS keys
    FROM ins
  )
  SELECT inserted, first_id, ids, keys, (SELECT pg_notify('${INBOX_CHANNEL}', '') WHERE inserted > 0) IS NOT NULL AS notified,
         (SELECT array_agg(idx::int ORDER BY idx) FROM judged WHERE NOT ok) AS refused,
         (SELECT array_agg(expire::text ORDER BY idx) FROM judged WHERE NOT ok) AS refused_until
    FROM agg`;

export interface InboxRow {
  system: string;
  origin: InboxOrigin;
  draft: InboxEventDraft;
  /** the request or work that brought the change in (common/correlation); null when there was none */
  correlationId: string | null;
}

/** One writer's rows with the budget they spend, if any. */
export interface InboxRowGroup {
  rows: InboxRow[];
  budget?: InboxBudget;
}

export interface InsertedEvents {
  inserted: number;
  firstId: string | null;
  /** with `attribute`: the new rows' ids and their `system event_id` keys, in id order */
  ids: string[];
  keys: string[];
  /** writers (by index) whose budget was spent, with when their window ends (epoch ms); none of their rows was stored */
  refused: Map<number, number>;
}

/** Stores new events, skipping replays (same system and event id) and the rows of writers over their budget. */
export async function insertInboxRows(m: EntityManager, groups: InboxRowGroup[], attribute = false): Promise<InsertedEvents> {
  const rows = groups.flatMap((g) => g.rows);
  const writerOf = groups.flatMap((g, i) => g.rows.map(() => i + 1));
  const [r] = await m.query<{
    inserted: number; first_id: string | null; ids: string[] | null; keys: string[] | null; refused: number[] | null; refused_until: string[] | null;
  }[]>(INSERT_SQL, [
    rows.map((x) => x.system), rows.map((x) => x.origin), rows.map((x) => x.draft.eventId), rows.map((x) => x.draft.eventType),
    rows.map((x) => x.draft.entityType), rows.map((x) => x.draft.action), rows.map((x) => x.draft.externalId),
    jsonColumnOfTexts(rows.map((x) => x.draft.payloadJson)), rows.map((x) => x.draft.sourceTimestamp), attribute, rows.map((x) => x.correlationId),
    groups.map((g) => g.budget?.key ?? null), groups.map((g) => g.budget?.points ?? null), groups.map((g) => g.budget?.limit ?? null),
    groups.map((g) => g.budget?.windowMs ?? null), Date.now(), writerOf,
  ]);
  const refused = new Map((r.refused ?? []).map((idx, i) => [idx - 1, Number(r.refused_until?.[i])]));
  return { inserted: r.inserted, firstId: r.first_id, ids: r.ids ?? [], keys: r.keys ?? [], refused };
}

/**
 * The insert inside a caller's transaction (the delivery worker storing a record it had to read back): the
 * events become visible, and the worker is woken, when that transaction commits. Returns the events stored.
 */
export async function insertInboxEvents(
  m: EntityManager, system: string, origin: InboxOrigin, drafts: InboxEventDraft[], correlationId: string | null = null,
): Promise<number> {
  if (drafts.length === 0) return 0;
  return (await insertInboxRows(m, [{ rows: drafts.map((draft) => ({ system, origin, draft, correlationId })) }])).inserted;
}

/** The event ids among `eventIds` that a system's events already hold (a pull counts only what it adds). */
export async function knownEventIds(m: EntityManager, system: string, eventIds: string[]): Promise<Set<string>> {
  if (eventIds.length === 0) return new Set();
  const rows: { event_id: string }[] = await m.query(
    `SELECT event_id FROM inbox_event WHERE system = $1 AND event_id = ANY($2::text[])`,
    [system, eventIds],
  );
  return new Set(rows.map((r) => r.event_id));
}

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
            source_timestamp, received_at, correlation_id
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

export async function recordOutcomes(m: EntityManager, outcomes: InboxOutcome[]): Promise<void> {
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

/** The oldest pending event ids: a failed batch is retried one event at a time. */
export async function pendingEventIds(m: EntityManager, limit: number): Promise<string[]> {
  const rows: { id: string }[] = await m.query(`SELECT id::text AS id FROM inbox_event WHERE status = 'pending' ORDER BY id LIMIT $1`, [limit]);
  return rows.map((r) => r.id);
}

/** Removes processed events older than the retention; pending ones stay whatever their age. */
export async function purgeProcessedEvents(m: EntityManager, retentionDays: number): Promise<void> {
  await m.query(
    `DELETE FROM inbox_event WHERE status <> 'pending' AND processed_at < now() - $1::int * interval '1 day'`,
    [retentionDays],
  );
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
  correlation_id: string | null;
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
    correlationId: r.correlation_id,
  };
}
