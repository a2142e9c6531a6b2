import { describe, expect, it } from 'vitest';
import { percent, suspectFiltersFromSearch, suspectFiltersToSearch, suspectFiltersToVariables } from './suspect-filters';

describe('duplicates queue filters', () => {
  it('defaults to the open suspects of every type and score', () => {
    expect(suspectFiltersFromSearch('')).toEqual({ status: 'open', entityType: null, minScore: null });
    expect(suspectFiltersToSearch(suspectFiltersFromSearch(''))).toBe('');
  });

  it('round-trips through the URL, "any" standing for every status', () => {
    const f = suspectFiltersFromSearch('?status=any&entityType=contact&minScore=0.9');
    expect(f).toEqual({ status: null, entityType: 'contact', minScore: 0.9 });
    expect(suspectFiltersToSearch(f)).toBe('?status=any&entityType=contact&minScore=0.9');
    expect(suspectFiltersToVariables(f, 'c1', 10)).toEqual({ status: null, entityType: 'contact', minScore: 0.9, first: 10, after: 'c1' });
  });

  it('ignores an unknown status and a score outside 0–1', () => {
    expect(suspectFiltersFromSearch('?status=bogus&minScore=7')).toEqual({ status: 'open', entityType: null, minScore: null });
    expect(suspectFiltersFromSearch('?minScore=abc').minScore).toBeNull();
  });

  it('shows scores as whole percentages', () => {
    expect(percent(0.873)).toBe('87 %');
    expect(percent(null)).toBe('—');
  });
});
