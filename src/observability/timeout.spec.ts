import { describe, expect, it } from 'vitest';
import { TimeoutError, withTimeout } from './timeout';

describe('withTimeout', () => {
  it('passes the result through when the work is in time', async () => {
    await expect(withTimeout(Promise.resolve(42), 100, 'quick')).resolves.toBe(42);
  });

  it('passes the work\'s own failure through', async () => {
    await expect(withTimeout(Promise.reject(new Error('boom')), 100, 'failing')).rejects.toThrow('boom');
  });

  it('gives up after the limit, naming the work', async () => {
    const never = new Promise<number>(() => undefined);
    const err = await withTimeout(never, 20, 'slow query').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as Error).message).toBe('slow query timed out after 20 ms');
  });

  it('a late failure of abandoned work is swallowed, not an unhandled rejection', async () => {
    const late = new Promise<number>((_, reject) => setTimeout(() => reject(new Error('late')), 30));
    await expect(withTimeout(late, 5, 'late work')).rejects.toBeInstanceOf(TimeoutError);
    await new Promise((r) => setTimeout(r, 50));
  });
});
