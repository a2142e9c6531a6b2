import type { Strategy } from '../../config/hub-config.schema';
import { valuesEqual } from './record-diff';
import { isEmptyValue, rankOf, timestampMillis } from './survivorship-policy';
import {
  STEWARD_OVERRIDE_RULE, STEWARD_SYSTEM,
  type ConflictCandidate, type ConflictDraft, type FieldOutcome, type IncomingChange, type LineageEntry,
  type SourceState, type SurvivorshipRule,
} from './survivorship.types';

/** Everything one field's decision depends on. */
export interface FieldContext {
  field: string;
  /** the incoming value (never undefined: absent fields are not decided) */
  value: unknown;
  /** the golden value before the change; undefined when golden has none */
  current: unknown;
  lineage: LineageEntry | undefined;
  /** the incoming system's merge base: the value it was last in sync with; undefined if never synced */
  base: unknown;
  /** whether the hub knows a value the incoming system holds, and which (its SourceState.data) */
  lastKnown: { known: boolean; value: unknown };
  strategy: Strategy;
  precedence: readonly string[];
  incoming: IncomingChange;
  /** the other systems' source states (never the incoming system) */
  sources: readonly SourceState[];
}

/** A field decision; `take` is present when the golden value changes, and says to what and from whom. */
export interface FieldVerdict {
  outcome: FieldOutcome;
  rule: SurvivorshipRule;
  take?: { value: unknown; system: string | null; sourceAt?: string };
  conflict?: ConflictDraft;
}

export function decideField(ctx: FieldContext): FieldVerdict {
  if (ctx.current !== undefined && valuesEqual(ctx.value, ctx.current)) return { outcome: 'unchanged', rule: ctx.strategy };
  // Checked before every strategy: a system that did not change a field must never revert it, whatever the rule.
  if (!changedBySystem(ctx)) return { outcome: 'stale', rule: ctx.strategy };
  if (ctx.current !== undefined && ctx.lineage?.rule === STEWARD_OVERRIDE_RULE) return stewardOverride(ctx, ctx.lineage);
  // A golden value nobody vouches for (no lineage) has no one to defend it in a conflict or hold it for review.
  if (ctx.lineage === undefined && ctx.strategy !== 'precedence') return takeIncoming(ctx, ctx.strategy);
  switch (ctx.strategy) {
    case 'merge': return merge(ctx);
    case 'precedence': return precedence(ctx);
    case 'latest': return latest(ctx);
    case 'manual': return manual(ctx);
  }
}

/**
 * The incoming system changed the field unless its value equals its merge base (it is just behind the hub) or
 * equals what the hub already knows it holds (a duplicate, or a full-record re-send while the hub's own write to
 * it is still pending — e.g. a system on a nightly batch schedule re-sending a value that lost a conflict).
 */
function changedBySystem(ctx: FieldContext): boolean {
  if (ctx.base !== undefined && valuesEqual(ctx.value, ctx.base)) return false;
  if (ctx.lastKnown.known && valuesEqual(ctx.value, ctx.lastKnown.value)) return false;
  return true;
}

function stewardOverride(ctx: FieldContext, lineage: LineageEntry): FieldVerdict {
  const holder = holderCandidate(ctx, lineage);
  return {
    outcome: 'conflict_lost',
    rule: 'steward-override',
    conflict: autoResolved(ctx, 'steward-override', [holder, incomingCandidate(ctx)], holder),
  };
}

function merge(ctx: FieldContext): FieldVerdict {
  const lineage = ctx.lineage as LineageEntry;
  const nobodyElseChanged =
    ctx.current === undefined ||
    (ctx.base !== undefined && valuesEqual(ctx.current, ctx.base)) ||
    lineage.system === ctx.incoming.system;
  if (nobodyElseChanged) return takeIncoming(ctx, 'merge');

  // True conflict: both sides changed the field since this system's base. Ties (both unlisted) go to the
  // incoming change, as a merge change does when there is no conflict.
  const holder = holderCandidate(ctx, lineage);
  const incoming = incomingCandidate(ctx);
  const incomingWins = rankOf(ctx.precedence, ctx.incoming.system) <= rankOf(ctx.precedence, lineage.system);
  const conflict = autoResolved(ctx, 'merge:precedence', [holder, incoming], incomingWins ? incoming : holder);
  return incomingWins
    ? { ...takeIncoming(ctx, 'merge:precedence'), outcome: 'conflict_won', conflict }
    : { outcome: 'conflict_lost', rule: 'merge:precedence', conflict };
}

function precedence(ctx: FieldContext): FieldVerdict {
  const incoming = incomingCandidate(ctx);
  const others = ctx.sources
    .filter((s) => s.system !== ctx.incoming.system && Object.hasOwn(s.data, ctx.field) && !isEmptyValue(s.data[ctx.field]))
    .sort((a, b) => (a.system < b.system ? -1 : a.system > b.system ? 1 : 0))
    .map((s): ConflictCandidate => ({ system: s.system, value: s.data[ctx.field], at: s.at }));
  // A holder without a source state (a steward's unpinned choice, a system whose record was unlinked) still holds
  // the value: it ranks like any unlisted system, so it yields to every listed one but not to a blank.
  const holder = ctx.lineage;
  const orphanHolder = holder !== undefined && ctx.current !== undefined && !isEmptyValue(ctx.current) &&
    holder.system !== ctx.incoming.system && !ctx.sources.some((s) => s.system === holder.system)
    ? [holderCandidate(ctx, holder)]
    : [];
  const candidates = [...(isEmptyValue(ctx.value) ? [] : [incoming]), ...others, ...orphanHolder];
  // Nobody holds a value: everyone agrees the field is empty, so the incoming empty value stands.
  if (candidates.length === 0) return takeIncoming(ctx, 'precedence');

  // Strictly better rank replaces: the incoming system wins ties, then systems in name order (deterministic).
  const winner = candidates.reduce((best, c) =>
    rankOf(ctx.precedence, c.system) < rankOf(ctx.precedence, best.system) ? c : best);
  if (winner === incoming) return takeIncoming(ctx, 'precedence');

  const conflict = isEmptyValue(ctx.value) || valuesEqual(ctx.value, winner.value)
    ? undefined
    : autoResolved(ctx, 'precedence', candidates, winner);
  const take = valuesEqual(winner.value, ctx.current)
    ? undefined
    : { value: winner.value, system: winner.system, sourceAt: winner.at };
  const outcome: FieldOutcome = conflict ? 'conflict_lost' : take ? 'set' : 'kept';
  return { outcome, rule: 'precedence', take, conflict };
}

function latest(ctx: FieldContext): FieldVerdict {
  const lineage = ctx.lineage as LineageEntry;
  const holderAt = lineage.sourceAt ?? lineage.updatedAt;
  const incomingIsNewer =
    ctx.current === undefined ||
    timestampMillis(ctx.incoming.at, 'incoming.at') >= timestampMillis(holderAt, `lineage.${ctx.field}.sourceAt`);
  return incomingIsNewer ? takeIncoming(ctx, 'latest') : { outcome: 'stale', rule: 'latest' };
}

function manual(ctx: FieldContext): FieldVerdict {
  if (ctx.current === undefined) return takeIncoming(ctx, 'manual');
  return {
    outcome: 'held_for_steward',
    rule: 'manual',
    conflict: {
      field: ctx.field,
      rule: 'manual',
      status: 'open',
      candidates: [holderCandidate(ctx, ctx.lineage as LineageEntry), incomingCandidate(ctx)],
      winner: null,
      winningValue: null,
    },
  };
}

function takeIncoming(ctx: FieldContext, rule: SurvivorshipRule): FieldVerdict {
  return { outcome: 'set', rule, take: { value: ctx.value, system: ctx.incoming.system, sourceAt: ctx.incoming.at } };
}

function incomingCandidate(ctx: FieldContext): ConflictCandidate {
  return { system: ctx.incoming.system, value: ctx.value, at: ctx.incoming.at };
}

function holderCandidate(ctx: FieldContext, lineage: LineageEntry): ConflictCandidate {
  return { system: lineage.system ?? STEWARD_SYSTEM, value: ctx.current, at: lineage.sourceAt ?? lineage.updatedAt };
}

function autoResolved(
  ctx: FieldContext, rule: SurvivorshipRule, candidates: ConflictCandidate[], winner: ConflictCandidate,
): ConflictDraft {
  return { field: ctx.field, rule, status: 'auto_resolved', candidates, winner: winner.system, winningValue: winner.value };
}
