import type { CanonicalRecord } from '../../catalog/catalog.types';
import type { SystemEntityBinding } from '../../config/active-config';
import { echoHash } from '../domain/echo-projection';
import { targetKey } from '../domain/target-key';
import type { LedgerEntry } from './delivery-ledger.repository';

/**
 * Loop prevention: a system reporting exactly what the hub last wrote there is an echo of the hub's own delivery
 * and stops in the pipeline (docs/decision-echo-history.md).
 *
 * The remembered write is forgotten once the system reports a real change of its own made after the write was
 * acknowledged, so a later edit back to that same state still counts as the user's change. A change made
 * before that (the user edited while the hub's write was on its way) does not forget it: the echo of the
 * hub's write, which overwrote the user's edit in the system, may still be coming, and must not be taken for
 * the user's newest state (that lost the edit everywhere and made two systems ping-pong).
 *
 * Plain logic over the ledger entries one batch read; what it decides to forget is written by the batch ledger.
 */
export class EchoMemory {
  private readonly forget = new Map<string, { system: string; goldenId: string }>();

  constructor(private readonly written: Map<string, LedgerEntry>) {}

  /** `changedAt`: when the system says the change was made (ISO 8601), else when it was received. */
  isEcho(binding: SystemEntityBinding, goldenId: string, record: CanonicalRecord, changedAt: string): boolean {
    const key = targetKey(binding.systemKey, goldenId);
    const written = this.written.get(key);
    if (!written || (!written.sent && !written.acked && written.recent.length === 0)) return false;
    const h = echoHash(binding, record);
    // Not only the last write: echoes of earlier ones may arrive after newer writes, seconds late.
    if (h === written.sent || h === written.acked || written.recent.includes(h)) return true;
    if (madeAfterLastWrite(written, changedAt)) this.forget.set(key, { system: binding.systemKey, goldenId });
    return false;
  }

  /**
   * After an echo: whether the system now holds stale values that nothing already on its way will replace. That
   * is when it echoes the hub's last write, acknowledged, no delivery to it is waiting or in flight, and golden
   * has moved on since (the user's own edit, which that write overwrote in the system, is the usual cause).
   */
  needsRewrite(binding: SystemEntityBinding, goldenId: string, record: CanonicalRecord, golden: CanonicalRecord): boolean {
    const written = this.written.get(targetKey(binding.systemKey, goldenId));
    if (!written || written.open || !written.acked || written.sent !== written.acked) return false;
    const h = echoHash(binding, record);
    return h === written.acked && h !== echoHash(binding, golden);
  }

  /** The system's version of the record the hub last processed or wrote, from the ledger as the batch read it. */
  remoteVersion(system: string, goldenId: string): { version: string; at: string | null; externalId: string | null } | undefined {
    const written = this.written.get(targetKey(system, goldenId));
    if (!written?.remoteVersion) return undefined;
    return { version: written.remoteVersion, at: written.remoteVersionAt?.toISOString() ?? null, externalId: written.remoteExternalId };
  }

  /** The (system, record) pairs whose remembered writes are to be forgotten. */
  forgotten(): { system: string; goldenId: string }[] {
    return [...this.forget.values()];
  }
}

/** Nothing in flight (the last write sent was acknowledged) and the change is younger than that acknowledgement. */
function madeAfterLastWrite(written: LedgerEntry, changedAt: string): boolean {
  if (!written.ackedAt) return false;
  if (written.sentAt && written.sentAt > written.ackedAt) return false;
  return Date.parse(changedAt) > written.ackedAt.getTime();
}
