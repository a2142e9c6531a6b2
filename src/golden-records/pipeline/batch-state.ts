import { randomUUID } from 'node:crypto';
import type { CanonicalRecord, ResolvedEntityType } from '../../catalog/catalog.types';
import { matchKeys } from '../../catalog/match-keys';
import type { ActiveConfig } from '../../config/active-config';
import { recordKey } from '../../common/record-key';
import type { InboundResult, ReferenceResolver } from '../../mapping/mapping.types';
import type { SourceState } from '../domain';
import type { BatchWrites } from './golden-state.repository';
import type { ConflictRow, GoldenRow, InboxEvent, SourceRow, VersionRow } from './pipeline.types';

const KEY_SEP = '\u0000';

/**
 * The golden state one batch decides on, in memory: filled by loadBatchState, changed event by event by the
 * BatchProcessor, and turned into the batch's writes at the end (only what changed, match keys as a difference).
 */
export class BatchState {
  /** recordKey(system, entity type, external id) → golden id */
  readonly xrefs = new Map<string, string>();
  /** entity type + match key → golden id owning it (written through ownKey, which keeps keysOwnedBy in step) */
  readonly keyOwners = new Map<string, string>();
  /** the reverse: a re-keyed record drops its own keys without a walk over every key of the batch */
  private readonly keysOwnedBy = new Map<string, Set<string>>();
  /** the batch's golden records, locked */
  readonly golden = new Map<string, GoldenRow>();
  /** mappings that cannot change once references are loaded, kept so each event is mapped once */
  readonly mappedOnce = new Map<InboxEvent, InboundResult>();
  private readonly sources = new Map<string, SourceRow>();
  private readonly sourcesByGolden = new Map<string, Set<string>>();
  private readonly versions: VersionRow[] = [];
  private readonly newXrefs: BatchWrites['xrefs'] = [];
  readonly conflicts: ConflictRow[] = [];
  private readonly dirtyGolden = new Set<string>();
  private readonly dirtySources = new Set<string>();
  /** the match keys each touched record produced before this batch, to write only the difference */
  private readonly keysBefore = new Map<string, string[]>();

  constructor(
    private readonly active: ActiveConfig,
    private readonly now: string,
  ) {}

  goldenOf(xk: string): GoldenRow | undefined {
    return this.golden.get(this.xrefs.get(xk) ?? '');
  }

  source(xk: string): SourceRow | undefined {
    return this.sources.get(xk);
  }

  /** The live source states of a golden record's other systems (survivorship's candidates). */
  otherSources(goldenId: string, exceptKey: string): SourceRow[] {
    return [...(this.sourcesByGolden.get(goldenId) ?? [])]
      .filter((k) => k !== exceptKey)
      .map((k) => this.sources.get(k)!)
      .filter((s) => !s.deleted);
  }

  /** `dirty`: changed by this batch, so written; a row as loaded is not. */
  putSource(s: SourceRow, dirty: boolean): void {
    const k = recordKey(s.system, s.entityType, s.externalId);
    const previous = this.sources.get(k);
    if (previous && previous.goldenId !== s.goldenId) this.sourcesByGolden.get(previous.goldenId)?.delete(k);
    this.sources.set(k, s);
    if (!this.sourcesByGolden.has(s.goldenId)) this.sourcesByGolden.set(s.goldenId, new Set());
    this.sourcesByGolden.get(s.goldenId)!.add(k);
    if (dirty) this.dirtySources.add(k);
  }

  link(xk: string, ev: InboxEvent, goldenId: string): void {
    this.xrefs.set(xk, goldenId);
    this.newXrefs.push({ system: ev.system, entityType: ev.entityType, externalId: ev.externalId, goldenId });
  }

  matchByKey(entityType: ResolvedEntityType, record: CanonicalRecord): GoldenRow | undefined {
    for (const key of matchKeys(entityType, record)) {
      const owner = this.golden.get(this.keyOwners.get(`${entityType.name}${KEY_SEP}${key}`) ?? '');
      if (owner && !owner.deleted) return owner;
    }
    return undefined;
  }

  createGolden(entityType: string): GoldenRow {
    const g: GoldenRow = { id: randomUUID(), entityType, version: 0, deleted: false, data: {}, lineage: {}, updatedAt: this.now, isNew: true };
    this.golden.set(g.id, g);
    return g;
  }

  addVersion(version: VersionRow): void {
    this.versions.push(version);
    this.dirtyGolden.add(version.goldenId);
  }

  /** Match keys follow the golden record's current values; a tombstone frees its keys for a new record. */
  rekey(g: GoldenRow, entityType: ResolvedEntityType, previous: GoldenRow | null): void {
    if (!this.keysBefore.has(g.id)) {
      this.keysBefore.set(g.id, previous && !previous.deleted ? matchKeys(entityType, previous.data) : []);
    }
    const owned = this.keysOwnedBy.get(g.id);
    if (owned) {
      for (const k of owned) this.keyOwners.delete(k);
      owned.clear();
    }
    for (const key of g.deleted ? [] : matchKeys(entityType, g.data)) {
      const k = `${g.entityType}${KEY_SEP}${key}`;
      if (!this.keyOwners.has(k)) this.ownKey(k, g.id);
    }
  }

  /** `k` (entity type + match key) belongs to golden record `goldenId`. */
  ownKey(k: string, goldenId: string): void {
    const before = this.keyOwners.get(k);
    if (before !== undefined) this.keysOwnedBy.get(before)?.delete(k);
    this.keyOwners.set(k, goldenId);
    let owned = this.keysOwnedBy.get(goldenId);
    if (!owned) this.keysOwnedBy.set(goldenId, (owned = new Set()));
    owned.add(k);
  }

  resolver(): ReferenceResolver {
    return {
      toGoldenId: (system, entityType, externalId) => this.xrefs.get(recordKey(system, entityType, externalId)),
      toExternalId: () => undefined,
    };
  }

  writes(): BatchWrites {
    const w: BatchWrites = {
      insertGolden: [], updateGolden: [], versions: this.versions, xrefs: this.newXrefs, sources: [], dropKeys: [], matchKeys: [],
      conflicts: this.conflicts,
    };
    for (const id of this.dirtyGolden) {
      const g = this.golden.get(id)!;
      (g.isNew ? w.insertGolden : w.updateGolden).push(g);
    }
    for (const k of this.dirtySources) w.sources.push(this.sources.get(k)!);
    for (const [goldenId, before] of this.keysBefore) {
      const g = this.golden.get(goldenId)!;
      const entityType = this.active.entityTypes[g.entityType];
      const after = g.deleted || !entityType ? [] : matchKeys(entityType, g.data);
      for (const key of before) if (!after.includes(key)) w.dropKeys.push({ entityType: g.entityType, key, goldenId });
      for (const key of after) if (!before.includes(key)) w.matchKeys.push({ entityType: g.entityType, key, goldenId });
    }
    return w;
  }
}

/**
 * received_hash of a source state set from an echo, `echo:<time of the echo>`: the system holds the hub's write
 * since then, not a change of its own.
 */
export const ECHO_MARK = 'echo:';

export function echoTime(s: SourceRow): string | null {
  return s.receivedHash?.startsWith(ECHO_MARK) ? s.receivedHash.slice(ECHO_MARK.length) : null;
}

export function toSourceState(s: SourceRow): SourceState {
  return { system: s.system, data: s.data, synced: s.synced, at: s.sourceUpdatedAt ?? '1970-01-01T00:00:00.000Z' };
}
