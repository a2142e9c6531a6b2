export interface AdapterErrorOptions {
  /** true: try again later (backoff); false: retrying cannot help (dead letter) */
  retryable: boolean;
  /** HTTP status, when the system answered over HTTP */
  status?: number;
  /** the system asked to wait this long before the next attempt (Retry-After) */
  retryAfterMs?: number;
  /** stable UPPER_SNAKE code, e.g. HTTP_TIMEOUT, PG_23505 */
  code: string;
  cause?: unknown;
}

/** The only error adapters throw: the delivery worker and poller branch on `retryable`, never on messages. */
export class AdapterError extends Error {
  constructor(
    message: string,
    readonly opts: AdapterErrorOptions,
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'AdapterError';
  }

  get retryable(): boolean {
    return this.opts.retryable;
  }

  get code(): string {
    return this.opts.code;
  }

  get status(): number | undefined {
    return this.opts.status;
  }

  get retryAfterMs(): number | undefined {
    return this.opts.retryAfterMs;
  }
}

/** Raised when an adapter is used after close(), e.g. while the registry swaps in a rebuilt one. */
export function adapterClosedError(system: string): AdapterError {
  return new AdapterError(`adapter for system ${system} is closed`, { retryable: true, code: 'ADAPTER_CLOSED' });
}
