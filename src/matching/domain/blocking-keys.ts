import type { CanonicalRecord, ResolvedEntityType } from '../../catalog/catalog.types';
import type { SimilarityMethod, SuspectRulesConfig } from '../../config/hub-config.schema';
import { comparable, hashValue } from './normalise';
import { fieldDefAt, valueAt } from './rule-fields';
import { phoneticCodes } from './similarity';
import { DEFAULT_MIN_COVERAGE } from './suspect-score';

/**
 * A blocking key: records sharing one are candidates, scored in full afterwards. `block` names what the key is
 * built from (`phone`, `birthDate+lastName`, `company~` for a trigram key); `value` is compared for equality, or
 * for trigram similarity (pg_trgm) when `trigram` is set.
 */
export interface BlockKey {
  block: string;
  value: string;
  trigram: boolean;
}

/** Longer values are stored as their hash: equality still works and the btree entry stays small. */
const MAX_VALUE_LENGTH = 200;

/**
 * The blocking keys of a record under every rule of its entity type (docs/decision-match-suspects.md).
 *
 * A pair can only reach the threshold when the fields both records hold carry minCoverage of a rule's weight and
 * agree closely, so in practice on at least two fields, or on one field heavy enough to carry the coverage alone.
 * Keys are therefore:
 * - one per PAIR of a rule's fields (`birthDate+lastName`), selective even where each field alone is common
 *   (a last name, a birth date);
 * - one per single field whose weight alone reaches the rule's coverage;
 * - one trigram key per `trigram` field, looked up by pg_trgm similarity instead of equality.
 * Per method a field contributes: exact the value itself (hashed when sensitive), phonetic both Double Metaphone
 * codes, jaroWinkler the primary code (names that sound alike block together: jon / john, smith / smyth).
 */
export function blockingKeys(type: Pick<ResolvedEntityType, 'fields'>, rules: SuspectRulesConfig, record: CanonicalRecord): BlockKey[] {
  const keys = new Map<string, BlockKey>();
  const add = (block: string, value: string, trigram = false) => {
    const v = !trigram && value.length > MAX_VALUE_LENGTH ? hashValue(value) : value;
    keys.set(`${block}\u0000${v}\u0000${trigram}`, { block, value: v, trigram });
  };
  for (const rule of rules.rules) {
    const entries = Object.entries(rule.fields).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const total = entries.reduce((sum, [, f]) => sum + f.weight, 0);
    const alone = (rule.minCoverage ?? DEFAULT_MIN_COVERAGE) * total;
    const values: [string, string[]][] = [];
    for (const [field, { method, weight }] of entries) {
      const def = fieldDefAt(type, field);
      const cmp = def && comparable(def, method, valueAt(record, field));
      if (!def || cmp === undefined) continue;
      if (method === 'trigram') {
        add(`${field}~`, cmp, true);
        continue;
      }
      const vs = blockValues(method, cmp, def.sensitive === true);
      values.push([field, vs]);
      if (weight + 1e-9 >= alone) for (const v of vs) add(field, v);
    }
    for (let i = 0; i < values.length; i++) {
      for (let j = i + 1; j < values.length; j++) {
        const [f, fv] = values[i];
        const [g, gv] = values[j];
        for (const x of fv) for (const y of gv) add(`${f}+${g}`, `${x}|${y}`);
      }
    }
  }
  return [...keys.values()];
}

function blockValues(method: SimilarityMethod, cmp: string, sensitive: boolean): string[] {
  if (method === 'exact') return [sensitive ? hashValue(cmp) : cmp];
  const [primary, alternate] = phoneticCodes(cmp);
  if (primary === '') return [cmp];
  return method === 'phonetic' && alternate !== primary ? [primary, alternate] : [primary];
}

/** Whether two versions of a record differ in what the rules compare (so suspects must be looked for again). */
export function ruleValuesDiffer(type: Pick<ResolvedEntityType, 'fields'>, rules: SuspectRulesConfig, a: CanonicalRecord, b: CanonicalRecord): boolean {
  for (const rule of rules.rules) {
    for (const [field, { method }] of Object.entries(rule.fields)) {
      const def = fieldDefAt(type, field);
      if (!def) continue;
      if (comparable(def, method, valueAt(a, field)) !== comparable(def, method, valueAt(b, field))) return true;
    }
  }
  return false;
}
