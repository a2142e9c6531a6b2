import { describe, expect, it } from 'vitest';
import { WriteBatcher } from './write-batcher';

describe('WriteBatcher', () => {
  it('sends calls made together as one batch per key and answers each caller with its own result or error', async () => {
    const batches: [string, number[]][] = [];
    const b = new WriteBatcher<number, number>(async (key, ops) => {
      batches.push([key, ops]);
      return ops.map((n) => (n < 0 ? new Error(`bad ${n}`) : n * 10));
    }, 100);
    const answers = await Promise.allSettled([b.submit('x', 1), b.submit('y', 2), b.submit('x', -3), b.submit('x', 4)]);
    expect(batches).toEqual([['x', [1, -3, 4]], ['y', [2]]]);
    expect(answers.map((a) => (a.status === 'fulfilled' ? a.value : (a.reason as Error).message))).toEqual([10, 20, 'bad -3', 40]);
  });

  it('sends a full batch at once and starts a new one', async () => {
    const sizes: number[] = [];
    const b = new WriteBatcher<number, number>(async (_key, ops) => {
      sizes.push(ops.length);
      return ops;
    }, 2);
    await expect(Promise.all([1, 2, 3, 4, 5].map((n) => b.submit('k', n)))).resolves.toEqual([1, 2, 3, 4, 5]);
    expect(sizes).toEqual([2, 2, 1]);
  });

  it('a failed batch fails every call in it', async () => {
    const b = new WriteBatcher<number, number>(async () => {
      throw new Error('down');
    }, 10);
    const answers = await Promise.allSettled([b.submit('k', 1), b.submit('k', 2)]);
    expect(answers.map((a) => a.status)).toEqual(['rejected', 'rejected']);
  });
});
