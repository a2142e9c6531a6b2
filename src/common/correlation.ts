import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingHttpHeaders } from 'node:http';
import { randomUUID } from 'node:crypto';

/**
 * The correlation id of the work running now: one request's id, or the ids of the events a pipeline batch or a
 * delivery claim handles. Kept in async-local storage so every log line written on the way (the logger's mixin
 * reads it) carries it without threading it through each call.
 */
export interface CorrelationScope {
  correlationId?: string;
  /** a batch handles many changes: all their ids (distinct) */
  correlationIds?: string[];
}

const storage = new AsyncLocalStorage<CorrelationScope>();

/** Longest id taken from a caller; a longer or non-printable one is replaced by a generated id. */
export const MAX_CORRELATION_ID_LENGTH = 128;
const ACCEPTABLE = /^[\x21-\x7e]+$/;

/** Headers honoured, in order: a proxy's or client's request id, then the sender's Standard Webhooks message id. */
export const CORRELATION_HEADERS = ['x-request-id', 'webhook-id', 'svix-id'] as const;

export function acceptableCorrelationId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_CORRELATION_ID_LENGTH && ACCEPTABLE.test(value);
}

/** The incoming id when there is a usable one, a new UUID otherwise. */
export function correlationIdFrom(headers: IncomingHttpHeaders): string {
  for (const name of CORRELATION_HEADERS) {
    const value = headers[name];
    const first = Array.isArray(value) ? value[0] : value;
    if (acceptableCorrelationId(first)) return first;
  }
  return randomUUID();
}

export function runWithCorrelation<T>(scope: CorrelationScope, work: () => T): T {
  return storage.run(scope, work);
}

/** The scope of the work running now; a batch fills its ids in once it knows its events. */
export function correlationScope(): CorrelationScope | undefined {
  return storage.getStore();
}

export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

/** The distinct non-empty ids among `ids`, in first-seen order. */
export function distinctIds(ids: Iterable<string | null | undefined>): string[] {
  return [...new Set([...ids].filter((id): id is string => typeof id === 'string' && id.length > 0))];
}
