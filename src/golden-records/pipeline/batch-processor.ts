import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { CanonicalRecord, ResolvedEntityType } from '../../catalog/catalog.types';
import { matchKeys } from '../../catalog/match-keys';
import { validateRecord } from '../../catalog/record.validator';
import { type ActiveConfig, bindingByEntityType, type SystemEntityBinding } from '../../config/active-config';
import { mapInbound } from '../../mapping/inbound.mapper';
import type { InboundResult, ReferenceResolver } from '../../mapping/mapping.types';
import { applyChange, diffRecords, type FieldDecision, nextSourceState, payloadHash, type SourceState, valuesEqual, withDelivered } from '../domain';
import { loadBatchState } from './batch-state.loader';
import { type BatchWrites, writeBatch } from './golden-state.repository';
import { EchoGuard } from './echo-guard';
import { recordKey } from '../../common/record-key';
import { SeenVersions } from './seen-versions';
import type { CommittedBatch, ConflictRow, EventOutcome, GoldenChange, GoldenRow, InboxEvent, SourceRow } from './pipeline.types';

const KEY_SEP = '\u0000';

export type ProcessedBatch = Omit<CommittedBatch, 'durationMs'>;

/**
 * Applies one claimed batch inside the caller's transaction: read all state the batch needs in a few
 * statements, decide every event in memory (in inbox order, so several events on one record chain
 * correctly), then write everything in a few multi-row statements. See docs/decision-batch-pipeline.md.
 */
export class BatchProcessor {
  private readonly xrefs = new Map<string, string>();
  private readonly keyOwners = new Map<string, string>();
  private readonly golden = new Map<string, GoldenRow>();
  private readonly sources = new Map<string, SourceRow>();
  private readonly sourcesByGolden = new Map<string, Set<string>>();
  private readonly writes: BatchWrites = {
    insertGolden: [], updateGolden: [], versions: [], xrefs: [], sources: [], dropKeys: [], matchKeys: [], conflicts: [],
  };
  private readonly dirtyGolden = new Set<string>();
  private readonly dirtySources = new Set<string>();
  /** the match keys each touched record produced before this batch, to write only the difference */
  private readonly keysBefore = new Map<string, string[]>();
  private readonly echoes = new EchoGuard();
  private readonly versions: SeenVersions;
  private readonly mappedOnce = new Map<InboxEvent, InboundResult>();
  private readonly outcomes: EventOutcome[] = [];
  private readonly changes: GoldenChange[] = [];
  private readonly now = new Date().toISOString();

  constructor(
    private readonly m: EntityManager,
    private readonly active: ActiveConfig,
  ) {
    this.versions = new SeenVersions(active, (system, goldenId) => this.echoes.remoteVersion(system, goldenId));
  }

  /**
   * The delivery-ledger side of the batch (echo hashes forgotten, system versions seen), after the outbox rows are
   * written: a delivery claim locks outbox rows and then ledger rows, so the batch takes them in the same order.
   */
  async flushLedger(): Promise<void> {
    await this.versions.flush(this.m);
    await this.echoes.flush(this.m);
  }

  async process(events: InboxEvent[]): Promise<ProcessedBatch> {
    await loadBatchState(this.m, this.active, events, {
      xrefs: this.xrefs, keyOwners: this.keyOwners, golden: this.golden, mappedOnce: this.mappedOnce, echoes: this.echoes,
      putSource: (row) => this.putSource(row, false),
    });
    for (const ev of events) {
      const outcome = this.decide(ev);
      this.outcomes.push(outcome);
      this.versions.note(ev, outcome);
    }
    this.collectWrites();
    await writeBatch(this.m, this.writes);
    return { outcomes: this.outcomes, changes: this.changes, conflicts: this.writes.conflicts };
  }

  private decide(ev: InboxEvent): EventOutcome {
    const binding = bindingByEntityType(this.active, ev.system, ev.entityType);
    if (!binding) {
      return reject(ev, 'UNKNOWN_BINDING', [{ code: 'UNKNOWN_BINDING', message: `system ${ev.system} no longer maps entity type ${ev.entityType}` }]);
    }
    return ev.action === 'delete' ? this.decideDelete(ev, binding) : this.decideUpsert(ev, binding);
  }

  private decideUpsert(ev: InboxEvent, binding: SystemEntityBinding): EventOutcome {
    const { entityType } = binding;
    const mapped = this.mappedOnce.get(ev)
      ?? mapInbound({ system: ev.system, entityType, mapping: binding.mapping, references: this.resolver() }, ev.payload);
    if (mapped.errors.length) {
      return reject(ev, 'MAPPING_FAILED', mapped.errors.map((e) => ({ code: e.code, field: e.field, systemField: e.systemField, value: e.value, message: e.message })));
    }
    const record = mapped.record;
    const xk = recordKey(ev.system, ev.entityType, ev.externalId);
    let golden = this.golden.get(this.xrefs.get(xk) ?? '');
    const linkedBefore = Boolean(golden);
    if (!golden) golden = this.matchByKey(entityType, record);

    const invalid = validateRecord(entityType, record, { partial: Boolean(golden) });
    if (invalid.length) return reject(ev, 'VALIDATION_FAILED', invalid);

    const at = ev.sourceTimestamp ?? ev.receivedAt;
    let restoring = false;
    if (golden?.deleted) {
      // An update that happened after the delete brings the record back; one from before it is stale.
      if (at <= golden.updatedAt) return { id: ev.id, system: ev.system, status: 'noop', reason: 'STALE_AFTER_DELETE', goldenId: golden.id, goldenVersion: golden.version };
      restoring = true;
    }
    if (!golden) golden = this.createGolden(ev.entityType);

    if (linkedBefore && !golden.deleted && this.echoes.isEcho(binding, golden.id, record, at)) return this.echo(ev, xk, binding, golden, record, at);
    if (linkedBefore && this.versions.alreadySeen(ev, binding, golden.id)) {
      return { id: ev.id, system: ev.system, status: 'noop', reason: 'VERSION_ALREADY_SEEN', goldenId: golden.id, goldenVersion: golden.version };
    }
    const previousSource = this.sources.get(xk);
    // A poll can store an older version of a record after its webhook for a newer one: order by the system's clock.
    if (ev.sourceTimestamp && previousSource?.sourceUpdatedAt && !previousSource.deleted && ev.sourceTimestamp < previousSource.sourceUpdatedAt) {
      return { id: ev.id, system: ev.system, status: 'noop', reason: 'OLDER_THAN_SOURCE', goldenId: golden.id, goldenVersion: golden.version };
    }
    // A change made before an echo already received: the user's edit that the hub's write then overwrote in the
    // system (its webhook came late). It still counts, and the system, which holds the hub's write, is written again.
    const echoedAt = previousSource && !previousSource.deleted ? echoTime(previousSource) : null;
    const overwritten = echoedAt !== null && at < echoedAt;
    const others: SourceState[] = [...(this.sourcesByGolden.get(golden.id) ?? [])]
      .filter((k) => k !== xk)
      .map((k) => this.sources.get(k)!)
      .filter((s) => !s.deleted)
      .map(toSourceState);
    const isNew = golden.version === 0;
    const incomingSource = previousSource && !previousSource.deleted ? toSourceState(previousSource) : null;
    const incoming = { system: ev.system, data: record, at };
    const result = applyChange({
      entityType,
      golden: isNew ? null : { data: golden.data, lineage: golden.lineage },
      sources: others,
      incomingSource,
      incoming,
      now: this.now,
    });

    if (!overwritten) {
      const next = nextSourceState(incomingSource, incoming, result);
      this.putSource({
        system: ev.system, entityType: ev.entityType, externalId: ev.externalId, goldenId: golden.id,
        data: next.data, synced: next.synced, receivedHash: payloadHash(record), sourceUpdatedAt: next.at, deleted: false,
      }, true);
    }
    if (!linkedBefore) this.link(xk, ev, golden.id);

    const versioned = result.changed || isNew || restoring;
    if (versioned) {
      // A field whose value the change left as it was explains nothing; each version keeps only the decisions that did something.
      const decisions = result.decisions.filter((d) => d.outcome !== 'unchanged');
      const previous = this.newVersion(golden, { ...result.golden.data }, result.golden.lineage, false, ev, decisions);
      this.rekey(golden, entityType, previous);
    }
    const conflicts = result.conflicts.map((c): ConflictRow => ({
      ...c, id: randomUUID(), goldenId: golden.id, entityType: ev.entityType, goldenVersion: golden.version, eventId: ev.id,
    }));
    this.writes.conflicts.push(...conflicts);

    // Its source state stays the hub's write it holds, so the outbox writes golden to it (a new version does that).
    if (overwritten && !versioned) this.correct(golden, ev);
    if (versioned) return { id: ev.id, system: ev.system, status: 'applied', goldenId: golden.id, goldenVersion: golden.version };
    if (!linkedBefore) return { id: ev.id, system: ev.system, status: 'applied', reason: 'LINKED', goldenId: golden.id, goldenVersion: golden.version };
    // Nothing in this change differs from the golden record.
    const equal = Object.entries(record).every(([f, v]) => valuesEqual(v, golden.data[f]));
    // The sender lost to the rules: no new version, but it must be brought back in line with golden.
    if (!equal) this.correct(golden, ev);
    return {
      id: ev.id,
      system: ev.system,
      status: equal ? 'noop' : 'applied',
      reason: equal ? 'EQUAL_TO_GOLDEN' : 'GOLDEN_KEPT_BY_RULES',
      goldenId: golden.id,
      goldenVersion: golden.version,
    };
  }

  /**
   * The system repeats a write of the hub's. Its clock still counts: a change it reports as older than this echo
   * (a webhook delayed behind it) is stale, not the user's newest state. When the echo leaves the system holding
   * values nothing else will replace (see EchoGuard.needsRewrite), its source state becomes what it holds and
   * golden is written to it again.
   */
  private echo(ev: InboxEvent, xk: string, binding: SystemEntityBinding, golden: GoldenRow, record: CanonicalRecord, at: string): EventOutcome {
    const prev = this.sources.get(xk);
    // Only behind a change of the system's own (not a create or an earlier echo): the hub's write overwrote that edit.
    const ownChangeBefore = prev !== undefined && !prev.deleted && prev.receivedHash !== null && echoTime(prev) === null
      && prev.sourceUpdatedAt !== null && prev.sourceUpdatedAt < at;
    const stale = ownChangeBefore && this.echoes.needsRewrite(binding, golden.id, record, golden.data);
    const live = prev && !prev.deleted ? prev : undefined;
    const newer = live !== undefined && at > (echoTime(live) ?? live.sourceUpdatedAt ?? '');
    if (stale || newer) {
      // What the system holds now is the hub's write, as of this echo (on the system's clock when it says). Its
      // last change of its own keeps its time: the order of its own changes is judged by that.
      const held = withDelivered(live ? toSourceState(live) : null, ev.system, record, at);
      this.putSource({
        system: ev.system, entityType: ev.entityType, externalId: ev.externalId, goldenId: golden.id,
        data: held.data, synced: held.synced, receivedHash: `${ECHO_MARK}${at}`, sourceUpdatedAt: live?.sourceUpdatedAt ?? null, deleted: false,
      }, true);
    }
    if (stale) this.correct(golden, ev);
    return { id: ev.id, system: ev.system, status: 'echo', reason: stale ? 'ECHO_OF_STALE_DELIVERY' : 'ECHO_OF_DELIVERY', goldenId: golden.id, goldenVersion: golden.version };
  }

  private decideDelete(ev: InboxEvent, binding: SystemEntityBinding): EventOutcome {
    const xk = recordKey(ev.system, ev.entityType, ev.externalId);
    const golden = this.golden.get(this.xrefs.get(xk) ?? '');
    if (!golden) return { id: ev.id, system: ev.system, status: 'noop', reason: 'UNKNOWN_RECORD' };
    const source = this.sources.get(xk);
    if (source) this.putSource({ ...source, deleted: true, sourceUpdatedAt: ev.sourceTimestamp ?? ev.receivedAt }, true);
    if (golden.deleted) return { id: ev.id, system: ev.system, status: 'noop', reason: 'ALREADY_DELETED', goldenId: golden.id, goldenVersion: golden.version };
    if (binding.entityType.deletePolicy === 'ignore') {
      return { id: ev.id, system: ev.system, status: 'noop', reason: 'DELETE_IGNORED_BY_POLICY', goldenId: golden.id, goldenVersion: golden.version };
    }
    const previous = this.newVersion(golden, golden.data, golden.lineage, true, ev, []);
    this.rekey(golden, binding.entityType, previous);
    return { id: ev.id, system: ev.system, status: 'applied', reason: 'TOMBSTONED', goldenId: golden.id, goldenVersion: golden.version };
  }

  private matchByKey(entityType: ResolvedEntityType, record: CanonicalRecord): GoldenRow | undefined {
    for (const key of matchKeys(entityType, record)) {
      const owner = this.golden.get(this.keyOwners.get(`${entityType.name}${KEY_SEP}${key}`) ?? '');
      if (owner && !owner.deleted) return owner;
    }
    return undefined;
  }

  private createGolden(entityType: string): GoldenRow {
    const g: GoldenRow = { id: randomUUID(), entityType, version: 0, deleted: false, data: {}, lineage: {}, updatedAt: this.now, isNew: true };
    this.golden.set(g.id, g);
    return g;
  }

  private newVersion(g: GoldenRow, data: CanonicalRecord, lineage: GoldenRow['lineage'], deleted: boolean, ev: InboxEvent, decisions: FieldDecision[]): GoldenRow | null {
    const previous = g.version === 0 ? null : { ...g };
    const diff = diffRecords(previous?.data ?? {}, data);
    Object.assign(g, { version: g.version + 1, data, lineage, deleted, updatedAt: this.now });
    const version = {
      goldenId: g.id, version: g.version, deleted, data, diff,
      cause: { kind: 'event' as const, inboxId: ev.id, eventId: ev.eventId, system: ev.system, action: ev.eventType, decisions },
    };
    this.writes.versions.push(version);
    this.dirtyGolden.add(g.id);
    this.changes.push({ golden: { ...g }, previous, originSystem: ev.system, version });
    return previous;
  }

  private correct(g: GoldenRow, ev: InboxEvent): void {
    const version = {
      goldenId: g.id, version: g.version, deleted: g.deleted, data: g.data, diff: [],
      cause: { kind: 'event' as const, inboxId: ev.id, eventId: ev.eventId, system: ev.system, action: ev.eventType },
    };
    this.changes.push({ golden: { ...g }, previous: { ...g }, originSystem: ev.system, version, correctionOnly: true });
  }

  /** Match keys follow the golden record's current values; a tombstone frees its keys for a new record. */
  private rekey(g: GoldenRow, entityType: ResolvedEntityType, previous: GoldenRow | null): void {
    if (!this.keysBefore.has(g.id)) {
      this.keysBefore.set(g.id, previous && !previous.deleted ? matchKeys(entityType, previous.data) : []);
    }
    for (const [k, owner] of this.keyOwners) if (owner === g.id) this.keyOwners.delete(k);
    for (const key of g.deleted ? [] : matchKeys(entityType, g.data)) {
      const k = `${g.entityType}${KEY_SEP}${key}`;
      if (!this.keyOwners.has(k)) this.keyOwners.set(k, g.id);
    }
  }

  private link(xk: string, ev: InboxEvent, goldenId: string): void {
    this.xrefs.set(xk, goldenId);
    this.writes.xrefs.push({ system: ev.system, entityType: ev.entityType, externalId: ev.externalId, goldenId });
  }

  private putSource(s: SourceRow, dirty: boolean): void {
    const k = recordKey(s.system, s.entityType, s.externalId);
    const previous = this.sources.get(k);
    if (previous && previous.goldenId !== s.goldenId) this.sourcesByGolden.get(previous.goldenId)?.delete(k);
    this.sources.set(k, s);
    if (!this.sourcesByGolden.has(s.goldenId)) this.sourcesByGolden.set(s.goldenId, new Set());
    this.sourcesByGolden.get(s.goldenId)!.add(k);
    if (dirty) this.dirtySources.add(k);
  }

  private resolver(): ReferenceResolver {
    return {
      toGoldenId: (system, entityType, externalId) => this.xrefs.get(recordKey(system, entityType, externalId)),
      toExternalId: () => undefined,
    };
  }

  private collectWrites(): void {
    for (const id of this.dirtyGolden) {
      const g = this.golden.get(id)!;
      (g.isNew ? this.writes.insertGolden : this.writes.updateGolden).push(g);
    }
    for (const k of this.dirtySources) this.writes.sources.push(this.sources.get(k)!);
    for (const [goldenId, before] of this.keysBefore) {
      const g = this.golden.get(goldenId)!;
      const entityType = this.active.entityTypes[g.entityType];
      const after = g.deleted || !entityType ? [] : matchKeys(entityType, g.data);
      for (const key of before) if (!after.includes(key)) this.writes.dropKeys.push({ entityType: g.entityType, key, goldenId });
      for (const key of after) if (!before.includes(key)) this.writes.matchKeys.push({ entityType: g.entityType, key, goldenId });
    }
  }
}

/**
 * received_hash of a source state set from an echo, `echo:<time of the echo>`: the system holds the hub's write
 * since then, not a change of its own.
 */
const ECHO_MARK = 'echo:';

function echoTime(s: SourceRow): string | null {
  return s.receivedHash?.startsWith(ECHO_MARK) ? s.receivedHash.slice(ECHO_MARK.length) : null;
}

function toSourceState(s: SourceRow): SourceState {
  return { system: s.system, data: s.data, synced: s.synced, at: s.sourceUpdatedAt ?? '1970-01-01T00:00:00.000Z' };
}

function reject(ev: InboxEvent, reason: string, errors: unknown[]): EventOutcome {
  return { id: ev.id, system: ev.system, status: 'rejected', reason, errors };
}
