import ms from 'ms';
import type { SystemConfig } from '../../config/hub-config.schema';

export const DEFAULT_MAX_ATTEMPTS = 8;
export const DEFAULT_BACKOFF = '1s';
/** No backoff step waits longer than this, however many attempts failed. */
export const MAX_BACKOFF_MS = 10 * 60_000;
/** A Retry-After beyond a day is treated as a day: the row stays visible and retryable by a steward. */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60_000;

export interface RetrySettings {
  maxAttempts: number;
  baseMs: number;
}

export function retrySettings(system: SystemConfig): RetrySettings {
  return {
    maxAttempts: system.delivery?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    baseMs: ms((system.delivery?.backoff ?? DEFAULT_BACKOFF) as ms.StringValue),
  };
}

/** What failed, as far as the retry decision is concerned. */
export interface FailureInfo {
  retryable: boolean;
  retryAfterMs?: number;
}

export type RetryDecision = { kind: 'retry'; delayMs: number } | { kind: 'dead'; reason: 'PERMANENT' | 'MAX_ATTEMPTS' };

/**
 * Exponential backoff with full jitter (a uniform delay in [0, base·2^(attempt-1)], capped), so many records that
 * failed together do not all come back together. A Retry-After from the system is a floor: the hub never calls
 * back earlier than it was asked to. `attempts` counts the attempts made so far, including the failed one.
 */
export function decideRetry(failure: FailureInfo, attempts: number, settings: RetrySettings, random: () => number = Math.random): RetryDecision {
  if (!failure.retryable) return { kind: 'dead', reason: 'PERMANENT' };
  if (attempts >= settings.maxAttempts) return { kind: 'dead', reason: 'MAX_ATTEMPTS' };
  const ceiling = Math.min(MAX_BACKOFF_MS, settings.baseMs * 2 ** Math.max(0, attempts - 1));
  const jittered = Math.floor(random() * ceiling);
  const floor = Math.min(MAX_RETRY_AFTER_MS, Math.max(0, failure.retryAfterMs ?? 0));
  return { kind: 'retry', delayMs: Math.max(floor, jittered) };
}
