import { describe, expect, it } from 'vitest';
import { candidatesOf, commonSystems } from './candidates';

describe('conflict candidates', () => {
  it('reads the API JSON, skipping malformed entries', () => {
    expect(candidatesOf([{ system: 'A', value: 'x', at: '2026-01-01T00:00:00.000Z' }, { value: 1 }, null, { system: 'B', value: null }]))
      .toEqual([{ system: 'A', value: 'x', at: '2026-01-01T00:00:00.000Z' }, { system: 'B', value: null, at: null }]);
    expect(candidatesOf('nope')).toEqual([]);
  });

  it('offers for a bulk resolution only the systems every selected conflict has', () => {
    const c = (...systems: string[]) => ({ values: systems.map((system) => ({ system, value: 1 })) });
    expect(commonSystems([c('A', 'B'), c('B', 'C', 'A')])).toEqual(['A', 'B']);
    expect(commonSystems([c('A'), c('B')])).toEqual([]);
    expect(commonSystems([])).toEqual([]);
  });
});
