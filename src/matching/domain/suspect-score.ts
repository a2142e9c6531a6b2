import type { CanonicalRecord, ResolvedEntityType } from '../../catalog/catalog.types';
import type { SimilarityMethod, SuspectRulesConfig } from '../../config/hub-config.schema';
import { comparable } from './normalise';
import { fieldDefAt, valueAt } from './rule-fields';
import { similarity } from './similarity';

/** Share of a rule's weight both records must hold for the rule to score a pair (rule.minCoverage). */
export const DEFAULT_MIN_COVERAGE = 0.6;

export type SuspectRule = SuspectRulesConfig['rules'][number];

/** One field of a rule for a pair: its score, or null when either record lacks the field. */
export interface FieldScore {
  field: string;
  method: SimilarityMethod;
  weight: number;
  score: number | null;
}

export interface RuleScore {
  ruleIndex: number;
  /** weighted mean over the fields both records hold, rounded to 4 decimals; null when coverage is too low */
  score: number | null;
  /** weight of the fields both hold / the rule's total weight */
  coverage: number;
  fields: FieldScore[];
}

export interface PairScore {
  ruleIndex: number;
  score: number;
  fields: FieldScore[];
}

/**
 * Scores one rule for two records.
 *
 * A field only one record holds (or neither) is no evidence either way: it is left out of the mean, so a system
 * that never sends birth dates does not drag every pair down. What keeps two sparse records from looking
 * identical is coverage: the fields BOTH hold must carry at least minCoverage of the rule's weight, or the rule
 * gives no score at all. Two records agreeing only on a common last name never reach the queue.
 */
export function scoreRule(type: Pick<ResolvedEntityType, 'fields'>, rule: SuspectRule, ruleIndex: number, a: CanonicalRecord, b: CanonicalRecord): RuleScore {
  let total = 0;
  let held = 0;
  let weighted = 0;
  const fields: FieldScore[] = [];
  for (const [field, { method, weight }] of Object.entries(rule.fields)) {
    total += weight;
    const def = fieldDefAt(type, field);
    const x = def && comparable(def, method, valueAt(a, field));
    const y = def && comparable(def, method, valueAt(b, field));
    if (x === undefined || y === undefined) {
      fields.push({ field, method, weight, score: null });
      continue;
    }
    const s = round(similarity(method, x, y));
    held += weight;
    weighted += weight * s;
    fields.push({ field, method, weight, score: s });
  }
  const coverage = total > 0 ? held / total : 0;
  // A hair of tolerance: 0.6 of a weight total of 10 must count as 0.6 whatever floating point makes of it.
  const covered = held > 0 && coverage + 1e-9 >= (rule.minCoverage ?? DEFAULT_MIN_COVERAGE);
  return { ruleIndex, score: covered ? round(weighted / held) : null, coverage: round(coverage), fields };
}

/**
 * A pair's score is its best rule's (the first one on a tie); null when no rule covers the pair. The caller
 * compares it with the threshold (isSuspect).
 */
export function scorePair(type: Pick<ResolvedEntityType, 'fields'>, rules: SuspectRulesConfig, a: CanonicalRecord, b: CanonicalRecord): PairScore | null {
  let best: PairScore | null = null;
  rules.rules.forEach((rule, i) => {
    const r = scoreRule(type, rule, i, a, b);
    if (r.score !== null && (best === null || r.score > best.score)) best = { ruleIndex: i, score: r.score, fields: r.fields };
  });
  return best;
}

/** At or above the threshold (scores are compared as stored, to 4 decimals). */
export function isSuspect(rules: SuspectRulesConfig, score: PairScore | null): score is PairScore {
  return score !== null && score.score >= rules.threshold;
}

/** Scores are kept to 4 decimals: what is stored, shown and compared is the same number. */
export function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}

export function ruleName(rule: SuspectRule, index: number): string {
  return rule.name ?? `rule ${index}`;
}
