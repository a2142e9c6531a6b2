import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AuditEntry } from '../../admin/audit/audit.service';
import type { ResolvedEntityType } from '../../catalog/catalog.types';
import { matchKeys } from '../../catalog/match-keys';
import { currentCorrelationId } from '../../common/correlation';
import { requireEntityType } from '../read/entity-type-lookup';
import type { OnMerge } from '../../config/hub-config.schema';
import { type ConflictDraft, diffRecords, type FieldDecision, type GoldenState } from '../domain';
import { type BatchWrites, loadSourceRecords, lockGoldenRecords, writeBatch } from '../pipeline/golden-state.repository';
import type { GoldenChange, GoldenRow, SourceRow, VersionRow } from '../pipeline/pipeline.types';
import { updateMatchKeys } from './steward.repository';
import type { SourceValues } from './steward-rules';
import { goldenNotFound } from '../golden-records.errors';

/** A version's cause for a steward action: who, which action, and what it decided. */
export interface StewardCause {
  kind: 'steward' | 'rollback' | 'merge' | 'unmerge';
  action: string;
  fields?: string[];
  decisions?: FieldDecision[];
  [detail: string]: unknown;
}

export interface NextState extends GoldenState {
  deleted: boolean;
}

/**
 * One steward action's transaction: locks the golden rows it touches, collects the new versions, then writes them
 * the way the pipeline does (writeBatch), runs the action's follow-up statements, keeps match keys in step, hands
 * every golden change to the outbox hooks and writes the audit rows, all before the caller's commit.
 */
export class StewardTx {
  readonly now = new Date().toISOString();
  private readonly writes: BatchWrites = {
    insertGolden: [], updateGolden: [], versions: [], xrefs: [], sources: [], dropKeys: [], matchKeys: [], conflicts: [],
  };
  private readonly changes: GoldenChange[] = [];
  private readonly followUps: ((m: EntityManager) => Promise<unknown>)[] = [];
  private readonly audits: AuditEntry[] = [];

  constructor(
    readonly m: EntityManager,
    /** actorLabel() of who acts: stored in causes, audit rows and conflicts */
    readonly actor: string,
    private readonly entityTypes: Record<string, ResolvedEntityType>,
    /** what a system holding both records of a merged pair does with the duplicate's (its `onMerge`, default keep) */
    readonly onMerge: (system: string) => OnMerge = () => 'keep',
  ) {}

  entityType(name: string): ResolvedEntityType {
    return requireEntityType(this.entityTypes, name);
  }

  /** Locks golden rows FOR UPDATE (in id order, as the pipeline does, so the two queue instead of deadlocking). */
  async lock(ids: string[]): Promise<Map<string, GoldenRow>> {
    const rows = await lockGoldenRecords(this.m, [...new Set(ids)]);
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** `entityType` set (REST paths name it): a record of another type is as missing as an unknown id. */
  async lockOne(id: string, entityType?: string): Promise<GoldenRow> {
    if (entityType !== undefined) this.entityType(entityType);
    const row = (await this.lock([id])).get(id);
    if (!row || (entityType !== undefined && row.entityType !== entityType)) throw goldenNotFound(id, entityType);
    return row;
  }

  async sources(goldenId: string): Promise<SourceRow[]> {
    return loadSourceRecords(this.m, [goldenId]);
  }

  /** Writes version n+1 of `previous` with the next state; versions are only ever inserted. */
  version(previous: GoldenRow, next: NextState, cause: StewardCause): GoldenRow {
    const golden: GoldenRow = {
      ...previous, version: previous.version + 1, deleted: next.deleted, data: next.data, lineage: next.lineage, updatedAt: this.now,
    };
    this.writes.updateGolden.push(golden);
    this.record(golden, previous, cause);
    return golden;
  }

  /** A new golden record at version 1. */
  create(entityType: string, state: GoldenState, cause: StewardCause): GoldenRow {
    const golden: GoldenRow = {
      id: randomUUID(), entityType, version: 1, deleted: false, data: state.data, lineage: state.lineage, updatedAt: this.now, isNew: true,
    };
    this.writes.insertGolden.push(golden);
    this.record(golden, null, cause);
    return golden;
  }

  /** Statements that must run once the golden rows exist (foreign keys), before the outbox hooks see the changes. */
  /** Conflicts the action's decisions raised on `golden` (its new version), recorded as the pipeline records them. */
  conflicts(golden: GoldenRow, drafts: ConflictDraft[]): void {
    for (const d of drafts) {
      this.writes.conflicts.push({ ...d, id: randomUUID(), goldenId: golden.id, entityType: golden.entityType, goldenVersion: golden.version, eventId: null });
    }
  }

  then(step: (m: EntityManager) => Promise<unknown>): void {
    this.followUps.push(step);
  }

  audit(entry: Omit<AuditEntry, 'actor'>): void {
    this.audits.push({ ...entry, actor: this.actor });
  }

  /** Everything collected, in order; called by StewardWriteService inside the transaction. */
  async flush(
    onChanges: (m: EntityManager, changes: GoldenChange[]) => Promise<void>,
    audit: (entry: AuditEntry, m: EntityManager) => Promise<void>,
  ): Promise<void> {
    await writeBatch(this.m, this.writes);
    for (const step of this.followUps) await step(this.m);
    for (const c of this.changes) {
      const type = this.entityTypes[c.golden.entityType];
      if (!type) continue;
      const before = c.previous && !c.previous.deleted ? matchKeys(type, c.previous.data) : [];
      const after = c.golden.deleted ? [] : matchKeys(type, c.golden.data);
      await updateMatchKeys(this.m, c.golden.id, c.golden.entityType, before, after, c.golden.deleted);
    }
    if (this.changes.length) await onChanges(this.m, this.changes);
    for (const entry of this.audits) await audit(entry, this.m);
  }

  private record(golden: GoldenRow, previous: GoldenRow | null, cause: StewardCause): void {
    const version: VersionRow = {
      goldenId: golden.id,
      version: golden.version,
      deleted: golden.deleted,
      data: golden.data,
      diff: diffRecords(previous?.data ?? {}, golden.data),
      // The steward's request id follows the version to its deliveries, as an event's does.
      cause: { ...cause, actor: this.actor, ...(currentCorrelationId() ? { correlationId: currentCorrelationId() } : {}) },
    };
    this.writes.versions.push(version);
    this.changes.push({ golden: { ...golden }, previous: previous && { ...previous }, originSystem: null, version });
  }
}

export { goldenNotFound };

/** Live source records as steward recomputations read them. */
export function toSourceValues(rows: readonly SourceRow[]): SourceValues[] {
  return rows.filter((s) => !s.deleted).map((s) => ({ system: s.system, externalId: s.externalId, data: s.data, at: s.sourceUpdatedAt }));
}

export function auditTarget(golden: GoldenRow): string {
  return `golden-record:${golden.entityType}:${golden.id}`;
}

/** A field's value and lineage for an audit row; absent reads as null (JSON has no undefined). */
export function fieldState(state: Pick<GoldenRow, 'data' | 'lineage'>, field: string): Record<string, unknown> {
  return { field, value: Object.hasOwn(state.data, field) ? state.data[field] : null, lineage: state.lineage[field] ?? null };
}
