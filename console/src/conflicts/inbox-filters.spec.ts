import { describe, expect, it } from 'vitest';
import { describeFilters, filtersFromSearch, filtersToSearch, filtersToVariables, withFilter } from './inbox-filters';

describe('inbox filters', () => {
  it('reads the URL: open conflicts by default, "any" for every status, blanks ignored', () => {
    expect(filtersFromSearch('')).toEqual({ status: 'open', entityType: null, field: null, system: null, age: null });
    expect(filtersFromSearch('?status=any&field=phone&system=B&age=day&entityType=')).toEqual({
      status: null, entityType: null, field: 'phone', system: 'B', age: 'day',
    });
  });

  it('writes the URL without defaults, and reads back what it wrote', () => {
    expect(filtersToSearch(filtersFromSearch(''))).toBe('');
    const f = { status: 'auto_resolved', entityType: 'contact', field: 'first name', system: null, age: 'hour' };
    const search = filtersToSearch(f);
    expect(search).toBe('?status=auto_resolved&entityType=contact&field=first+name&age=hour');
    expect(filtersFromSearch(search)).toEqual(f);
    expect(filtersToSearch({ ...f, status: null })).toContain('status=any');
  });

  it('toggles a value off when it is chosen again', () => {
    const f = filtersFromSearch('?field=phone');
    expect(withFilter(f, 'field', 'email').field).toBe('email');
    expect(withFilter(f, 'field', 'phone').field).toBeNull();
    expect(withFilter(f, 'system', 'A')).toMatchObject({ field: 'phone', system: 'A' });
  });

  it('turns filters and a cursor into the query variables', () => {
    expect(filtersToVariables(filtersFromSearch('?system=C'), 'abc', 25)).toEqual({
      status: 'open', entityType: null, field: null, system: 'C', age: null, first: 25, after: 'abc',
    });
    expect(filtersToVariables(filtersFromSearch(''), null).first).toBe(50);
  });

  it('describes the filters in words for the result count', () => {
    expect(describeFilters(filtersFromSearch('?status=any&field=phone&age=week'))).toBe('Any status, field phone, 1 to 7 days');
    expect(describeFilters(filtersFromSearch(''))).toBe('Open (needs a decision)');
  });
});
