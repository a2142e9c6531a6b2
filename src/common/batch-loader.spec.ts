import { describe, expect, it } from 'vitest';
import { BatchLoader } from './batch-loader';

describe('BatchLoader', () => {
  it('loads keys asked for in the same turn with one call, even behind awaits, and caches them', async () => {
    const calls: string[][] = [];
    const loader = new BatchLoader<string, string>(async (keys) => {
      calls.push(keys);
      return new Map(keys.filter((k) => k !== 'missing').map((k) => [k, k.toUpperCase()]));
    }, 'none');
    const delayed = async (k: string) => {
      await Promise.resolve();
      await Promise.resolve();
      return loader.load(k);
    };
    const results = await Promise.all([loader.load('a'), delayed('b'), loader.load('a'), delayed('missing')]);
    expect(results).toEqual(['A', 'B', 'A', 'none']);
    expect(calls).toEqual([['a', 'b', 'missing']]);

    expect(await loader.load('b')).toBe('B');
    expect(calls).toHaveLength(1);
    expect(await loader.load('c')).toBe('C');
    expect(calls).toEqual([['a', 'b', 'missing'], ['c']]);
  });

  it('rejects every waiter of a failed batch and does not cache the failure', async () => {
    let fail = true;
    const loader = new BatchLoader<string, number>(async (keys) => {
      if (fail) throw new Error('db down');
      return new Map(keys.map((k) => [k, k.length]));
    }, 0);
    await expect(Promise.all([loader.load('x'), loader.load('yy')])).rejects.toThrow('db down');
    fail = false;
    expect(await loader.load('yy')).toBe(2);
  });
});
