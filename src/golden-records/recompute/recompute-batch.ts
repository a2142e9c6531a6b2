import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { ResolvedEntityType } from '../../catalog/catalog.types';
import type { BatchSteps } from '../../jobs/job.types';
import { matchKeys } from '../../catalog/match-keys';
import { diffRecords, type RecomputeResult, type RecomputeSource, recomputeRecord } from '../domain';
import { type BatchWrites, loadSourceRecords, lockGoldenRecords, writeBatch } from '../pipeline/golden-state.repository';
import type { GoldenChange, GoldenRow, SourceRow, VersionRow } from '../pipeline/pipeline.types';
import { nextGoldenIds, type ObsoleteConflicts, openConflictFields, supersedeConflicts } from './recompute.repository';

/** Source time of a source record the hub never got a time for: older than any real one. */
const UNKNOWN_TIME = '1970-01-01T00:00:00.000Z';

export interface RecomputeBatchInput {
  entityType: ResolvedEntityType;
  /** the fields whose rules changed */
  fields: string[];
  configVersion: number;
  jobId: string;
  /** the last golden id of the previous batch */
  after: string | null;
  size: number;
  /** the pipeline's in-transaction listeners (the outbox), handed every new version */
  onChanges(m: EntityManager, changes: GoldenChange[]): Promise<void>;
  /** the runner's overlap of consecutive batches (JobHandler.runBatch) */
  steps?: BatchSteps;
}

export interface RecomputeBatchResult {
  processed: number;
  changed: number;
  /** the last golden id of this batch; null when there was none left */
  last: string | null;
}

/** A golden record's live source records as the recompute reads them; the key tells two records of one system apart. */
export function recomputeSources(rows: readonly SourceRow[]): RecomputeSource[] {
  return rows.filter((s) => !s.deleted).map((s) => ({
    key: sourceKey(s), system: s.system, data: s.data, synced: s.synced, at: s.sourceUpdatedAt ?? UNKNOWN_TIME,
  }));
}

/**
 * One batch of a recompute, in the caller's transaction: the next golden records of the type locked in id order (as
 * every writer locks them), their source records read, each record re-decided by recomputeRecord, then written the
 * pipeline's way: one statement per table for the batch (writeBatch), the conflicts it made obsolete closed, and the
 * new versions handed to the pipeline's in-transaction listeners, so the outbox fans them out like any change.
 */
export async function recomputeBatch(m: EntityManager, input: RecomputeBatchInput): Promise<RecomputeBatchResult> {
  const ids = await nextGoldenIds(m, input.entityType.name, input.after, input.size);
  // The next batch may start reading now; it locks its records once these are locked (key order across batches).
  input.steps?.planned(ids.length < input.size ? null : ids[ids.length - 1]);
  if (ids.length === 0) return { processed: 0, changed: 0, last: null };
  const now = new Date().toISOString();
  await input.steps?.turnToLock();
  const locked = await lockGoldenRecords(m, ids);
  input.steps?.locked();
  const sources = groupByGolden(await loadSourceRecords(m, ids));
  const open = await openConflictFields(m, ids);

  const writes: BatchWrites = { insertGolden: [], updateGolden: [], versions: [], xrefs: [], sources: [], dropKeys: [], matchKeys: [], conflicts: [] };
  const obsolete: ObsoleteConflicts = { reversed: [], noLongerManual: [] };
  const changes: GoldenChange[] = [];
  for (const g of locked) {
    // Deleted or moved to another type between the walk and the lock: not this job's to decide.
    if (g.deleted || g.entityType !== input.entityType.name) continue;
    const rows = sources.get(g.id) ?? [];
    let result: RecomputeResult;
    try {
      result = recomputeRecord({
        entityType: input.entityType, golden: { data: g.data, lineage: g.lineage }, sources: recomputeSources(rows),
        fields: input.fields, openConflictFields: open.get(g.id), now,
      });
    } catch (err) {
      // The job fails on it (after its retries): say which record, so an operator can look at it.
      throw new Error(`golden record ${g.entityType} ${g.id}: ${(err as Error).message}`, { cause: err });
    }
    const version = result.changed ? g.version + 1 : g.version;
    if (result.changed) changes.push(newVersion(g, result, input, now, writes));
    for (const c of result.conflicts) {
      writes.conflicts.push({ ...c, id: randomUUID(), goldenId: g.id, entityType: g.entityType, goldenVersion: version, eventId: null });
    }
    for (const r of result.reversed) obsolete.reversed.push({ goldenId: g.id, field: r.field, value: r.value });
    for (const field of result.closeOpen) obsolete.noLongerManual.push({ goldenId: g.id, field });
    const byKey = new Map(rows.map((s) => [sourceKey(s), s]));
    for (const s of result.synced) writes.sources.push({ ...byKey.get(s.key)!, synced: s.synced });
  }
  await supersedeConflicts(m, obsolete, `job:${input.jobId}`);
  await writeBatch(m, writes);
  if (changes.length) await input.onChanges(m, changes);
  return { processed: ids.length, changed: changes.length, last: ids[ids.length - 1] };
}

/** Version n+1 with cause `rules`, its match keys kept in step with its values; returns the change for the listeners. */
function newVersion(g: GoldenRow, result: RecomputeResult, input: RecomputeBatchInput, now: string, writes: BatchWrites): GoldenChange {
  const { data, lineage } = result.golden;
  const golden: GoldenRow = { ...g, version: g.version + 1, data, lineage, updatedAt: now };
  const version: VersionRow = {
    goldenId: g.id, version: golden.version, deleted: false, data, diff: diffRecords(g.data, data),
    cause: { kind: 'rules', configVersion: input.configVersion, jobId: input.jobId, decisions: result.decisions },
  };
  writes.updateGolden.push(golden);
  writes.versions.push(version);
  const before = matchKeys(input.entityType, g.data);
  const after = matchKeys(input.entityType, data);
  for (const key of before) if (!after.includes(key)) writes.dropKeys.push({ entityType: g.entityType, key, goldenId: g.id });
  for (const key of after) if (!before.includes(key)) writes.matchKeys.push({ entityType: g.entityType, key, goldenId: g.id });
  return { golden, previous: { ...g }, originSystem: null, version };
}

export function groupByGolden(rows: SourceRow[]): Map<string, SourceRow[]> {
  const out = new Map<string, SourceRow[]>();
  for (const r of rows) {
    const list = out.get(r.goldenId);
    if (list) list.push(r);
    else out.set(r.goldenId, [r]);
  }
  return out;
}

function sourceKey(s: Pick<SourceRow, 'system' | 'externalId'>): string {
  return `${s.system}\u0000${s.externalId}`;
}
