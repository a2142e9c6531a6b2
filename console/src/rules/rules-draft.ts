/**
 * The rules page's draft: the precedence lists as the steward reorders them, and what of it differs from the rules
 * in force (only that is sent, so an untouched list is never written). Pure, unit-tested.
 */

export interface RulesDraft {
  /** every system, highest first */
  precedence: string[];
  /** field → its own order (every system of the entity type), for the fields that override the precedence */
  fieldPrecedence: Record<string, string[]>;
}

export interface Effective {
  precedence: string[];
  fieldPrecedence: Record<string, string[]>;
}

/** The draft a page starts from: the lists survivorship uses now (completed with every system). */
export function draftFrom(effective: Effective): RulesDraft {
  return { precedence: [...effective.precedence], fieldPrecedence: structuredClone(effective.fieldPrecedence) };
}

/** `list` with the item at `index` moved by `delta` places (-1 up, +1 down); unchanged at either end. */
export function moved<T>(list: T[], index: number, delta: number): T[] {
  const to = index + delta;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return list;
  const next = [...list];
  [next[index], next[to]] = [next[to], next[index]];
  return next;
}

/** The rules input for what changed: precedence and/or the whole field-precedence map; null when nothing did. */
export function changedRules(effective: Effective, draft: RulesDraft): { precedence?: string[]; fieldPrecedence?: Record<string, string[]> } | null {
  const out: { precedence?: string[]; fieldPrecedence?: Record<string, string[]> } = {};
  if (draft.precedence.join('\u0000') !== effective.precedence.join('\u0000')) out.precedence = draft.precedence;
  if (canonical(draft.fieldPrecedence) !== canonical(effective.fieldPrecedence)) out.fieldPrecedence = draft.fieldPrecedence;
  return Object.keys(out).length ? out : null;
}

function canonical(map: Record<string, string[]>): string {
  return JSON.stringify(Object.keys(map).sort().map((k) => [k, map[k]]));
}

/** One row of a dry run's sample: a record whose field would take another value. */
export interface ImpactSample {
  goldenId: string;
  field: string;
  from: unknown;
  to: unknown;
  winnerBefore: string | null;
  winnerAfter: string | null;
}

export interface Impact {
  rulesChanged: string[];
  records: number;
  fields: Record<string, number>;
  sample: ImpactSample[];
}

/** The dry run's impact as the page shows it; tolerant of a missing part (an older hub). */
export function readImpact(raw: unknown): Impact {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<Impact>;
  return {
    rulesChanged: Array.isArray(r.rulesChanged) ? r.rulesChanged : [],
    records: typeof r.records === 'number' ? r.records : 0,
    fields: typeof r.fields === 'object' && r.fields !== null ? r.fields : {},
    sample: Array.isArray(r.sample) ? r.sample : [],
  };
}
