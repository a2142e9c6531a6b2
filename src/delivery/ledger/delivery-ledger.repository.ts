import type { EntityManager } from 'typeorm';
import { latestPerRecord, type RemoteVersion } from '../domain/remote-version';
import { targetKey } from '../domain/target-key';
import { heldRecordQuery } from '../held-record.query';

/**
 * Every statement on `delivery_ledger`, one row per (system, golden record): what the hub sent and what the system
 * acknowledged (with the echo hashes the pipeline recognises echoes by), the system's record version (conditional
 * writes), and the circuit breaker's window. Lock order: a transaction that locks outbox rows takes them before
 * ledger rows (the delivery claim does; the pipeline flushes its ledger writes after enqueueing).
 */

/** Writes whose echoes are still recognised after newer writes (a system's webhooks can lag seconds behind). */
const ECHO_HISTORY = 8;

export interface LedgerKey {
  system: string;
  goldenId: string;
}

export interface BreakerRow {
  windowStart: Date | null;
  writesInWindow: number;
  pausedAt: Date | null;
  /** the system's version of the record the hub last processed or wrote (conditional writes) */
  remoteVersion: string | null;
  /** which of the system's records that version is of (null: recorded before this was kept) */
  remoteExternalId: string | null;
}

/** Locks the ledger rows of the records a worker is about to write (in key order: no deadlock between workers). */
export async function lockBreakers(m: EntityManager, keys: LedgerKey[]): Promise<Map<string, BreakerRow>> {
  const found = new Map<string, BreakerRow>();
  if (keys.length === 0) return found;
  const rows: {
    system: string; golden_id: string; writes_window_start: Date | null; writes_in_window: number; paused_at: Date | null; remote_version: string | null;
    remote_external_id: string | null;
  }[] = await m.query(
      `SELECT l.system, l.golden_id, l.writes_window_start, l.writes_in_window, l.paused_at, l.remote_version, l.remote_external_id
         FROM delivery_ledger l JOIN unnest($1::text[], $2::uuid[]) AS k(system, golden_id)
           ON l.system = k.system AND l.golden_id = k.golden_id
        ORDER BY l.system, l.golden_id FOR UPDATE OF l`,
      [keys.map((k) => k.system), keys.map((k) => k.goldenId)],
    );
  for (const r of rows) {
    found.set(targetKey(r.system, r.golden_id), {
      windowStart: r.writes_window_start, writesInWindow: r.writes_in_window, pausedAt: r.paused_at, remoteVersion: r.remote_version,
      remoteExternalId: r.remote_external_id,
    });
  }
  return found;
}

export interface SentEntry {
  system: string;
  entityType: string;
  goldenId: string;
  outboxId: string;
  attempts: number;
  /** null when the record is paused instead of sent */
  payloadHash: string | null;
  echoHash: string | null;
  windowStart: Date | null;
  writesInWindow: number;
  pausedAt: Date | null;
}

/**
 * Recorded when a delivery is claimed, before the system is called: the system may answer with an echo webhook
 * before the worker records the answer, and the echo guard must already know what was sent.
 */
export async function recordSent(m: EntityManager, entries: SentEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const e = entries;
  await m.query(
    `INSERT INTO delivery_ledger AS l (system, entity_type, golden_id, last_outbox_id, attempts, last_sent_hash, last_sent_at,
                                       echo_sent_hash, echo_recent, writes_window_start, writes_in_window, paused_at)
     SELECT u.system, u.entity_type, u.golden_id, u.outbox_id, u.attempts, u.sent_hash,
            CASE WHEN u.sent_hash IS NULL THEN NULL ELSE now() END, u.echo_hash,
            CASE WHEN u.sent_hash IS NULL OR u.echo_hash IS NULL THEN '{}'::text[] ELSE ARRAY[u.echo_hash] END,
            u.window_start, u.writes, u.paused_at
       FROM unnest($1::text[], $2::text[], $3::uuid[], $4::bigint[], $5::int[], $6::text[], $7::text[], $8::timestamptz[], $9::int[], $10::timestamptz[])
            AS u(system, entity_type, golden_id, outbox_id, attempts, sent_hash, echo_hash, window_start, writes, paused_at)
     ON CONFLICT (system, golden_id) DO UPDATE
        SET entity_type = EXCLUDED.entity_type, last_outbox_id = EXCLUDED.last_outbox_id, attempts = EXCLUDED.attempts,
            last_sent_hash = COALESCE(EXCLUDED.last_sent_hash, l.last_sent_hash),
            last_sent_at = COALESCE(EXCLUDED.last_sent_at, l.last_sent_at),
            echo_sent_hash = CASE WHEN EXCLUDED.last_sent_hash IS NULL THEN l.echo_sent_hash ELSE EXCLUDED.echo_sent_hash END,
            -- the last ${ECHO_HISTORY} writes' echo hashes, oldest first
            echo_recent = CASE WHEN EXCLUDED.last_sent_hash IS NULL OR EXCLUDED.echo_sent_hash IS NULL THEN l.echo_recent
                               ELSE (l.echo_recent || EXCLUDED.echo_sent_hash)[greatest(cardinality(l.echo_recent) + 2 - ${ECHO_HISTORY}, 1):] END,
            writes_window_start = EXCLUDED.writes_window_start, writes_in_window = EXCLUDED.writes_in_window,
            paused_at = EXCLUDED.paused_at, updated_at = now()`,
    [
      e.map((x) => x.system), e.map((x) => x.entityType), e.map((x) => x.goldenId), e.map((x) => x.outboxId), e.map((x) => x.attempts),
      e.map((x) => x.payloadHash), e.map((x) => x.echoHash), e.map((x) => x.windowStart?.toISOString() ?? null),
      e.map((x) => x.writesInWindow), e.map((x) => x.pausedAt?.toISOString() ?? null),
    ],
  );
}

export interface AnswerEntry {
  system: string;
  entityType: string;
  goldenId: string;
  ok: boolean;
  attempts: number;
  /** the system's id after this delivery; null after a delete */
  externalId: string | null;
  /** acknowledged hashes (success only): null after a delete, the system then holds nothing */
  payloadHash: string | null;
  echoHash: string | null;
  hubOnlyHash: string | null;
  error: string | null;
}

export async function recordAnswers(m: EntityManager, entries: AnswerEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const e = entries;
  await m.query(
    `INSERT INTO delivery_ledger AS l (system, entity_type, golden_id, attempts, external_id, last_acked_hash, last_acked_at,
                                       echo_acked_hash, hub_only_hash, last_error)
     SELECT u.system, u.entity_type, u.golden_id, u.attempts, u.external_id, u.acked_hash, CASE WHEN u.ok THEN now() END,
            u.echo_hash, u.hub_only_hash, u.error
       FROM unnest($1::text[], $2::text[], $3::uuid[], $4::bool[], $5::int[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
            AS u(system, entity_type, golden_id, ok, attempts, external_id, acked_hash, echo_hash, hub_only_hash, error)
     ON CONFLICT (system, golden_id) DO UPDATE
        SET attempts = EXCLUDED.attempts, last_error = EXCLUDED.last_error, updated_at = now(),
            external_id = CASE WHEN EXCLUDED.last_acked_at IS NULL THEN l.external_id ELSE EXCLUDED.external_id END,
            last_acked_hash = CASE WHEN EXCLUDED.last_acked_at IS NULL THEN l.last_acked_hash ELSE EXCLUDED.last_acked_hash END,
            last_acked_at = COALESCE(EXCLUDED.last_acked_at, l.last_acked_at),
            echo_acked_hash = CASE WHEN EXCLUDED.last_acked_at IS NULL THEN l.echo_acked_hash ELSE EXCLUDED.echo_acked_hash END,
            hub_only_hash = CASE WHEN EXCLUDED.last_acked_at IS NULL THEN l.hub_only_hash ELSE EXCLUDED.hub_only_hash END`,
    [
      e.map((x) => x.system), e.map((x) => x.entityType), e.map((x) => x.goldenId), e.map((x) => x.ok), e.map((x) => x.attempts),
      e.map((x) => x.externalId), e.map((x) => x.payloadHash), e.map((x) => x.echoHash), e.map((x) => x.hubOnlyHash), e.map((x) => x.error),
    ],
  );
}

export interface LedgerEntry {
  /** echoHash of the last delivery claimed for sending (it may be in flight) */
  sent: string | null;
  /** echoHash of the last delivery the system acknowledged */
  acked: string | null;
  /** when the last write was claimed for sending, and when the last one was acknowledged (hub clock) */
  sentAt: Date | null;
  ackedAt: Date | null;
  /** a delivery to the system is waiting or in flight: a newer state is already on its way there */
  open: boolean;
  /** echo hashes of the last few writes sent, oldest first */
  recent: string[];
  /** conditional writes: the system's version of the record the hub last processed or wrote, and its time */
  remoteVersion: string | null;
  remoteVersionAt: Date | null;
  remoteExternalId: string | null;
}

/**
 * For a pipeline batch: per (system, golden id), the echo hashes of what the hub last sent there (an incoming
 * change whose echoHash(binding, mappedRecord) equals one is the system repeating the hub's write), whether a
 * delivery is open, and the system's record version. Keys are targetKey(system, goldenId).
 */
export async function loadLedgerEntries(m: EntityManager, keys: LedgerKey[]): Promise<Map<string, LedgerEntry>> {
  const found = new Map<string, LedgerEntry>();
  if (keys.length === 0) return found;
  const rows: {
    system: string; golden_id: string; echo_sent_hash: string | null; echo_acked_hash: string | null; last_sent_at: Date | null; last_acked_at: Date | null;
    open: boolean; echo_recent: string[]; remote_version: string | null; remote_version_at: Date | null;
    remote_external_id: string | null;
  }[] = await m.query(
    // LATERAL … LIMIT 1: one index probe per key whatever the statistics say (see golden-state.repository).
    `SELECT k.system, k.golden_id, l.echo_sent_hash, l.echo_acked_hash, l.last_sent_at, l.last_acked_at, l.echo_recent, l.remote_version, l.remote_version_at, l.remote_external_id,
            EXISTS (SELECT 1 FROM outbox o WHERE o.system = k.system AND o.golden_id = k.golden_id
                       AND o.status IN ('pending', 'paused', 'in_flight')) AS open
       FROM unnest($1::text[], $2::uuid[]) AS k(system, golden_id)
       CROSS JOIN LATERAL (SELECT echo_sent_hash, echo_acked_hash, last_sent_at, last_acked_at, echo_recent, remote_version, remote_version_at, remote_external_id FROM delivery_ledger
                            WHERE system = k.system AND golden_id = k.golden_id LIMIT 1) l`,
    [keys.map((k) => k.system), keys.map((k) => k.goldenId)],
  );
  for (const r of rows) {
    found.set(targetKey(r.system, r.golden_id), {
      sent: r.echo_sent_hash, acked: r.echo_acked_hash, sentAt: r.last_sent_at, ackedAt: r.last_acked_at, open: r.open, recent: r.echo_recent,
      remoteVersion: r.remote_version, remoteVersionAt: r.remote_version_at, remoteExternalId: r.remote_external_id,
    });
  }
  return found;
}

/**
 * Forgets what the hub last wrote to these systems once each has reported a real change of its own made after
 * that write was acknowledged: from then on, a state equal to the hub's old write is the user's edit back to
 * it, not an echo, and must apply.
 */
export async function clearEchoHashes(m: EntityManager, keys: LedgerKey[]): Promise<void> {
  if (keys.length === 0) return;
  await m.query(
    `UPDATE delivery_ledger l SET echo_sent_hash = NULL, echo_acked_hash = NULL, echo_recent = '{}'
       FROM unnest($1::text[], $2::uuid[]) AS k(system, golden_id)
      WHERE l.system = k.system AND l.golden_id = k.golden_id
        AND (l.echo_sent_hash IS NOT NULL OR l.echo_acked_hash IS NOT NULL OR cardinality(l.echo_recent) > 0)`,
    [keys.map((k) => k.system), keys.map((k) => k.goldenId)],
  );
}

// Only the version of the record the hub writes to (the golden record's main record in the system, as the
// delivery picks it): after a merge a system may hold two, and one's version is no precondition for the other.
// Built once: the text is the prepared statement's key.
const RECORD_REMOTE_VERSIONS = `INSERT INTO delivery_ledger AS l (system, entity_type, golden_id, remote_version, remote_version_at, remote_external_id)
     SELECT u.* FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::timestamptz[], $6::text[])
                 AS u(system, entity_type, golden_id, version, at, external_id)
      WHERE u.external_id IS NULL OR u.external_id = COALESCE((SELECT h.external_id FROM (${heldRecordQuery('u')}) h), u.external_id)
     ON CONFLICT (system, golden_id) DO UPDATE
        SET remote_version = EXCLUDED.remote_version, remote_version_at = EXCLUDED.remote_version_at,
            remote_external_id = EXCLUDED.remote_external_id
      WHERE l.remote_external_id IS DISTINCT FROM EXCLUDED.remote_external_id
         OR l.remote_version_at IS NULL OR EXCLUDED.remote_version_at IS NULL OR EXCLUDED.remote_version_at >= l.remote_version_at`;

/**
 * Stores the versions unless the ledger already holds a later one: a webhook delivered late, or a poll that
 * re-reads an old page, must not move the version back (the next write would then fail its precondition).
 */
export async function recordRemoteVersions(m: EntityManager, versions: RemoteVersion[]): Promise<void> {
  const v = latestPerRecord(versions);
  if (v.length === 0) return;
  await m.query(
    RECORD_REMOTE_VERSIONS,
    [v.map((x) => x.system), v.map((x) => x.entityType), v.map((x) => x.goldenId), v.map((x) => x.version), v.map((x) => x.at), v.map((x) => x.externalId ?? null)],
  );
}
