import { targetKey } from './target-key';

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
  /** the system's id of the record the version is of */
  externalId?: string;
}

/** Whether `next`, seen after `current`, replaces it: a later or equal time, or either time unknown. */
export function supersedes(next: RemoteVersion, current: RemoteVersion | undefined): boolean {
  return !current || next.externalId !== current.externalId || next.at === null || current.at === null || Date.parse(next.at) >= Date.parse(current.at);
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
