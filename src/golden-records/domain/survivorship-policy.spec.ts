import { describe, expect, it } from 'vitest';
import { isEmptyValue, laterTimestamp, precedenceFor, rankOf, strategyFor, timestampMillis } from './survivorship-policy';
import { contactType } from './testing/survivorship-sim';

describe('survivorship policy', () => {
  const type = contactType({
    precedence: ['A', 'B', 'C'], fieldPrecedence: { phone: ['B', 'A'] }, strategy: 'precedence',
    fields: { firstName: { type: 'string', strategy: 'manual' }, phone: { type: 'phone' } },
  });

  it('uses the field precedence override, else the entity type list', () => {
    expect(precedenceFor(type, 'phone')).toEqual(['B', 'A']);
    expect(precedenceFor(type, 'firstName')).toEqual(['A', 'B', 'C']);
  });

  it('uses the field strategy, else the entity type strategy (also for undeclared fields)', () => {
    expect(strategyFor(type, 'firstName')).toBe('manual');
    expect(strategyFor(type, 'phone')).toBe('precedence');
    expect(strategyFor(type, 'notDeclared')).toBe('precedence');
  });

  it('ranks unlisted systems and stewards below every listed one, all equal', () => {
    expect(rankOf(['B', 'A'], 'B')).toBe(0);
    expect(rankOf(['B', 'A'], 'A')).toBe(1);
    expect(rankOf(['B', 'A'], 'C')).toBe(2);
    expect(rankOf(['B', 'A'], null)).toBe(2);
    expect(rankOf([], 'A')).toBe(0);
  });

  it('calls null, blank strings, empty lists and empty objects empty, and nothing else', () => {
    for (const empty of [null, undefined, '', '   ', [], {}]) expect(isEmptyValue(empty)).toBe(true);
    for (const value of [0, false, 'x', ['a'], { amount: '0.00', currency: 'EUR' }, '0']) expect(isEmptyValue(value)).toBe(false);
  });

  it('reads ISO timestamps in any offset and refuses anything else', () => {
    expect(timestampMillis('2024-01-01T02:00:00+02:00', 'at')).toBe(Date.UTC(2024, 0, 1));
    expect(laterTimestamp('2024-01-01T10:00:00Z', '2024-01-01T11:00:00+02:00')).toBe('2024-01-01T10:00:00Z');
    expect(laterTimestamp('2024-01-01T10:00:00Z', '2024-01-01T10:00:00.001Z')).toBe('2024-01-01T10:00:00.001Z');
    expect(() => timestampMillis('2024-13-01', 'at')).toThrow(expect.objectContaining({ code: 'INVALID_TIMESTAMP', kind: 'invalid' }));
  });
});
