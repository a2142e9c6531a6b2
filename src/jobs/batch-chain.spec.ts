import { describe, expect, it } from 'vitest';
import { runChain } from './batch-chain';
import type { BatchSteps, JobBatch } from './job.types';

/** A fake job over keys 1..total in batches of `size`, recording the order of what happens. */
function fakeJob(total: number, size: number, opts: { failAt?: number; plan?: boolean; stopAfter?: number } = {}) {
  const events: string[] = [];
  let committed = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const run = async (cursor: string | null, steps: BatchSteps, previousCommitted: Promise<void>): Promise<JobBatch> => {
    const from = cursor === null ? 0 : Number(cursor);
    const to = Math.min(total, from + size);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      events.push(`read ${from}`);
      const next = to - from < size ? null : String(to);
      if (opts.plan !== false) steps.planned(next);
      await new Promise((r) => setTimeout(r, 5));
      await steps.turnToLock();
      events.push(`lock ${from}`);
      steps.locked();
      await new Promise((r) => setTimeout(r, from === 0 ? 20 : 2)); // the first batch is the slowest
      if (opts.failAt === from) throw new Error(`batch ${from} failed`);
      await previousCommitted;
      committed = to;
      events.push(`commit ${from}`);
      return { processed: to - from, changed: 0, nextCursor: next };
    } finally {
      inFlight--;
    }
  };
  return { run, events, committed: () => committed, maxInFlight: () => maxInFlight };
}

describe('runChain', () => {
  it('overlaps two batches, locks and commits them in key order, and stops after the last', async () => {
    const job = fakeJob(25, 10);
    const result = await runChain({ start: null, max: 10, depth: 2, run: job.run, stopping: () => false });
    expect(result.batches.map((b) => [b.processed, b.nextCursor])).toEqual([[10, '10'], [10, '20'], [5, null]]);
    expect(result.error).toBeUndefined();
    expect(job.maxInFlight()).toBe(2);
    const order = (e: string) => job.events.filter((x) => x.startsWith(e));
    expect(order('lock')).toEqual(['lock 0', 'lock 10', 'lock 20']);
    expect(order('commit')).toEqual(['commit 0', 'commit 10', 'commit 20']);
    // the second batch read while the first was still working
    expect(job.events.indexOf('read 10')).toBeLessThan(job.events.indexOf('commit 0'));
  });

  it('a failed batch takes the later ones down; the earlier ones stay committed', async () => {
    const job = fakeJob(50, 10, { failAt: 10 });
    const result = await runChain({ start: null, max: 10, depth: 2, run: job.run, stopping: () => false });
    expect(result.batches.map((b) => b.nextCursor)).toEqual(['10']);
    expect((result.error as Error).message).toBe('batch 10 failed');
    expect(job.events.filter((e) => e.startsWith('commit'))).toEqual(['commit 0']);
    expect(job.events).not.toContain('read 30');
  });

  it('runs at most `max` batches, from the cursor it is given, and none once stopping', async () => {
    const job = fakeJob(100, 10);
    const result = await runChain({ start: '30', max: 2, depth: 2, run: job.run, stopping: () => false });
    expect(result.batches.map((b) => b.nextCursor)).toEqual(['40', '50']);
    expect((await runChain({ start: null, max: 5, depth: 2, run: job.run, stopping: () => true })).batches).toEqual([]);
  });

  it('a handler that does not plan ahead runs one batch at a time', async () => {
    const job = fakeJob(25, 10, { plan: false });
    const result = await runChain({ start: null, max: 10, depth: 2, run: job.run, stopping: () => false });
    expect(result.batches).toHaveLength(3);
    expect(job.maxInFlight()).toBe(1);
  });
});
