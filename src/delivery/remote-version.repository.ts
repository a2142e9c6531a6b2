import type { EntityManager } from 'typeorm';
import { targetKey } from './target-state.repository';

/**
 * The system's version of a record that the hub last processed (from its webhooks or polls) or wrote itself,
 * kept in the delivery ledger for conditional writes (docs/decision-conditional-writes.md).
 */
export interface RemoteVersion {
  system: string;
  entityType: string;
  goldenId: string;
  version: string;
  /** that version's time on the system's clock (its updated-at, or the event's timestamp); null when unknown */
  at: string | null;
}

/** Whether `next`, seen after `current`, replaces it: a later or equal time, or either time unknown. */
export function supersedes(next: RemoteVersion, current: RemoteVersion | undefined): boolean {
  return !current || next.at === null || current.at === null || Date.parse(next.at) >= Date.parse(current.at);
}

/** Several versions of one record in a batch: the one with the latest time wins, the later one on a tie. */
export function latestPerRecord(versions: RemoteVersion[]): RemoteVersion[] {
  const latest = new Map<string, RemoteVersion>();
  for (const v of versions) {
    const key = targetKey(v.system, v.goldenId);
    if (supersedes(v, latest.get(key))) latest.set(key, v);
  }
  return [...latest.values()];
}

/**
 * Stores the versions unless the ledger already holds a later one: a webhook delivered late, or a poll that
 * re-reads an old page, must not move the version back (the next write would then fail its precondition).
 */
export async function recordRemoteVersions(m: EntityManager, versions: RemoteVersion[]): Promise<void> {
  const v = latestPerRecord(versions);
  if (v.length === 0) return;
  await m.query(
    `INSERT INTO delivery_ledger AS l (system, entity_type, golden_id, remote_version, remote_version_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::timestamptz[])
     ON CONFLICT (system, golden_id) DO UPDATE
        SET remote_version = EXCLUDED.remote_version, remote_version_at = EXCLUDED.remote_version_at
      WHERE l.remote_version_at IS NULL OR EXCLUDED.remote_version_at IS NULL OR EXCLUDED.remote_version_at >= l.remote_version_at`,
    [v.map((x) => x.system), v.map((x) => x.entityType), v.map((x) => x.goldenId), v.map((x) => x.version), v.map((x) => x.at)],
  );
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
