import { describe, expect, it } from 'vitest';
import type { AttemptResult } from '../delivery.types';
import { isOutage, OutageTracker } from './system-recovery';

const fail = (code: string, status?: number, retryable = true): AttemptResult => ({ ok: false, retryable, code, status, message: code, maybeApplied: true });
const ok: AttemptResult = { ok: true, action: 'updated', externalId: 'x' };
const at = (system: string, result: AttemptResult) => ({ row: { system }, result });

describe('isOutage', () => {
  it('no answer, 5xx and 408 are outages; 4xx, 429, permanent and hub-side waits are not', () => {
    expect([fail('HTTP_NETWORK'), fail('HTTP_TIMEOUT'), fail('HTTP_UNAVAILABLE', 503), fail('HTTP_TIMEOUT', 408), fail('PG_08006')].map(isOutage))
      .toEqual([true, true, true, true, true]);
    expect([fail('HTTP_RATE_LIMITED', 429), fail('SYSTEM_CHANGED', 412), fail('REFERENCE_PENDING'), fail('DELIVERY_ERROR'), fail('HTTP_CLIENT_ERROR', 400, false), ok]
      .map(isOutage)).toEqual([false, false, false, false, false, false]);
  });
});

describe('OutageTracker', () => {
  it('reports a system once when it answers again after an outage', () => {
    const t = new OutageTracker();
    expect(t.observe([at('A', ok), at('B', fail('HTTP_UNAVAILABLE', 503))])).toEqual([]);
    expect(t.observe([at('B', fail('HTTP_NETWORK'))])).toEqual([]);
    expect(t.observe([at('B', ok), at('A', ok)])).toEqual(['B']);
    expect(t.observe([at('B', ok)])).toEqual([]);
  });

  it('a batch where the system fails again after a success leaves it down', () => {
    const t = new OutageTracker();
    t.observe([at('B', fail('HTTP_NETWORK'))]);
    expect(t.observe([at('B', ok), at('B', fail('HTTP_SERVER_ERROR', 500))])).toEqual([]);
    expect(t.observe([at('B', ok)])).toEqual(['B']);
  });
});
