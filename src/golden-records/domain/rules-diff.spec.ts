import { describe, expect, it } from 'vitest';
import { changedRuleFields, sameRanking } from './rules-diff';
import { contactType } from './testing/survivorship-sim';

describe('sameRanking', () => {
  it.each([
    [['A', 'B'], ['A', 'B'], true],
    [['A', 'B'], ['B', 'A'], false],
    [['A', 'B'], ['A', 'B', 'C'], true], // a system appended: ranked last before (unlisted) and after
    [['A', 'B', 'C'], ['A', 'B'], true],
    [['A', 'C', 'B'], ['A', 'B'], false], // C moved from before B to unlisted (after B)
    [['A'], ['A', 'B', 'C'], false], // B and C tied when unlisted, ordered now
    [[], [], true],
  ])('%j vs %j → %s', (a, b, same) => {
    expect(sameRanking(a, b)).toBe(same);
  });
});

describe('changedRuleFields', () => {
  it('lists nothing when only the lists\' completion differs', () => {
    expect(changedRuleFields(contactType({ precedence: ['A', 'B'] }), contactType({ precedence: ['A', 'B', 'C'] }))).toEqual([]);
  });

  it('an entity precedence change touches every field without its own precedence', () => {
    const before = contactType({ precedence: ['A', 'B'], fieldPrecedence: { phone: ['B', 'A'] } });
    const after = contactType({ precedence: ['B', 'A'], fieldPrecedence: { phone: ['B', 'A'] } });
    expect(changedRuleFields(before, after)).toEqual(['address', 'balance', 'birthDate', 'email', 'firstName', 'roles']);
  });

  it('a field precedence or a field strategy touches that field only', () => {
    const before = contactType();
    expect(changedRuleFields(before, contactType({ fieldPrecedence: { firstName: ['B', 'A'] } }))).toEqual(['firstName']);
    const manualPhone = contactType({ fields: { ...before.fields, phone: { type: 'phone', strategy: 'manual' } } });
    expect(changedRuleFields(before, manualPhone)).toEqual(['phone']);
  });

  it('the type\'s strategy touches every field that does not set its own', () => {
    const before = contactType({ fields: { ...contactType().fields, phone: { type: 'phone', strategy: 'latest' } } });
    const after = contactType({ strategy: 'precedence', fields: before.fields });
    expect(changedRuleFields(before, after)).not.toContain('phone');
    expect(changedRuleFields(before, after)).toContain('firstName');
  });
});
