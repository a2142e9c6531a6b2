import type { AttemptResult, ClaimedDelivery } from '../delivery.types';
import { decideRetry, type RetrySettings } from './retry-policy';

/** What becomes of an outbox row after one attempt. Pure: the repository writes it. */
export interface RowOutcome {
  id: string;
  /** the attempts count the row was claimed with; the write only applies to that claim */
  attempts: number;
  status: 'delivered' | 'pending' | 'dead';
  /** pending: wait this long before the next attempt */
  delayMs: number | null;
  lastError: string | null;
  lastCode: string | null;
  lastStatus: number | null;
  unacked: boolean;
  externalId: string | null;
  sentPayload: Record<string, unknown> | null;
}

/** Longest error text kept on a row: enough for a status line and a body excerpt. */
const MAX_ERROR_LENGTH = 1000;

export function outcomeFor(
  row: ClaimedDelivery,
  result: AttemptResult,
  settings: RetrySettings | null,
  random: () => number = Math.random,
): RowOutcome {
  const base = { id: row.id, attempts: row.attempts, sentPayload: result.ok ? (result.sentPayload ?? null) : null };
  if (result.ok) {
    return {
      ...base, status: 'delivered', delayMs: null, lastError: null, lastCode: null, lastStatus: null, unacked: false,
      externalId: result.action === 'deleted' || result.action === 'noop' ? null : (result.externalId ?? null),
    };
  }
  // Without the system's settings (it left the configuration) nothing can be retried.
  const decision = settings ? decideRetry(result, row.attempts, settings, random) : { kind: 'dead' as const, reason: 'PERMANENT' as const };
  const exhausted = decision.kind === 'dead' && decision.reason === 'MAX_ATTEMPTS' ? ` (gave up after ${row.attempts} attempts)` : '';
  return {
    ...base,
    status: decision.kind === 'retry' ? 'pending' : 'dead',
    delayMs: decision.kind === 'retry' ? decision.delayMs : null,
    lastError: `${result.message}${exhausted}`.slice(0, MAX_ERROR_LENGTH),
    lastCode: result.code,
    lastStatus: result.status ?? null,
    unacked: row.unacked || result.maybeApplied,
    externalId: null,
  };
}
