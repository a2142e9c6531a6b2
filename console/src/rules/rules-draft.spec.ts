import { describe, expect, it } from 'vitest';
import { changedRules, draftFrom, moved, readImpact } from './rules-draft';

describe('rules draft', () => {
  const effective = { precedence: ['A', 'B', 'C'], fieldPrecedence: { phone: ['B', 'A', 'C'] } };

  it('moves a system up or down, and not past either end', () => {
    expect(moved(['A', 'B', 'C'], 1, -1)).toEqual(['B', 'A', 'C']);
    expect(moved(['A', 'B', 'C'], 1, 1)).toEqual(['A', 'C', 'B']);
    expect(moved(['A', 'B'], 0, -1)).toEqual(['A', 'B']);
    expect(moved(['A', 'B'], 1, 1)).toEqual(['A', 'B']);
  });

  it('sends only what changed, and nothing for an untouched draft', () => {
    const draft = draftFrom(effective);
    expect(changedRules(effective, draft)).toBeNull();
    expect(changedRules(effective, { ...draft, precedence: ['B', 'A', 'C'] })).toEqual({ precedence: ['B', 'A', 'C'] });
    const withField = { ...draft, fieldPrecedence: { ...draft.fieldPrecedence, firstName: ['B', 'A', 'C'] } };
    expect(changedRules(effective, withField)).toEqual({ fieldPrecedence: { phone: ['B', 'A', 'C'], firstName: ['B', 'A', 'C'] } });
    expect(changedRules(effective, { ...draft, fieldPrecedence: {} })).toEqual({ fieldPrecedence: {} });
  });

  it('does not share lists with the rules it started from', () => {
    const draft = draftFrom(effective);
    draft.fieldPrecedence.phone.reverse();
    expect(effective.fieldPrecedence.phone).toEqual(['B', 'A', 'C']);
  });

  it('reads a dry run impact, filling what is missing', () => {
    expect(readImpact(null)).toEqual({ rulesChanged: [], records: 0, fields: {}, sample: [] });
    expect(readImpact({ records: 2, fields: { firstName: 2 } }).records).toBe(2);
  });
});
