import { SystemHttpError } from './system-error';

export interface FaultSpec {
  /** answer this status instead of handling the request */
  status?: number;
  /** how many requests the fault applies to; absent: every request until cleared */
  count?: number;
  /** wait this long before answering (slow system, client timeouts) */
  delayMs?: number;
  /** Retry-After header in seconds, with 429 or 503 */
  retryAfter?: number;
}

export interface ActiveFault extends FaultSpec {
  /** requests still to be affected; null: until cleared */
  remaining: number | null;
}

/** Makes the next requests fail or slow down, so the hub's retries, backoff and timeouts can be tested. */
export class FaultInjector {
  private active: ActiveFault | null = null;

  /** `{}` clears. */
  set(input: unknown): ActiveFault | null {
    const spec = parseFaultSpec(input);
    this.active = spec.status === undefined && spec.delayMs === undefined ? null : { ...spec, remaining: spec.count ?? null };
    return this.current();
  }

  clear(): void {
    this.active = null;
  }

  current(): ActiveFault | null {
    return this.active ? { ...this.active } : null;
  }

  /** The fault for the request now arriving, if any; counts it down. */
  take(): FaultSpec | null {
    const fault = this.active;
    if (!fault) return null;
    if (fault.remaining !== null) {
      fault.remaining--;
      if (fault.remaining <= 0) this.active = null;
    }
    return { status: fault.status, delayMs: fault.delayMs, retryAfter: fault.retryAfter };
  }
}

function parseFaultSpec(input: unknown): FaultSpec {
  const bad = (message: string): SystemHttpError => new SystemHttpError(400, 'INVALID_FAULT', message);
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw bad('the fault must be a JSON object');
  const { status, count, delayMs, retryAfter, ...rest } = input as Record<string, unknown>;
  if (Object.keys(rest).length) throw bad(`unknown fault fields: ${Object.keys(rest).join(', ')}`);
  const int = (v: unknown, min: number, max: number): boolean => Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max;
  if (status !== undefined && !int(status, 400, 599)) throw bad('status must be an HTTP error status (400–599)');
  if (count !== undefined && !int(count, 1, 1_000_000)) throw bad('count must be a positive integer');
  if (delayMs !== undefined && !int(delayMs, 0, 120_000)) throw bad('delayMs must be 0–120000');
  if (retryAfter !== undefined && !int(retryAfter, 0, 86_400)) throw bad('retryAfter must be 0–86400 seconds');
  if (status === undefined && delayMs === undefined && (count !== undefined || retryAfter !== undefined)) {
    throw bad('give a status and/or delayMs (or {} to clear)');
  }
  return { status, count, delayMs, retryAfter } as FaultSpec;
}
