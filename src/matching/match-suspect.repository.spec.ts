import { describe, expect, it } from 'vitest';
import { isDismissed } from './match-suspect.repository';

describe('"not a match" memory by source cross-references', () => {
  const remembered = new Set(['A:a-5\u0000B:b-5']);
  it.each<[string, string[], string[], boolean]>([
    ['the pair as dismissed', ['A:a-5'], ['B:b-5'], true],
    ['either order', ['B:b-5'], ['A:a-5'], true],
    ['after a third source joined one side', ['A:a-5', 'B:b-55'], ['B:b-5'], true],
    ['after a merge brought the key to another record', ['C:c-1', 'A:a-5'], ['B:b-5', 'A:a-9'], true],
    ['another pair', ['A:a-6'], ['B:b-5'], false],
    ['a key on both sides is no pair', ['A:a-5'], ['A:a-5'], false],
  ])('%s', (_name, left, right, expected) => {
    expect(isDismissed(remembered, left, right)).toBe(expected);
  });
  it('answers false at once with nothing remembered', () => {
    expect(isDismissed(new Set(), ['A:a-5'], ['B:b-5'])).toBe(false);
  });
});
