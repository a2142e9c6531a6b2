import { describe, expect, it } from 'vitest';
import { checkGuard, type KnownRecord, planReconciliation } from './reconcile-plan';

async function* ids(...list: string[]): AsyncIterable<string> {
  for (const id of list) yield id;
}

async function* failing(): AsyncIterable<string> {
  yield '1';
  throw new Error('HTTP_LIST_INCOMPLETE');
}

const known = (...list: [string, boolean?][]): KnownRecord[] => list.map(([id, gone]) => ({ externalId: id, goldenId: `g-${id}`, gone: gone ?? false }));

describe('planReconciliation', () => {
  it('finds records the hub lacks and records the system lost', async () => {
    const plan = await planReconciliation(known(['1'], ['2'], ['3'], ['4']), ids('1', '2', '4', '5', '5'), 'review');
    expect(plan.missingLocally).toEqual(['5']);
    expect(plan.missingRemotely.map((k) => k.externalId)).toEqual(['3']);
    expect(plan).toMatchObject({ listed: 4, known: 4, guard: { tripped: false } });
  });

  it('records already deleted are known (not pulled again) but never inferred deletes', async () => {
    const plan = await planReconciliation(known(['1'], ['2', true]), ids('1'), 'propagate');
    expect(plan.missingRemotely).toEqual([]);
    expect(plan.missingLocally).toEqual([]);
    expect(plan.known).toBe(1);
  });

  it('an incomplete listing throws: nothing is planned from it', async () => {
    await expect(planReconciliation(known(['1'], ['2']), failing(), 'propagate')).rejects.toThrow('HTTP_LIST_INCOMPLETE');
  });

  it('trips the mass-delete guard when most records would go', async () => {
    const plan = await planReconciliation(known(['1'], ['2'], ['3'], ['4']), ids('1'), 'propagate');
    expect(plan.guard).toMatchObject({ tripped: true, share: 0.75 });
    expect(plan.guard.reason).toContain('3 of 4');
  });
});

describe('checkGuard', () => {
  const guard = { maxShare: 0.5, minCount: 2 };
  it('lets a single delete through whatever the share', () => {
    expect(checkGuard(3, 2, 1, 'review', guard).tripped).toBe(false);
    expect(checkGuard(2, 1, 1, 'review', guard).tripped).toBe(false);
  });
  it('stops more than the share, not exactly the share', () => {
    expect(checkGuard(4, 2, 2, 'review', guard).tripped).toBe(false);
    expect(checkGuard(4, 1, 3, 'review', guard).tripped).toBe(true);
  });
  it('an empty listing while the hub knows records is suspect even for one record', () => {
    expect(checkGuard(1, 0, 1, 'propagate', guard)).toMatchObject({ tripped: true });
  });
  it('ignore infers nothing, and a share of 1 is a steward turning the guard off', () => {
    expect(checkGuard(4, 0, 4, 'ignore', guard).tripped).toBe(false);
    expect(checkGuard(4, 0, 4, 'propagate', { maxShare: 1, minCount: 2 }).tripped).toBe(false);
  });
});
