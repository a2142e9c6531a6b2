import { Agent, interceptors, request } from 'undici';
import { AdapterError } from '../adapter.error';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: URL;
  headers: Headers;
  body?: string;
  timeoutMs: number;
  /** non-2xx statuses the caller handles itself (e.g. 404 on get/delete) instead of an error */
  passStatuses?: readonly number[];
}

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
}

const EXCERPT_LENGTH = 200;

/**
 * One HTTP exchange with error classification shared by the http and webhook adapters:
 * network errors, timeouts, 408 and 5xx are retryable; 429/503 carry Retry-After; other 4xx are permanent.
 */
export async function sendHttp(req: HttpRequest): Promise<HttpResult> {
  const where = `${req.method} ${req.url.origin}${req.url.pathname}`;
  let status: number;
  let headers: Headers;
  let text: string;
  try {
    // One signal covers connect, headers and body: a server that stalls mid-body still times out.
    const res = await request(req.url, {
      method: req.method,
      headers: Object.fromEntries(req.headers),
      body: req.body,
      signal: AbortSignal.timeout(req.timeoutMs),
      dispatcher: agent,
    });
    status = res.statusCode;
    headers = toHeaders(res.headers);
    text = await res.body.text();
  } catch (err) {
    throw transportError(err, where, req.timeoutMs);
  }
  if ((status >= 200 && status < 300) || req.passStatuses?.includes(status)) return { status, headers, text };
  throw statusError(status, headers, text, where);
}

/**
 * undici's own request API rather than fetch (which wraps it in WHATWG streams, Headers and Response objects):
 * per-row delivery spends most of its CPU per request, and request() costs a fraction of fetch(). Redirects are
 * followed as fetch follows them (up to 20).
 */
const agent = new Agent({ keepAliveTimeout: 10_000 }).compose(interceptors.redirect({ maxRedirections: 20 }));

function toHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

function transportError(err: unknown, where: string, timeoutMs: number): AdapterError {
  const name = err instanceof Error ? err.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new AdapterError(`${where} timed out after ${timeoutMs} ms`, { retryable: true, code: 'HTTP_TIMEOUT', cause: err });
  }
  // Refused, reset and DNS failures come as the socket's error (ECONNREFUSED…); undici's own as UND_ERR_*.
  const code = (err as { code?: unknown }).code;
  const reason = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
  const message = err instanceof Error ? err.message : String(err);
  const prefix = typeof code === 'string' && !message.includes(code) ? `${code} ` : '';
  return new AdapterError(`${where} failed: ${prefix}${message}${reason}`, { retryable: true, code: 'HTTP_NETWORK', cause: err });
}

export function statusError(status: number, headers: Headers, text: string, where: string): AdapterError {
  const excerpt = text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH)}…` : text;
  const message = `${where} answered ${status}${excerpt ? `: ${excerpt}` : ''}`;
  const retryAfterMs = parseRetryAfter(headers.get('retry-after'));
  if (status === 429) return new AdapterError(message, { retryable: true, status, retryAfterMs, code: 'HTTP_RATE_LIMITED' });
  if (status === 503) return new AdapterError(message, { retryable: true, status, retryAfterMs, code: 'HTTP_UNAVAILABLE' });
  if (status === 408) return new AdapterError(message, { retryable: true, status, retryAfterMs, code: 'HTTP_TIMEOUT' });
  if (status >= 500) return new AdapterError(message, { retryable: true, status, retryAfterMs, code: 'HTTP_SERVER_ERROR' });
  // 3xx left unfollowed and every other 4xx: the same request will fail the same way.
  return new AdapterError(message, { retryable: false, status, code: 'HTTP_CLIENT_ERROR' });
}

/** Retry-After is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3); anything else is ignored. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Every HTTP-date form starts with a day name; this keeps Date.parse from reading "-5" as a year.
  if (!/^[A-Za-z]{3}/.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/**
 * A 2xx body that is not JSON is treated as retryable: in practice it is a proxy's HTML page or a body
 * cut short, which passes; a write retried with the same Idempotency-Key (and the worker's findBy check)
 * is not applied twice, and a lasting fault still ends in dead letters after the maximum attempts.
 */
export function parseJsonBody(result: HttpResult, where: string): unknown {
  if (result.text.trim() === '') return undefined;
  try {
    return JSON.parse(result.text) as unknown;
  } catch (err) {
    const excerpt = result.text.slice(0, EXCERPT_LENGTH);
    throw new AdapterError(`${where} answered ${result.status} with invalid JSON: ${excerpt}`, {
      retryable: true,
      status: result.status,
      code: 'HTTP_INVALID_RESPONSE',
      cause: err,
    });
  }
}
