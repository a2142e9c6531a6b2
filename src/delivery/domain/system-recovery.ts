import type { AttemptResult } from '../delivery.types';

/** Retryable failures that say nothing about the system being down. */
export const NOT_AN_OUTAGE = ['REFERENCE_PENDING', 'DELIVERY_ERROR', 'SYSTEM_CHANGED', 'ADAPTER_CLOSED'] as const;

/**
 * A failure that means the system itself is not answering: no answer at all (network, timeout) or a 5xx/408.
 * A 4xx (including 429) is the system answering, and its own Retry-After or backoff stands.
 */
export function isOutage(result: AttemptResult): boolean {
  if (result.ok || !result.retryable || (NOT_AN_OUTAGE as readonly string[]).includes(result.code)) return false;
  return result.status === undefined || result.status >= 500 || result.status === 408;
}

/**
 * Remembers, in this process, the systems whose last answered delivery was an outage, and reports the ones that
 * answer again: their waiting deliveries can then be tried at once instead of each sitting out its own backoff
 * (up to the ceiling after a long outage).
 */
export class OutageTracker {
  private readonly down = new Set<string>();

  observe(attempts: { row: { system: string }; result: AttemptResult }[]): string[] {
    const recovered = new Set<string>();
    for (const { row, result } of attempts) {
      if (isOutage(result)) {
        this.down.add(row.system);
        recovered.delete(row.system);
      } else if (result.ok && this.down.has(row.system)) {
        recovered.add(row.system);
      }
    }
    for (const system of recovered) this.down.delete(system);
    return [...recovered];
  }
}
