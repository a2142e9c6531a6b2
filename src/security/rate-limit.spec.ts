import { describe, expect, it } from 'vitest';
import { hubConfigSchema } from '../config/hub-config.schema';
import { apiKeyBudget, webhookBudget } from './rate-limit';

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
