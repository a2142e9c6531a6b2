import { DateTime } from 'luxon';
import { utcIsoMillis } from '../../common/iso-time';
import type { Strategy } from '../../config/hub-config.schema';
import type { ResolvedEntityType } from '../../catalog/catalog.types';
import { ValidationError } from '../../common/domain-error';

/** Systems for a field, highest precedence first: the field override when declared, else the entity type's. */
export function precedenceFor(entityType: ResolvedEntityType, field: string): string[] {
  return entityType.fieldPrecedence[field] ?? entityType.precedence;
}

export function strategyFor(entityType: ResolvedEntityType, field: string): Strategy {
  return entityType.fields[field]?.strategy ?? entityType.strategy;
}

/**
 * Position in the precedence list (0 = highest). Every system not listed — and a steward (null) — ranks
 * below every listed one, all unlisted ones equal.
 */
export function rankOf(precedence: readonly string[], system: string | null): number {
  const index = system === null ? -1 : precedence.indexOf(system);
  return index === -1 ? precedence.length : index;
}

/**
 * "Holds no value" for the precedence strategy: null, a blank string, an empty list or an empty object.
 * A system that leaves a field blank must not beat a lower system that fills it.
 */
export function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

/** Milliseconds of an ISO 8601 timestamp (any offset); a malformed one is refused, never guessed. */
export function timestampMillis(iso: string, what: string): number {
  const fast = utcIsoMillis(iso);
  if (fast !== undefined) return fast;
  const parsed = DateTime.fromISO(iso, { setZone: true });
  if (!parsed.isValid) {
    throw new ValidationError('INVALID_TIMESTAMP', `${what} is not an ISO 8601 timestamp: ${JSON.stringify(iso)}`, [
      { path: what, message: parsed.invalidExplanation ?? 'invalid timestamp', value: iso },
    ]);
  }
  return parsed.toMillis();
}

/** The later of two ISO timestamps (the first one on a tie). */
export function laterTimestamp(a: string, b: string): string {
  return timestampMillis(b, 'timestamp') > timestampMillis(a, 'timestamp') ? b : a;
}
