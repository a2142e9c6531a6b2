/**
 * Survivorship: how one incoming change from a source system becomes the golden record's new values.
 *
 * The default `merge` strategy is a three-way merge per field, the way two-way sync tools avoid both lost
 * updates and ping-pong. The three values are:
 *   - the incoming value (what the system says now),
 *   - the golden value (what the hub holds now),
 *   - the base: `SourceState.synced[field]`, the value this system was last in sync with the hub.
 * Comparing only incoming against golden cannot tell "the system changed the field" from "the hub changed the
 * field and the system has not caught up yet": both look like a difference. The base tells them apart:
 *   - incoming == base: the system did not touch the field; it is merely behind, so the golden value stays
 *     (a stale re-send never reverts a newer change made elsewhere);
 *   - golden == base: nobody else touched it since this system last synced, so the system's change simply wins;
 *   - both differ from base: the field changed on both sides concurrently — a true conflict, decided by system
 *     precedence ("System A wins") and recorded as an automatically resolved conflict.
 * The base is `synced` — not the system's previous message — because after every change the hub brings the
 * system in line with golden (outbound sync), so golden at that moment is what the system will hold next. That is
 * why the result carries `incomingSynced`: the incoming fields' new golden values become the system's new base.
 * The hub also remembers what each system last said (`SourceState.data`, which delivery must update with what it
 * writes): repeating it is not a change either, so a duplicate or a full-record re-send made before the hub's
 * write has landed cannot undo a decision. Two sequential edits therefore never conflict, concurrent edits always
 * do, and replaying a change is a no-op.
 *
 * `precedence`, `latest` and `manual` are the stricter strategies, and a value a steward
 * pinned (lineage rule 'override') beats every system. Plain TypeScript: no Nest or TypeORM import.
 */
import type { CanonicalRecord, ResolvedEntityType } from '../../catalog/catalog.types';
import { cloneValue } from './clone-value';
import { decideField, type FieldVerdict } from './field-survivorship';
import { valuesEqual } from './record-diff';
import { precedenceFor, strategyFor, timestampMillis } from './survivorship-policy';
import type {
  ChangeResult, ConflictDraft, FieldDecision, GoldenState, IncomingChange, LineageEntry, SourceState,
} from './survivorship.types';

export interface ApplyChangeInput {
  entityType: ResolvedEntityType;
  /** the golden record before the change; null when the change creates it */
  golden: GoldenState | null;
  /** other systems' current source states for this golden record (the incoming system's is ignored here) */
  sources: SourceState[];
  /** the incoming system's previous state, null if first time */
  incomingSource: SourceState | null;
  incoming: IncomingChange;
  /** ISO instant of processing (hub clock), stamped on the lineage of every field that changes */
  now: string;
}

export function applyChange(input: ApplyChangeInput): ChangeResult {
  const { entityType, golden, incoming, incomingSource, now } = input;
  timestampMillis(incoming.at, 'incoming.at');
  const before: CanonicalRecord = golden?.data ?? {};
  const data: CanonicalRecord = { ...before };
  const lineage: Record<string, LineageEntry> = { ...(golden?.lineage ?? {}) };
  const sources = input.sources.filter((s) => s.system !== incoming.system);
  const decisions: FieldDecision[] = [];
  const conflicts: ConflictDraft[] = [];

  for (const [field, value] of presentEntries(incoming.data)) {
    const strategy = strategyFor(entityType, field);
    const verdict: FieldVerdict = golden === null
      ? { outcome: 'set', rule: strategy, take: { value, system: incoming.system, sourceAt: incoming.at } }
      : decideField({
        field,
        value,
        current: before[field],
        lineage: golden.lineage[field],
        base: incomingSource?.synced[field],
        lastKnown: incomingSource !== null && Object.hasOwn(incomingSource.data, field)
          ? { known: true, value: incomingSource.data[field] }
          : { known: false, value: undefined },
        strategy,
        precedence: precedenceFor(entityType, field),
        incoming,
        sources,
      });

    if (verdict.take) {
      // Cloned so later mutation of the caller's input (or of the result) cannot alter stored versions.
      data[field] = cloneValue(verdict.take.value);
      lineage[field] = {
        value: cloneValue(verdict.take.value),
        system: verdict.take.system,
        rule: verdict.rule,
        updatedAt: now,
        ...(verdict.take.sourceAt === undefined ? {} : { sourceAt: verdict.take.sourceAt }),
      };
    }
    if (verdict.conflict) conflicts.push(structuredClone(verdict.conflict));
    decisions.push({
      field,
      rule: verdict.rule,
      outcome: verdict.outcome,
      system: lineage[field]?.system ?? null,
      previous: before[field],
      value: data[field],
    });
  }

  return {
    golden: { data, lineage },
    changed: golden === null || !valuesEqual(before, data),
    decisions,
    conflicts,
    incomingSynced: nextSynced(incomingSource?.synced ?? {}, incoming.data, data),
  };
}

/** Fields the incoming change speaks about: a key holding undefined says nothing (null does: "empty"). */
export function presentEntries(record: CanonicalRecord): [string, unknown][] {
  return Object.entries(record).filter(([, value]) => value !== undefined);
}

/**
 * After the change the hub brings the incoming system in line with golden, so golden becomes its base for every
 * field it sent. A field golden has no value for keeps its old base: the hub will not write it.
 */
function nextSynced(previous: CanonicalRecord, incomingData: CanonicalRecord, golden: CanonicalRecord): CanonicalRecord {
  const synced: CanonicalRecord = { ...previous };
  for (const [field] of presentEntries(incomingData)) {
    if (golden[field] !== undefined) synced[field] = cloneValue(golden[field]);
  }
  return synced;
}
