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

/**
 * Which of several requests counted together fit the budget. `points` in arrival order; `consumedAfter` the
 * window's total once all of them were added (what the store answers). Each request is judged on the total up to
 * and including its own points, exactly as if each had been counted alone in that order: every request's points
 * count, refused or not (as the store counts a refused one), and a request over the budget is refused.
 */
export function fitsBudget(points: readonly number[], consumedAfter: number, budget: number): boolean[] {
  let running = consumedAfter - points.reduce((sum, p) => sum + p, 0);
  return points.map((p) => (running += p) <= budget);
}
