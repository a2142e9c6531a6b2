import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binding, deliveryTestConfig } from '../testing/delivery-config.fixture';
import { decideRetry, MAX_BACKOFF_MS, MAX_RETRY_AFTER_MS, retrySettings } from './retry-policy';

const settings = { maxAttempts: 8, baseMs: 1000 };

describe('retry policy', () => {
  it('reads the system settings with defaults', () => {
    const active = deliveryTestConfig();
    expect(retrySettings(binding(active, 'B').system)).toEqual({ maxAttempts: 3, baseMs: 2000 });
    expect(retrySettings(binding(active, 'A').system)).toEqual({ maxAttempts: 8, baseMs: 1000 });
  });

  it('permanent errors and the last attempt are dead letters', () => {
    expect(decideRetry({ retryable: false }, 1, settings)).toEqual({ kind: 'dead', reason: 'PERMANENT' });
    expect(decideRetry({ retryable: true }, 8, settings)).toEqual({ kind: 'dead', reason: 'MAX_ATTEMPTS' });
    expect(decideRetry({ retryable: true, retryAfterMs: 5000 }, 8, settings)).toEqual({ kind: 'dead', reason: 'MAX_ATTEMPTS' });
  });

  it('full jitter: the delay lies in [0, base·2^(attempt-1)], capped', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 7 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, r) => {
      const d = decideRetry({ retryable: true }, attempt, settings, () => r);
      expect(d.kind).toBe('retry');
      const ceiling = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (attempt - 1));
      expect(d.kind === 'retry' && d.delayMs >= 0 && d.delayMs < ceiling).toBe(true);
    }));
    expect(decideRetry({ retryable: true }, 3, settings, () => 0.999)).toEqual({ kind: 'retry', delayMs: 3996 });
    expect(decideRetry({ retryable: true }, 30, { maxAttempts: 50, baseMs: 1000 }, () => 0.5)).toEqual({ kind: 'retry', delayMs: MAX_BACKOFF_MS / 2 });
  });

  it('Retry-After is a floor over the jittered backoff, itself capped at a day', () => {
    expect(decideRetry({ retryable: true, retryAfterMs: 30_000 }, 1, settings, () => 0.5)).toEqual({ kind: 'retry', delayMs: 30_000 });
    expect(decideRetry({ retryable: true, retryAfterMs: 10 }, 5, settings, () => 0.5)).toEqual({ kind: 'retry', delayMs: 8000 });
    expect(decideRetry({ retryable: true, retryAfterMs: 10 * MAX_RETRY_AFTER_MS }, 1, settings, () => 0)).toEqual({ kind: 'retry', delayMs: MAX_RETRY_AFTER_MS });
  });
});
