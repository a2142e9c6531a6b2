/**
 * How a steward's merge decides the survivor's values: survivorship over every source record of both golden
 * records, as if they had always been one. Plain TypeScript, unit-tested beside it.
 */
import type { CanonicalRecord, ResolvedEntityType } from '../../catalog/catalog.types';
import {
  type ConflictDraft, type FieldDecision, type GoldenState, type LineageEntry, STEWARD_OVERRIDE_RULE, isEmptyValue, precedenceFor,
  rankOf, strategyFor, valuesEqual,
} from '../domain';
import { compareAsc, compareDesc, RECOMPUTE_RULE, type SourceValues, decisionsBetween } from './steward-rules';

/** A source record of either side; `own` marks the survivor's. */
export interface MergeSource extends SourceValues {
  own: boolean;
}

export interface MergeOutcome {
  state: GoldenState;
  decisions: FieldDecision[];
  /** one per field where the sources disagree: auto_resolved with the winner, or open for a manual field */
  conflicts: ConflictDraft[];
}

/**
 * Per field: a steward's pin stays (the survivor's before the duplicate's); otherwise the field's strategy picks
 * among the live sources of both (`latest`: the newest; any other: precedence, then the survivor's own record
 * before the duplicate's among records of one system, then the newest). A `manual` field whose sources disagree
 * keeps the survivor's value and opens a conflict. A field no source holds keeps the survivor's value, or the
 * duplicate's (a steward's value on either side is not lost).
 */
export function mergeSurvivorship(
  entityType: ResolvedEntityType, survivor: GoldenState, duplicate: GoldenState, sources: readonly MergeSource[], now: string,
): MergeOutcome {
  const data: CanonicalRecord = {};
  const lineage: Record<string, LineageEntry> = {};
  const conflicts: ConflictDraft[] = [];
  const fields = new Set([...Object.keys(survivor.data), ...Object.keys(duplicate.data), ...sources.flatMap((s) => Object.keys(s.data))]);
  for (const field of [...fields].sort()) {
    const pinned = [survivor, duplicate].find((g) => g.lineage[field]?.rule === STEWARD_OVERRIDE_RULE && Object.hasOwn(g.data, field));
    if (pinned) {
      set(data, lineage, field, pinned.data[field], pinned.lineage[field]);
      continue;
    }
    const holders = sources.filter((s) => Object.hasOwn(s.data, field) && !isEmptyValue(s.data[field]));
    const fallback = [survivor, duplicate].find((g) => Object.hasOwn(g.data, field) && !isEmptyValue(g.data[field]));
    if (holders.length === 0) {
      if (fallback) set(data, lineage, field, fallback.data[field], fallback.lineage[field]);
      continue;
    }
    const strategy = strategyFor(entityType, field);
    const disagree = holders.some((h) => !valuesEqual(h.data[field], holders[0].data[field]));
    const candidates = () => holders.map((h) => ({ system: h.system, value: structuredClone(h.data[field]), at: h.at ?? now }));
    if (strategy === 'manual' && disagree) {
      const kept = fallback ?? survivor;
      if (Object.hasOwn(kept.data, field)) set(data, lineage, field, kept.data[field], kept.lineage[field]);
      conflicts.push({ field, rule: 'manual', status: 'open', candidates: candidates(), winner: null, winningValue: null });
      continue;
    }
    const precedence = precedenceFor(entityType, field);
    const best = [...holders].sort((a, b) =>
      (strategy === 'latest' ? 0 : rankOf(precedence, a.system) - rankOf(precedence, b.system))
      || (strategy === 'latest' ? 0 : Number(b.own) - Number(a.own))
      || compareDesc(a.at, b.at)
      || compareAsc(a.system, b.system)
      || compareAsc(a.externalId, b.externalId))[0];
    const value = best.data[field];
    const same = survivor.lineage[field]?.system === best.system && valuesEqual(survivor.data[field], value);
    const rule = strategy === 'latest' ? 'latest' : RECOMPUTE_RULE;
    set(data, lineage, field, value, same ? survivor.lineage[field] : {
      value, system: best.system, rule, updatedAt: now, ...(best.at ? { sourceAt: best.at } : {}),
    });
    if (disagree) {
      conflicts.push({ field, rule, status: 'auto_resolved', candidates: candidates(), winner: best.system, winningValue: structuredClone(value) });
    }
  }
  const state = { data, lineage };
  return { state, decisions: decisionsBetween(survivor, state), conflicts };
}

function set(data: CanonicalRecord, lineage: Record<string, LineageEntry>, field: string, value: unknown, entry: LineageEntry | undefined): void {
  data[field] = structuredClone(value);
  lineage[field] = { ...(entry ?? { system: null, rule: RECOMPUTE_RULE, updatedAt: new Date(0).toISOString() }), value: structuredClone(value) };
}
