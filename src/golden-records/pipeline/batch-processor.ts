import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { CanonicalRecord } from '../../catalog/catalog.types';
import { validateRecord } from '../../catalog/record.validator';
import { type ActiveConfig, bindingByEntityType, type SystemEntityBinding } from '../../config/active-config';
import { recordKey } from '../../common/record-key';
import { mapInbound } from '../../mapping/inbound.mapper';
import { applyChange, diffRecords, type FieldDecision, nextSourceState, payloadHash, type SourceState, valuesEqual, withDelivered } from '../domain';
import { loadBatchState } from './batch-state.loader';
import { BatchState, ECHO_MARK, echoTime, toSourceState } from './batch-state';
import type { BatchLedger, DeliveryLedgerPort } from './delivery-ledger.port';
import { writeBatch } from './golden-state.repository';
import type { CommittedBatch, ConflictRow, EventOutcome, GoldenChange, GoldenRow, InboxEvent } from './pipeline.types';

export type ProcessedBatch = Omit<CommittedBatch, 'durationMs'>;

/**
 * Applies one claimed batch inside the caller's transaction: read all state the batch needs in a few
 * statements, decide every event in memory (in inbox order, so several events on one record chain
 * correctly), then write everything in a few multi-row statements. See docs/decision-batch-pipeline.md.
 */
export class BatchProcessor {
  private readonly now = new Date().toISOString();
  private readonly state: BatchState;
  /** the delivery ledger's view of the batch's records (echoes, versions seen), set when the batch is loaded */
  private ledger?: BatchLedger;
  private readonly outcomes: EventOutcome[] = [];
  private readonly changes: GoldenChange[] = [];

  constructor(
    private readonly m: EntityManager,
    private readonly active: ActiveConfig,
    private readonly ledgerPort: DeliveryLedgerPort,
  ) {
    this.state = new BatchState(active, this.now);
  }

  /**
   * The delivery-ledger side of the batch (echo hashes forgotten, system versions seen), after the outbox rows are
   * written: a delivery claim locks outbox rows and then ledger rows, so the batch takes them in the same order.
   */
  async flushLedger(): Promise<void> {
    await this.ledger?.flush(this.m);
  }

  async process(events: InboxEvent[]): Promise<ProcessedBatch> {
    const ledger = await loadBatchState(this.m, this.active, events, this.state, this.ledgerPort);
    this.ledger = ledger;
    for (const ev of events) {
      // When and how the event came in ride along for after-commit listeners (webhook → applied latency).
      const outcome: EventOutcome = { ...this.decide(ev, ledger), origin: ev.origin, receivedAt: ev.receivedAt };
      this.outcomes.push(outcome);
      ledger.note(ev, outcome);
    }
    await writeBatch(this.m, this.state.writes());
    return { outcomes: this.outcomes, changes: this.changes, conflicts: this.state.conflicts };
  }

  private decide(ev: InboxEvent, ledger: BatchLedger): EventOutcome {
    const binding = bindingByEntityType(this.active, ev.system, ev.entityType);
    if (!binding) {
      return reject(ev, 'UNKNOWN_BINDING', [{ code: 'UNKNOWN_BINDING', message: `system ${ev.system} no longer maps entity type ${ev.entityType}` }]);
    }
    return ev.action === 'delete' ? this.decideDelete(ev, binding) : this.decideUpsert(ev, binding, ledger);
  }

  private decideUpsert(ev: InboxEvent, binding: SystemEntityBinding, ledger: BatchLedger): EventOutcome {
    const { entityType } = binding;
    const mapped = this.state.mappedOnce.get(ev)
      ?? mapInbound({ system: ev.system, entityType, mapping: binding.mapping, references: this.state.resolver() }, ev.payload);
    if (mapped.errors.length) {
      return reject(ev, 'MAPPING_FAILED', mapped.errors.map((e) => ({ code: e.code, field: e.field, systemField: e.systemField, value: e.value, message: e.message })));
    }
    const record = mapped.record;
    const xk = recordKey(ev.system, ev.entityType, ev.externalId);
    let golden = this.state.goldenOf(xk);
    const linkedBefore = Boolean(golden);
    if (!golden) golden = this.state.matchByKey(entityType, record);

    const invalid = validateRecord(entityType, record, { partial: Boolean(golden) });
    if (invalid.length) return reject(ev, 'VALIDATION_FAILED', invalid);

    const at = ev.sourceTimestamp ?? ev.receivedAt;
    let restoring = false;
    if (golden?.deleted) {
      // An update that happened after the delete brings the record back; one from before it is stale.
      if (at <= golden.updatedAt) return { id: ev.id, system: ev.system, status: 'noop', reason: 'STALE_AFTER_DELETE', goldenId: golden.id, goldenVersion: golden.version };
      restoring = true;
    }
    if (!golden) golden = this.state.createGolden(ev.entityType);

    if (linkedBefore && !golden.deleted && ledger.isEcho(binding, golden.id, record, at)) return this.echo(ev, xk, binding, golden, record, at, ledger);
    if (linkedBefore && ledger.alreadySeen(ev, binding, golden.id)) {
      return { id: ev.id, system: ev.system, status: 'noop', reason: 'VERSION_ALREADY_SEEN', goldenId: golden.id, goldenVersion: golden.version };
    }
    const previousSource = this.state.source(xk);
    // A poll can store an older version of a record after its webhook for a newer one: order by the system's clock.
    if (ev.sourceTimestamp && previousSource?.sourceUpdatedAt && !previousSource.deleted && ev.sourceTimestamp < previousSource.sourceUpdatedAt) {
      return { id: ev.id, system: ev.system, status: 'noop', reason: 'OLDER_THAN_SOURCE', goldenId: golden.id, goldenVersion: golden.version };
    }
    // A change made before an echo already received: the user's edit that the hub's write then overwrote in the
    // system (its webhook came late). It still counts, and the system, which holds the hub's write, is written again.
    const echoedAt = previousSource && !previousSource.deleted ? echoTime(previousSource) : null;
    const overwritten = echoedAt !== null && at < echoedAt;
    const others: SourceState[] = this.state.otherSources(golden.id, xk).map(toSourceState);
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
      this.state.putSource({
        system: ev.system, entityType: ev.entityType, externalId: ev.externalId, goldenId: golden.id,
        data: next.data, synced: next.synced, receivedHash: payloadHash(record), sourceUpdatedAt: next.at, deleted: false,
      }, true);
    }
    if (!linkedBefore) this.state.link(xk, ev, golden.id);

    const versioned = result.changed || isNew || restoring;
    if (versioned) {
      // A field whose value the change left as it was explains nothing; each version keeps only the decisions that did something.
      const decisions = result.decisions.filter((d) => d.outcome !== 'unchanged');
      const previous = this.newVersion(golden, { ...result.golden.data }, result.golden.lineage, false, ev, decisions);
      this.state.rekey(golden, entityType, previous);
    }
    const conflicts = result.conflicts.map((c): ConflictRow => ({
      ...c, id: randomUUID(), goldenId: golden.id, entityType: ev.entityType, goldenVersion: golden.version, eventId: ev.id,
    }));
    this.state.conflicts.push(...conflicts);

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
   * values nothing else will replace (BatchLedger.needsRewrite), its source state becomes what it holds and
   * golden is written to it again.
   */
  private echo(
    ev: InboxEvent, xk: string, binding: SystemEntityBinding, golden: GoldenRow, record: CanonicalRecord, at: string, ledger: BatchLedger,
  ): EventOutcome {
    const prev = this.state.source(xk);
    // Only behind a change of the system's own (not a create or an earlier echo): the hub's write overwrote that edit.
    const ownChangeBefore = prev !== undefined && !prev.deleted && prev.receivedHash !== null && echoTime(prev) === null
      && prev.sourceUpdatedAt !== null && prev.sourceUpdatedAt < at;
    const stale = ownChangeBefore && ledger.needsRewrite(binding, golden.id, record, golden.data);
    const live = prev && !prev.deleted ? prev : undefined;
    const newer = live !== undefined && at > (echoTime(live) ?? live.sourceUpdatedAt ?? '');
    if (stale || newer) {
      // What the system holds now is the hub's write, as of this echo (on the system's clock when it says). Its
      // last change of its own keeps its time: the order of its own changes is judged by that.
      const held = withDelivered(live ? toSourceState(live) : null, ev.system, record, at);
      this.state.putSource({
        system: ev.system, entityType: ev.entityType, externalId: ev.externalId, goldenId: golden.id,
        data: held.data, synced: held.synced, receivedHash: `${ECHO_MARK}${at}`, sourceUpdatedAt: live?.sourceUpdatedAt ?? null, deleted: false,
      }, true);
    }
    if (stale) this.correct(golden, ev);
    return { id: ev.id, system: ev.system, status: 'echo', reason: stale ? 'ECHO_OF_STALE_DELIVERY' : 'ECHO_OF_DELIVERY', goldenId: golden.id, goldenVersion: golden.version };
  }

  private decideDelete(ev: InboxEvent, binding: SystemEntityBinding): EventOutcome {
    const xk = recordKey(ev.system, ev.entityType, ev.externalId);
    const golden = this.state.goldenOf(xk);
    if (!golden) return { id: ev.id, system: ev.system, status: 'noop', reason: 'UNKNOWN_RECORD' };
    const source = this.state.source(xk);
    if (source) this.state.putSource({ ...source, deleted: true, sourceUpdatedAt: ev.sourceTimestamp ?? ev.receivedAt }, true);
    if (golden.deleted) return { id: ev.id, system: ev.system, status: 'noop', reason: 'ALREADY_DELETED', goldenId: golden.id, goldenVersion: golden.version };
    if (binding.entityType.deletePolicy === 'ignore') {
      return { id: ev.id, system: ev.system, status: 'noop', reason: 'DELETE_IGNORED_BY_POLICY', goldenId: golden.id, goldenVersion: golden.version };
    }
    const previous = this.newVersion(golden, golden.data, golden.lineage, true, ev, []);
    this.state.rekey(golden, binding.entityType, previous);
    return { id: ev.id, system: ev.system, status: 'applied', reason: 'TOMBSTONED', goldenId: golden.id, goldenVersion: golden.version };
  }

  private newVersion(g: GoldenRow, data: CanonicalRecord, lineage: GoldenRow['lineage'], deleted: boolean, ev: InboxEvent, decisions: FieldDecision[]): GoldenRow | null {
    const previous = g.version === 0 ? null : { ...g };
    const diff = diffRecords(previous?.data ?? {}, data);
    Object.assign(g, { version: g.version + 1, data, lineage, deleted, updatedAt: this.now });
    const version = {
      goldenId: g.id, version: g.version, deleted, data, diff,
      cause: { kind: 'event' as const, inboxId: ev.id, eventId: ev.eventId, system: ev.system, action: ev.eventType, decisions, ...correlation(ev) },
    };
    this.state.addVersion(version);
    this.changes.push({ golden: { ...g }, previous, originSystem: ev.system, version });
    return previous;
  }

  private correct(g: GoldenRow, ev: InboxEvent): void {
    const version = {
      goldenId: g.id, version: g.version, deleted: g.deleted, data: g.data, diff: [],
      cause: { kind: 'event' as const, inboxId: ev.id, eventId: ev.eventId, system: ev.system, action: ev.eventType, ...correlation(ev) },
    };
    this.changes.push({ golden: { ...g }, previous: { ...g }, originSystem: ev.system, version, correctionOnly: true });
  }
}

/** A version caused by an event carries the event's correlation id, so the delivery of that version can too. */
function correlation(ev: InboxEvent): { correlationId?: string } {
  return ev.correlationId ? { correlationId: ev.correlationId } : {};
}

function reject(ev: InboxEvent, reason: string, errors: unknown[]): EventOutcome {
  return { id: ev.id, system: ev.system, status: 'rejected', reason, errors };
}
