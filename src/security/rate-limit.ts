import ms from 'ms';
import type { HubConfig } from '../config/hub-config.schema';

/** A budget: `points` per window of `seconds`. */
export interface Budget {
  points: number;
  seconds: number;
}

/** Generous defaults: they stop a runaway client, not a busy one. The configuration document may change them. */
export const DEFAULT_API_KEY_BUDGET = { requests: 3_000, per: '1m' } as const;
export const DEFAULT_WEBHOOK_BUDGET = { events: 600_000, per: '1m' } as const;

function budget(points: number, per: string): Budget {
  return { points, seconds: Math.max(1, Math.round(ms(per as ms.StringValue) / 1000)) };
}

export function apiKeyBudget(config: HubConfig): Budget {
  const b = config.rateLimits?.apiKeys ?? DEFAULT_API_KEY_BUDGET;
  return budget(b.requests, b.per);
}

/** A system's own budget, else the hub's webhook budget. */
export function webhookBudget(config: HubConfig, systemKey: string): Budget {
  const own = Object.hasOwn(config.systems, systemKey) ? config.systems[systemKey].rateLimit : undefined;
  const b = own ?? config.rateLimits?.webhooks ?? DEFAULT_WEBHOOK_BUDGET;
  return budget(b.events, b.per);
}
