import type { EntityManager } from 'typeorm';
import type { CanonicalRecord } from '../../catalog/catalog.types';
import { recordKey } from '../../common/record-key';
import { withDelivered } from '../domain/source-state';
import { type DeliveredSource, loadSources, type SourceRef, writeDeliveredSources } from './system-records.repository';

/** A delivery's write, as the system now holds it: the fields it reports back, in canonical form. */
export interface DeliveredWrite {
  ref: SourceRef;
  goldenId: string;
  written: CanonicalRecord;
}

/**
 * The systems now hold what the hub wrote: each one's three-way merge base moves there (withDelivered), for the
 * fields it reports back, in the caller's transaction. `nowIso` is when the write was acknowledged.
 */
export async function recordDelivered(m: EntityManager, writes: DeliveredWrite[], nowIso: string): Promise<void> {
  if (writes.length === 0) return;
  const previous = await loadSources(m, writes.map((t) => t.ref));
  const rows: DeliveredSource[] = writes.map(({ ref, goldenId, written }) => {
    const stored = previous.get(recordKey(ref.system, ref.entityType, ref.externalId));
    const prior = stored && !stored.deleted
      ? { system: ref.system, data: stored.data, synced: stored.synced, at: stored.sourceUpdatedAt ?? nowIso }
      : null;
    const next = withDelivered(prior, ref.system, written, nowIso);
    return { ...ref, goldenId, data: next.data, synced: next.synced, sourceUpdatedAt: next.at };
  });
  await writeDeliveredSources(m, rows);
}
