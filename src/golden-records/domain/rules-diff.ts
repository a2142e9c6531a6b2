import type { ResolvedEntityType } from '../../catalog/catalog.types';
import { precedenceFor, rankOf, strategyFor } from './survivorship-policy';

/**
 * The fields of an entity type whose survivorship rules differ between two configurations: a different strategy,
 * or a precedence list that orders some two systems differently. Only the order counts, not the list itself:
 * resolved lists are completed with every declared system, so adding a system at the end (or removing the last
 * one) changes the list but no decision, and must not make every golden record of the type be recomputed.
 */
export function changedRuleFields(before: ResolvedEntityType, after: ResolvedEntityType): string[] {
  const fields = new Set([...Object.keys(before.fields), ...Object.keys(after.fields)]);
  return [...fields]
    .filter((field) => strategyFor(before, field) !== strategyFor(after, field)
      || !sameRanking(precedenceFor(before, field), precedenceFor(after, field)))
    .sort();
}

/** Whether every pair of systems compares the same way under both lists (unlisted systems rank last, together). */
export function sameRanking(a: readonly string[], b: readonly string[]): boolean {
  const systems = [...new Set([...a, ...b])];
  for (let i = 0; i < systems.length; i++) {
    for (let j = i + 1; j < systems.length; j++) {
      const x = systems[i];
      const y = systems[j];
      if (Math.sign(rankOf(a, x) - rankOf(a, y)) !== Math.sign(rankOf(b, x) - rankOf(b, y))) return false;
    }
  }
  return true;
}
