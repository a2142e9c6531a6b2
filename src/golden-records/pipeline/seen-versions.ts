import type { EntityManager } from 'typeorm';
import { recordVersion } from '../../adapters/adapter-record.util';
import { type ActiveConfig, bindingByEntityType } from '../../config/active-config';
import { writesConditionally } from '../../config/conditional-writes';
import { recordRemoteVersions, type RemoteVersion } from '../../delivery/remote-version.repository';
import type { EventOutcome, InboxEvent } from './pipeline.types';

/** Outcomes whose event the rules never looked at: its version is not one the golden record accounts for. */
const NOT_MERGED = new Set(['OLDER_THAN_SOURCE', 'STALE_AFTER_DELETE']);

/**
 * Conditional writes (docs/decision-conditional-writes.md): once the pipeline has merged a system's state of a
 * record, that state's version is what the hub's next write there may overwrite. Noted per event, written with
 * the batch, so the version and the outbox rows it goes with commit together.
 */
export class SeenVersions {
  private readonly seen: RemoteVersion[] = [];

  constructor(private readonly active: ActiveConfig) {}

  note(ev: InboxEvent, outcome: EventOutcome): void {
    if (ev.action !== 'upsert' || outcome.goldenId === undefined || outcome.status === 'rejected' || outcome.status === 'failed') return;
    if (outcome.reason !== undefined && NOT_MERGED.has(outcome.reason)) return;
    const binding = bindingByEntityType(this.active, ev.system, ev.entityType);
    if (!binding || !writesConditionally(binding.system)) return;
    const version = recordVersion(binding.mapping, ev.payload);
    if (version === undefined) return;
    this.seen.push({ system: ev.system, entityType: ev.entityType, goldenId: outcome.goldenId, version, at: ev.sourceTimestamp ?? ev.receivedAt });
  }

  async flush(m: EntityManager): Promise<void> {
    await recordRemoteVersions(m, this.seen);
  }
}
