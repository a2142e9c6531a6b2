import { recordVersion } from '../../adapters/adapter-record.util';
import { type ActiveConfig, bindingByEntityType, type SystemEntityBinding } from '../../config/active-config';
import { writesConditionally } from '../../config/conditional-writes';
import type { EventOutcome, InboxEvent } from '../../golden-records/pipeline/pipeline.types';
import { type RemoteVersion, supersedes } from '../domain/remote-version';
import { targetKey } from '../domain/target-key';

/** Outcomes whose event the rules never looked at: its version is not one the golden record accounts for. */
const NOT_MERGED = new Set(['OLDER_THAN_SOURCE', 'STALE_AFTER_DELETE', 'VERSION_ALREADY_SEEN']);

export type LedgerVersionLookup = (system: string, goldenId: string) => { version: string; at: string | null; externalId?: string | null } | undefined;

/**
 * Conditional writes (docs/decision-conditional-writes.md): once the pipeline has merged a system's state of a
 * record, that state's version is what the hub's next write there may overwrite. Noted per event, written with
 * the batch (BatchLedgerState.flush), so the version and the outbox rows it goes with commit together.
 */
export class SeenVersions {
  private readonly seen: RemoteVersion[] = [];
  private readonly latest = new Map<string, RemoteVersion>();
  private readonly decided = new Map<string, { system: string; goldenId: string }>();

  constructor(
    private readonly active: ActiveConfig,
    private readonly ledger: LedgerVersionLookup,
  ) {}

  /**
   * A state of a conditionally written system that the hub has already merged or overwritten knowingly: the same
   * version (the webhook of a change a refused write already read back), or one older than it (states are whole
   * records, so the newer one carried it). Applying it again would take it for a new change back to old values.
   */
  alreadySeen(ev: InboxEvent, binding: SystemEntityBinding, goldenId: string): boolean {
    if (!writesConditionally(binding.system)) return false;
    const version = recordVersion(binding.mapping, ev.payload);
    const seen = this.latest.get(targetKey(ev.system, goldenId)) ?? this.ledger(ev.system, goldenId);
    if (version === undefined || !seen) return false;
    // The version of another of the system's records (two after a merge) says nothing about this one.
    if (seen.externalId != null && seen.externalId !== ev.externalId) return false;
    if (version === seen.version) return true;
    return seen.at !== null && Date.parse(eventTime(ev)) < Date.parse(seen.at);
  }

  note(ev: InboxEvent, outcome: EventOutcome): void {
    if (ev.action !== 'upsert' || outcome.goldenId === undefined || outcome.status === 'rejected' || outcome.status === 'failed') return;
    const binding = bindingByEntityType(this.active, ev.system, ev.entityType);
    if (!binding || !writesConditionally(binding.system)) return;
    // A refused write waits for its read-back to be decided, merged or found already seen alike.
    this.decided.set(targetKey(ev.system, outcome.goldenId), { system: ev.system, goldenId: outcome.goldenId });
    if (outcome.reason !== undefined && NOT_MERGED.has(outcome.reason)) return;
    const version = recordVersion(binding.mapping, ev.payload);
    if (version === undefined) return;
    const seen = { system: ev.system, entityType: ev.entityType, goldenId: outcome.goldenId, version, at: eventTime(ev), externalId: ev.externalId };
    this.seen.push(seen);
    const key = targetKey(seen.system, seen.goldenId);
    if (supersedes(seen, this.latest.get(key))) this.latest.set(key, seen);
  }

  /** The records whose refused deliveries may go again: a state of the system's record was decided. */
  decidedRecords(): { system: string; goldenId: string }[] {
    return [...this.decided.values()];
  }

  /** Every version merged, for the ledger (it keeps the latest per record). */
  merged(): RemoteVersion[] {
    return this.seen;
  }
}

function eventTime(ev: InboxEvent): string {
  return ev.sourceTimestamp ?? ev.receivedAt;
}
