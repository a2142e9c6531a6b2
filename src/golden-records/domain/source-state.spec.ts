import { describe, expect, it } from 'vitest';
import { nextSourceState, withDelivered } from './source-state';
import { applyChange } from './survivorship';
import type { SourceState } from './survivorship.types';
import { contactType } from './testing/survivorship-sim';

describe('source state bookkeeping', () => {
  const previous: SourceState = {
    system: 'B', data: { firstName: 'Bo', phone: '+14155550100' }, synced: { firstName: 'Bo', phone: '+14155550100' }, at: '2024-01-02T00:00:00.000Z',
  };

  it('merges what the system said over what it said before and takes the new base from the result', () => {
    const incoming = { system: 'B', data: { firstName: 'Bob', email: undefined }, at: '2024-01-03T00:00:00.000Z' };
    const result = applyChange({
      entityType: contactType(), golden: { data: {}, lineage: {} }, sources: [], incomingSource: previous, incoming, now: '2024-01-03T00:00:01.000Z',
    });
    const next = nextSourceState(previous, incoming, result);
    expect(next).toEqual({
      system: 'B', data: { firstName: 'Bob', phone: '+14155550100' }, synced: result.incomingSynced, at: '2024-01-03T00:00:00.000Z',
    });
    expect(Object.keys(next.data)).not.toContain('email');
  });

  it('keeps the latest source timestamp when an older change arrives late', () => {
    const incoming = { system: 'B', data: { firstName: 'Bob' }, at: '2024-01-01T00:00:00.000Z' };
    const result = applyChange({
      entityType: contactType(), golden: null, sources: [], incomingSource: previous, incoming, now: '2024-01-03T00:00:01.000Z',
    });
    expect(nextSourceState(previous, incoming, result).at).toBe(previous.at);
    expect(nextSourceState(null, incoming, result).at).toBe(incoming.at);
  });

  it('records a confirmed write as both what the system holds and its new base', () => {
    const next = withDelivered(previous, 'B', { firstName: 'Alice', email: 'a@example.com', skipped: undefined }, '2024-02-01T00:00:00.000Z');
    expect(next).toEqual({
      system: 'B',
      data: { firstName: 'Alice', phone: '+14155550100', email: 'a@example.com' },
      synced: { firstName: 'Alice', phone: '+14155550100', email: 'a@example.com' },
      at: previous.at,
    });
    expect(withDelivered(null, 'C', { firstName: 'Alice' }, '2024-02-01T00:00:00.000Z'))
      .toEqual({ system: 'C', data: { firstName: 'Alice' }, synced: { firstName: 'Alice' }, at: '2024-02-01T00:00:00.000Z' });
  });
});
