/**
 * Recompute: re-deciding fields of an existing golden record from the stored source states, after the survivorship
 * rules changed. Pure: the impact dry run and the recompute job both call recomputeRecord, so the records a dry run
 * reports are by construction the ones the job changes. docs/decision-rules-recompute.md explains the model.
 *
 * The pipeline decides one incoming change at a time; here no change comes in. What is re-decided are the standing
 * disagreements, as CLAIMS on a field:
 *   - the golden value, claimed by its lineage holder;
 *   - each live source whose non-empty value differs from its merge base (`synced`), or that has no base for the
 *     field: a value of the system's own that lost, or is not reconciled yet.
 * A source whose value equals its base holds it because the hub wrote it, or is merely behind golden: that is no
 * claim (the hub writes golden to it). So in a two-way setup where every system already holds the winner, a new
 * precedence has nothing to re-decide.
 */
import type { CanonicalRecord, ResolvedEntityType } from '../../catalog/catalog.types';
import { cloneValue } from './clone-value';
import { valuesEqual } from './record-diff';
import { isEmptyValue, precedenceFor, rankOf, strategyFor, timestampMillis } from './survivorship-policy';
import {
  STEWARD_OVERRIDE_RULE, STEWARD_SYSTEM,
  type ConflictCandidate, type ConflictDraft, type FieldDecision, type GoldenState, type LineageEntry, type SourceState,
  type SurvivorshipRule,
} from './survivorship.types';

export interface RecomputeSource extends SourceState {
  /** identifies the source record among several of one system (after a steward merge) */
  key: string;
}

export interface RecomputeInput {
  /** the entity type under the NEW rules */
  entityType: ResolvedEntityType;
  golden: GoldenState;
  /** the record's live (not deleted) source states */
  sources: readonly RecomputeSource[];
  /** the fields to re-decide: those whose rules changed (see changedRuleFields) */
  fields: readonly string[];
  /** fields that already have an open conflict on this record (a manual field is not raised twice) */
  openConflictFields?: ReadonlySet<string>;
  /** ISO instant of the recompute (hub clock), stamped on the lineage of every field that changes */
  now: string;
}

export interface RecomputeResult {
  golden: GoldenState;
  changed: boolean;
  /** one per field whose value changed */
  decisions: FieldDecision[];
  /** auto_resolved for every change; open for a manual field whose claims disagree and that has no open conflict */
  conflicts: ConflictDraft[];
  /** re-decided fields with an open conflict that are not manual any more: those conflicts no longer hold */
  closeOpen: string[];
  /** the values changed fields had: an auto_resolved conflict that chose one of them is reversed */
  reversed: { field: string; value: unknown }[];
  /**
   * merge bases that move to a changed field's new value: of the sources holding it (in sync now), and of the former
   * holder's sources still holding the value that lost (a conflict lost, so their value remains a claim)
   */
  synced: { key: string; synced: CanonicalRecord }[];
}

interface Claim extends ConflictCandidate {
  holder: boolean;
}

export function recomputeRecord(input: RecomputeInput): RecomputeResult {
  const { entityType, golden, now } = input;
  const data: CanonicalRecord = { ...golden.data };
  const lineage: Record<string, LineageEntry> = { ...golden.lineage };
  const result: RecomputeResult = {
    golden: { data, lineage }, changed: false, decisions: [], conflicts: [], closeOpen: [], reversed: [], synced: [],
  };
  const newSynced = new Map<string, CanonicalRecord>();

  for (const field of [...new Set(input.fields)].sort()) {
    const holder = golden.lineage[field];
    if (holder?.rule === STEWARD_OVERRIDE_RULE) continue; // pinned by a steward: no rule changes it
    const strategy = strategyFor(entityType, field);
    if (strategy !== 'manual' && input.openConflictFields?.has(field)) result.closeOpen.push(field);
    const claims = claimsOn(field, golden, input.sources);
    if (distinctValues(claims) < 2) continue;

    if (strategy === 'manual') {
      if (!input.openConflictFields?.has(field)) {
        result.conflicts.push({ field, rule: 'manual', status: 'open', candidates: claims.map(candidate), winner: null, winningValue: null });
      }
      continue;
    }
    const winner = strategy === 'latest' ? newest(claims) : bestRanked(claims, precedenceFor(entityType, field));
    const current = golden.data[field];
    if (winner.holder || (current !== undefined && valuesEqual(winner.value, current))) continue;

    const rule = ruleOf(strategy);
    data[field] = cloneValue(winner.value);
    lineage[field] = { value: cloneValue(winner.value), system: winner.system, rule, updatedAt: now, sourceAt: winner.at };
    result.changed = true;
    result.decisions.push({ field, rule, outcome: 'set', system: winner.system, previous: current, value: data[field] });
    result.conflicts.push({
      field, rule, status: 'auto_resolved', candidates: claims.map(candidate), winner: winner.system, winningValue: cloneValue(winner.value),
    });
    if (current !== undefined) result.reversed.push({ field, value: current });
    for (const s of input.sources) {
      if (!Object.hasOwn(s.data, field)) continue;
      // The winner's sources are in sync now. The holder's sources that still hold the value that lost have lost a
      // conflict: their base moves too, so their value stays a claim (as the pipeline leaves a losing system's), and
      // a later rule change can give it back to them even when the hub never writes to that system.
      const holds = valuesEqual(s.data[field], winner.value);
      const lost = current !== undefined && s.system === holder?.system && valuesEqual(s.data[field], current);
      if (!holds && !lost) continue;
      const base = newSynced.get(s.key) ?? s.synced;
      if (Object.hasOwn(base, field) && valuesEqual(base[field], winner.value)) continue;
      newSynced.set(s.key, { ...base, [field]: cloneValue(winner.value) });
    }
  }
  result.synced = [...newSynced].map(([key, synced]) => ({ key, synced }));
  return result;
}

/**
 * The holder's claim first, then the sources' in system and key order, so ties are settled the same way every time
 * and in favour of the value in place (nothing changes without a reason). A source of the holder's own system that
 * claims another value speaks for that system now: the holder's claim gives way to it.
 */
function claimsOn(field: string, golden: GoldenState, sources: readonly RecomputeSource[]): Claim[] {
  const own: Claim[] = [...sources]
    .sort((a, b) => compare(a.system, b.system) || compare(a.key, b.key))
    .filter((s) => Object.hasOwn(s.data, field) && !isEmptyValue(s.data[field])
      && !(Object.hasOwn(s.synced, field) && valuesEqual(s.data[field], s.synced[field])))
    .map((s) => ({ system: s.system, value: s.data[field], at: s.at, holder: false }));
  const current = golden.data[field];
  const holder = golden.lineage[field];
  if (current === undefined) return own;
  const holderSystem = holder?.system ?? STEWARD_SYSTEM;
  if (own.some((c) => c.system === holderSystem)) return own;
  const at = holder ? (holder.sourceAt ?? holder.updatedAt) : '1970-01-01T00:00:00.000Z';
  return [{ system: holderSystem, value: current, at, holder: true }, ...own];
}

function distinctValues(claims: readonly Claim[]): number {
  const seen: unknown[] = [];
  for (const c of claims) if (!seen.some((v) => valuesEqual(v, c.value))) seen.push(c.value);
  return seen.length;
}

/**
 * merge and precedence: the best-ranked system wins; a claim that holds no value (a blank golden value) ranks after
 * every value, as a blank never beats a value under precedence. Strictly better replaces, so ties keep the earlier.
 */
function bestRanked(claims: readonly Claim[], precedence: readonly string[]): Claim {
  const key = (c: Claim) => (isEmptyValue(c.value) ? precedence.length + 1 : rankOf(precedence, c.system));
  return claims.reduce((best, c) => (key(c) < key(best) ? c : best));
}

/** latest: the claim with the newest source time wins; ties keep the earlier (the value in place). */
function newest(claims: readonly Claim[]): Claim {
  const at = (c: Claim) => timestampMillis(c.at, `claim of ${c.system}`);
  return claims.reduce((best, c) => (at(c) > at(best) ? c : best));
}

function ruleOf(strategy: 'merge' | 'precedence' | 'latest'): SurvivorshipRule {
  return strategy === 'merge' ? 'merge:precedence' : strategy;
}

function candidate(c: Claim): ConflictCandidate {
  return { system: c.system, value: cloneValue(c.value), at: c.at };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
