import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('GroupCommit', () => {
  it('flushes a lone item at once and groups the items that arrive while a flush runs', async () => {
    const flushes: number[][] = [];
    const gate = deferred();
    const group = new GroupCommit<number, number>(async (items) => {
      flushes.push(items);
      if (flushes.length === 1) await gate.promise;
      return items.map((i) => i * 10);
    }, () => 1, { maxWeight: 100, maxInFlight: 1 });

    const first = group.submit(1);
    const rest = [2, 3, 4].map((i) => group.submit(i));
    gate.resolve();
    await expect(first).resolves.toBe(10);
    await expect(Promise.all(rest)).resolves.toEqual([20, 30, 40]);
    expect(flushes).toEqual([[1], [2, 3, 4]]);
  });

  it('keeps each flush within maxWeight, but always takes at least one item', async () => {
    const flushes: number[][] = [];
    const gate = deferred();
    const group = new GroupCommit<number, number>(async (items) => {
      flushes.push(items);
      if (flushes.length === 1) await gate.promise;
      return items;
    }, (i) => i, { maxWeight: 5, maxInFlight: 1 });

    const all = [1, 2, 3, 4, 9].map((i) => group.submit(i));
    gate.resolve();
    await expect(Promise.all(all)).resolves.toEqual([1, 2, 3, 4, 9]);
    expect(flushes).toEqual([[1], [2, 3], [4], [9]]);
  });

  it('retries a failed group one item at a time, so only the item at fault fails', async () => {
    const gate = deferred();
    let calls = 0;
    const group = new GroupCommit<string, string>(async (items) => {
      calls++;
      if (calls === 1) await gate.promise;
      if (items.includes('bad')) throw new Error(`refused ${items.join(',')}`);
      return items.map((i) => i.toUpperCase());
    }, () => 1, { maxWeight: 10, maxInFlight: 1 });

    const first = group.submit('a');
    const grouped = ['b', 'bad', 'c'].map((i) => group.submit(i).then((v) => ({ ok: v }), (e: Error) => ({ err: e.message })));
    gate.resolve();
    await expect(first).resolves.toBe('A');
    await expect(Promise.all(grouped)).resolves.toEqual([{ ok: 'B' }, { err: 'refused bad' }, { ok: 'C' }]);
  });

  it('runs up to maxInFlight flushes at once', async () => {
    let running = 0;
    let peak = 0;
    const group = new GroupCommit<number, number>(async (items) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return items;
    }, () => 1, { maxWeight: 1, maxInFlight: 3 });
    await expect(Promise.all(Array.from({ length: 9 }, (_, i) => group.submit(i)))).resolves.toHaveLength(9);
    expect(peak).toBe(3);
  });
});
