import { describe, expect, it } from 'vitest';
import type { ClaimedDelivery } from '../delivery.types';
import { outcomeFor } from './delivery-outcome';

const row: ClaimedDelivery = {
  correlationId: null,
  appliedAt: null,
  id: '7', system: 'B', entityType: 'contact', goldenId: 'g', goldenVersion: 2, operation: 'upsert', payload: {}, canonical: {},
  payloadHash: 'h', mappingErrors: null, attempts: 2, idempotencyKey: 'mdh-B-7', unacked: false, windowAt: null,
};
const settings = { maxAttempts: 3, baseMs: 100 };

describe('outcome of an attempt', () => {
  it('success: delivered, the external id kept (not after a delete)', () => {
    expect(outcomeFor(row, { ok: true, action: 'created', externalId: 'b-1' }, settings)).toMatchObject({ status: 'delivered', externalId: 'b-1', unacked: false });
    expect(outcomeFor({ ...row, operation: 'delete' }, { ok: true, action: 'deleted', externalId: 'b-1' }, settings)).toMatchObject({ status: 'delivered', externalId: null });
  });

  it('a retryable failure goes back to pending with a delay and keeps the maybe-applied mark', () => {
    const o = outcomeFor(row, { ok: false, retryable: true, status: 500, code: 'HTTP_SERVER_ERROR', message: 'boom', maybeApplied: true }, settings, () => 0.5);
    expect(o).toMatchObject({ status: 'pending', delayMs: 100, lastStatus: 500, lastCode: 'HTTP_SERVER_ERROR', unacked: true });
    const refused = outcomeFor({ ...row, unacked: true }, { ok: false, retryable: true, status: 429, code: 'HTTP_RATE_LIMITED', message: 'slow', maybeApplied: false }, settings);
    expect(refused.unacked).toBe(true);
  });

  it('permanent failures, the last attempt and a system gone from the configuration are dead letters', () => {
    expect(outcomeFor(row, { ok: false, retryable: false, status: 400, code: 'HTTP_CLIENT_ERROR', message: 'bad', maybeApplied: false }, settings))
      .toMatchObject({ status: 'dead', lastError: 'bad', delayMs: null });
    expect(outcomeFor({ ...row, attempts: 3 }, { ok: false, retryable: true, code: 'HTTP_NETWORK', message: 'reset', maybeApplied: true }, settings).lastError)
      .toBe('reset (gave up after 3 attempts)');
    expect(outcomeFor(row, { ok: false, retryable: true, code: 'X', message: 'x', maybeApplied: false }, null).status).toBe('dead');
  });
});
