/**
 * How a data steward's actions change a golden record's values and lineage. Plain TypeScript (no Nest or TypeORM),
 * so every rule is unit-tested without a database; the services only lock, load, call these and write.
 */
import type { CanonicalRecord, ResolvedEntityType } from '../../catalog/catalog.types';
import {
  type FieldDecision, type GoldenState, type LineageEntry, STEWARD_OVERRIDE_RULE, STEWARD_SYSTEM, isEmptyValue, precedenceFor,
  presentEntries, rankOf, strategyFor, valuesEqual,
} from '../domain';

/** Lineage rule of a value a rollback restored: not pinned, so the systems may change it again. */
export const ROLLBACK_RULE = 'rollback';
/** Lineage rule of a value recomputed from the source records by precedence (release, unmerge fall-back). */
export const RECOMPUTE_RULE = 'precedence';

/** One source record's latest values, as a steward recomputation sees them. */
export interface SourceValues {
  system: string;
  externalId: string;
  data: CanonicalRecord;
  /** ISO source timestamp of its latest change; null when unknown */
  at: string | null;
}

export interface SourcePick {
  system: string;
  value: unknown;
  at: string | null;
}

/**
 * The value the sources give `field` by precedence: the best-ranked system holding a non-empty value. Two records
 * of one system (after a merge) rank equal: the most recently changed wins, then external id order, so the answer
 * never depends on the order rows came back in. Undefined when no source holds a value.
 */
export function pickByPrecedence(entityType: ResolvedEntityType, field: string, sources: readonly SourceValues[]): SourcePick | undefined {
  const precedence = precedenceFor(entityType, field);
  const holders = sources.filter((s) => Object.hasOwn(s.data, field) && !isEmptyValue(s.data[field]));
  if (holders.length === 0) return undefined;
  const best = [...holders].sort((a, b) =>
    rankOf(precedence, a.system) - rankOf(precedence, b.system)
    || compareDesc(a.at, b.at)
    || compareAsc(a.system, b.system)
    || compareAsc(a.externalId, b.externalId))[0];
  return { system: best.system, value: structuredClone(best.data[field]), at: best.at };
}

/** The steward's value, pinned: lineage rule 'override' makes survivorship refuse every system's change to it. */
export function pinField(state: GoldenState, field: string, value: unknown, now: string): GoldenState {
  return setField(state, field, {
    value: structuredClone(value), system: STEWARD_SYSTEM, rule: STEWARD_OVERRIDE_RULE, updatedAt: now,
  });
}

export function isPinned(state: GoldenState, field: string): boolean {
  return state.lineage[field]?.rule === STEWARD_OVERRIDE_RULE;
}

/** The field as the sources decide it by precedence; removed when no source holds a value. */
export function recomputeField(
  state: GoldenState, entityType: ResolvedEntityType, field: string, sources: readonly SourceValues[], now: string,
): GoldenState {
  const pick = pickByPrecedence(entityType, field, sources);
  if (!pick) return setField(state, field, undefined);
  return setField(state, field, {
    value: pick.value, system: pick.system, rule: RECOMPUTE_RULE, updatedAt: now, ...(pick.at ? { sourceAt: pick.at } : {}),
  });
}

/**
 * Version `snapshot` as the new current values. Fields whose value changes are attributed to the steward's rollback;
 * fields that keep their value keep their lineage (who vouches for a value does not change when it does not).
 */
export function rollbackTo(state: GoldenState, snapshot: CanonicalRecord, now: string): GoldenState {
  let next: GoldenState = { data: { ...state.data }, lineage: { ...state.lineage } };
  for (const field of unionKeys(state.data, snapshot)) {
    const target = Object.hasOwn(snapshot, field) ? snapshot[field] : undefined;
    if (target === undefined) {
      next = setField(next, field, undefined);
    } else if (!Object.hasOwn(state.data, field) || !valuesEqual(state.data[field], target)) {
      next = setField(next, field, { value: structuredClone(target), system: STEWARD_SYSTEM, rule: ROLLBACK_RULE, updatedAt: now });
    }
  }
  return next;
}

/**
 * The golden values once one source record is split out: every field whose lineage names `system` falls back to the
 * remaining sources by precedence (removed when none holds a value). Steward-pinned values stay.
 */
export function withoutSource(
  state: GoldenState, entityType: ResolvedEntityType, system: string, remaining: readonly SourceValues[], now: string,
): { state: GoldenState; fields: string[] } {
  let next = state;
  const fields = Object.keys(state.lineage).filter((f) => state.lineage[f]?.system === system).sort();
  for (const field of fields) next = recomputeField(next, entityType, field, remaining, now);
  return { state: next, fields };
}

/** A new golden record holding exactly one source record's values, attributed to that system. */
export function stateFromSource(entityType: ResolvedEntityType, source: SourceValues, now: string): GoldenState {
  const data: CanonicalRecord = {};
  const lineage: Record<string, LineageEntry> = {};
  for (const [field, value] of presentEntries(source.data)) {
    data[field] = structuredClone(value);
    lineage[field] = {
      value: structuredClone(value), system: source.system, rule: strategyFor(entityType, field), updatedAt: now,
      ...(source.at ? { sourceAt: source.at } : {}),
    };
  }
  return { data, lineage };
}

/** Field decisions for a version's cause: one per field whose value or lineage the action changed. */
export function decisionsBetween(before: GoldenState, after: GoldenState): FieldDecision[] {
  return unionKeys(before.lineage, after.lineage, before.data, after.data)
    .filter((f) => !valuesEqual(before.data[f], after.data[f]) || !valuesEqual(before.lineage[f], after.lineage[f]))
    .map((field) => ({
      field,
      rule: after.lineage[field]?.rule ?? 'removed',
      outcome: 'set',
      system: after.lineage[field]?.system ?? null,
      previous: before.data[field],
      value: after.data[field],
    }));
}

/** Sets (entry) or removes (undefined) a field's value and lineage together, so they never disagree. */
function setField(state: GoldenState, field: string, entry: LineageEntry | undefined): GoldenState {
  const data = { ...state.data };
  const lineage = { ...state.lineage };
  if (entry === undefined) {
    delete data[field];
    delete lineage[field];
  } else {
    data[field] = structuredClone(entry.value);
    lineage[field] = entry;
  }
  return { data, lineage };
}

function unionKeys(...records: Record<string, unknown>[]): string[] {
  return [...new Set(records.flatMap((r) => Object.keys(r)))].sort();
}

export function compareAsc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Later instants first; unknown times last. */
export function compareDesc(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return Date.parse(b) - Date.parse(a);
}
