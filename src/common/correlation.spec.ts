import { describe, expect, it } from 'vitest';
import { correlationIdFrom, correlationScope, currentCorrelationId, distinctIds, runWithCorrelation } from './correlation';

describe('correlation ids', () => {
  it('prefers x-request-id, then webhook-id, then svix-id', () => {
    expect(correlationIdFrom({ 'x-request-id': 'req-1', 'webhook-id': 'msg-1' })).toBe('req-1');
    expect(correlationIdFrom({ 'webhook-id': 'msg-1', 'svix-id': 'svix-1' })).toBe('msg-1');
    expect(correlationIdFrom({ 'svix-id': 'svix-1' })).toBe('svix-1');
  });

  it('generates a UUID when no usable id came in (missing, too long, control characters)', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    expect(correlationIdFrom({})).toMatch(uuid);
    expect(correlationIdFrom({ 'x-request-id': 'x'.repeat(129) })).toMatch(uuid);
    expect(correlationIdFrom({ 'x-request-id': 'a b\n' })).toMatch(uuid);
  });

  it('keeps the scope across awaits and leaves it outside', async () => {
    const seen = await runWithCorrelation({ correlationId: 'c-1' }, async () => {
      await new Promise((r) => setTimeout(r, 1));
      return currentCorrelationId();
    });
    expect(seen).toBe('c-1');
    expect(correlationScope()).toBeUndefined();
  });

  it('lists distinct ids in first-seen order', () => {
    expect(distinctIds(['a', null, 'b', 'a', undefined, ''])).toEqual(['a', 'b']);
  });
});
