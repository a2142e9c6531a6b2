import { describe, expect, it } from 'vitest';
import { hubConfigSchema } from '../config/hub-config.schema';
import { apiKeyBudget, fitsBudget, webhookBudget } from './rate-limit';

describe('rate-limit budgets', () => {
  it('uses the defaults when the document sets none', () => {
    const config = hubConfigSchema.parse({ systems: { A: {} } });
    expect(apiKeyBudget(config)).toEqual({ points: 3_000, seconds: 60 });
    expect(webhookBudget(config, 'A')).toEqual({ points: 600_000, seconds: 60 });
  });

  it('takes the hub budgets and a system’s own one from the document', () => {
    const config = hubConfigSchema.parse({
      rateLimits: { apiKeys: { requests: 10, per: '30s' }, webhooks: { events: 100, per: '1h' } },
      systems: { A: {}, B: { rateLimit: { events: 5, per: '1s' } } },
    });
    expect(apiKeyBudget(config)).toEqual({ points: 10, seconds: 30 });
    expect(webhookBudget(config, 'A')).toEqual({ points: 100, seconds: 3_600 });
    expect(webhookBudget(config, 'B')).toEqual({ points: 5, seconds: 1 });
  });
});

/** Requests counted together are judged as if counted one by one in arrival order. */
describe('fitsBudget', () => {
  it('lets every request through while the window total stays within the budget', () => {
    expect(fitsBudget([1, 1, 1], 3, 10)).toEqual([true, true, true]);
    expect(fitsBudget([1, 1, 1], 10, 10)).toEqual([true, true, true]);
  });

  it('refuses the requests after the one that reached the budget, in arrival order', () => {
    // 8 counted before the group, then 1, 1, 1, 1: the third and fourth go over 10
    expect(fitsBudget([1, 1, 1, 1], 12, 10)).toEqual([true, true, false, false]);
  });

  it('refuses a batch larger than what is left but lets a later small request through, as one-by-one counting would', () => {
    // alone: 5 + 6 = 11 > 10 refused (its points still count: the store adds them), then 11 + 1 = 12 refused too
    expect(fitsBudget([6, 1], 12, 10)).toEqual([false, false]);
    // 2 before: 2 + 3 = 5 fits, 5 + 9 = 14 does not, and then 14 + 1 = 15 does not either
    expect(fitsBudget([3, 9, 1], 15, 10)).toEqual([true, false, false]);
  });

  it('refuses a batch over the whole budget even in an empty window', () => {
    expect(fitsBudget([11], 11, 10)).toEqual([false]);
  });
});
