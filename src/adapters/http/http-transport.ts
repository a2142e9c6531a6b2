import { Agent, type Dispatcher, interceptors } from 'undici';
import { AdapterError } from '../adapter.error';

/** Request headers with lower-case names; the adapters build them as plain objects (see sendHttp). */
export type HttpHeaders = Readonly<Record<string, string>>;
/** Response headers as undici gives them: lower-case names, a repeated header as an array. */
export type ResponseHeaders = Readonly<Record<string, string | string[] | undefined>>;

/**
 * Where a request goes, as undici's dispatcher takes it: the origin and the path with its query. Built from
 * strings the adapters keep per path template rather than from a URL per request: a URL object, setting a
 * query parameter on it (which serialises the whole URL again) and undici's request() reading its origin cost
 * 15–18 µs of CPU per request, about half of undici's own cost (bench/RESULTS.md §17).
 */
export interface RequestTarget {
  /** `http://host:port` */
  origin: string;
  /** the path without the query, for messages */
  pathname: string;
  /** the path with the query, as sent */
  path: string;
}

/** The target of a URL (parsed, so normalised and percent-encoded as the URL standard has it). */
export function targetOf(url: URL): RequestTarget {
  return { origin: url.origin, pathname: url.pathname, path: `${url.pathname}${url.search}` };
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  target: RequestTarget;
  headers: HttpHeaders;
  body?: string;
  timeoutMs: number;
  /** non-2xx statuses the caller handles itself (e.g. 404 on get/delete) instead of an error */
  passStatuses?: readonly number[];
}

export interface HttpResult {
  status: number;
  headers: ResponseHeaders;
  text: string;
}

const EXCERPT_LENGTH = 200;
/** From this timeout up, undici's stage timers (resolution about 1 s) bound a request instead of an AbortSignal. */
const STAGE_TIMERS_FROM_MS = 5_000;

/** The first value of a response header (names are lower-case), or undefined. */
export function headerValue(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * One HTTP exchange with error classification shared by the http and webhook adapters:
 * network errors, timeouts, 408 and 5xx are retryable; 429/503 carry Retry-After; other 4xx are permanent.
 *
 * Timeouts of STAGE_TIMERS_FROM_MS and more (the default is 10 s) bound each stage rather than the whole
 * exchange: connecting, then waiting for the headers, then every pause between body chunks may each take up to
 * `timeoutMs`, so a server that stalls at any point (also mid-body) times out, within about a second of it.
 * undici keeps these timers itself at almost no cost; an AbortSignal per request cost 0.015–0.03 ms of CPU, a
 * quarter to a half of undici's own cost per request (bench/RESULTS.md §15), and per-row delivery makes two
 * requests per new record. undici's stage timers tick twice a second, too coarse for a shorter timeout, which
 * keeps one signal for the whole exchange. Not bounded by the stage timers: a body trickled byte by byte, each
 * pause shorter than the timeout.
 */
export async function sendHttp(req: HttpRequest): Promise<HttpResult> {
  const staged = req.timeoutMs >= STAGE_TIMERS_FROM_MS;
  let status: number;
  let headers: ResponseHeaders;
  let text: string;
  try {
    const { direct, following } = agentsFor(req.timeoutMs);
    let res = await direct.request(options(req, staged));
    if (isRedirect(res.statusCode, res.headers)) {
      // Sent again from the start through the agent that follows redirects, as fetch would (method, body and the
      // limit of 20 are undici's): the answer was only a redirect, so nothing was applied.
      await res.body.dump();
      res = await following.request(options(req, staged));
    }
    status = res.statusCode;
    headers = res.headers;
    text = await res.body.text();
  } catch (err) {
    throw transportError(err, whereOf(req), req.timeoutMs);
  }
  if ((status >= 200 && status < 300) || req.passStatuses?.includes(status)) return { status, headers, text };
  throw statusError(status, headers, text, whereOf(req));
}

function options(req: HttpRequest, staged: boolean): Dispatcher.RequestOptions {
  return {
    origin: req.target.origin,
    path: req.target.path,
    method: req.method,
    headers: req.headers,
    body: req.body,
    ...(staged ? { headersTimeout: req.timeoutMs, bodyTimeout: req.timeoutMs } : { signal: AbortSignal.timeout(req.timeoutMs) }),
  };
}

// The statuses undici's redirect handler follows.
const REDIRECT_STATUSES = new Set([300, 301, 302, 303, 307, 308]);

function isRedirect(status: number, headers: ResponseHeaders): boolean {
  return REDIRECT_STATUSES.has(status) && headerValue(headers, 'location') !== undefined;
}

/** "POST http://host:port/path" for error messages. */
function whereOf(req: HttpRequest): string {
  return `${req.method} ${req.target.origin}${req.target.pathname}`;
}

/**
 * undici's own request API rather than fetch (which wraps it in WHATWG streams, Headers and Response objects):
 * per-row delivery spends most of its CPU per request, and request() costs a fraction of fetch(). Redirects are
 * followed as fetch follows them (up to 20), but only once one comes back: undici's redirect interceptor wraps
 * every request's handler, which cost 8 % of the hub's CPU per delivery (bench/RESULTS.md §17), and an API that
 * redirects is rare (a moved base URL). So each timeout has two agents (connection pools; the connect timeout is
 * the agent's, and a configuration has a handful of distinct timeouts): a direct one, and one that follows.
 */
interface Agents {
  direct: Dispatcher;
  following: Dispatcher;
}

const agents = new Map<number, Agents>();

function agentsFor(timeoutMs: number): Agents {
  let pair = agents.get(timeoutMs);
  if (!pair) {
    const make = () => new Agent({ keepAliveTimeout: 10_000, connect: { timeout: timeoutMs } });
    pair = { direct: make(), following: make().compose(interceptors.redirect({ maxRedirections: 20 })) };
    agents.set(timeoutMs, pair);
  }
  return pair;
}

/** undici's stage timers fail a request with these codes; a signal's timeout comes as a TimeoutError or AbortError. */
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function transportError(err: unknown, where: string, timeoutMs: number): AdapterError {
  const name = err instanceof Error ? err.name : '';
  const code = (err as { code?: unknown }).code;
  if (name === 'TimeoutError' || name === 'AbortError' || (typeof code === 'string' && TIMEOUT_CODES.has(code))) {
    return new AdapterError(`${where} timed out after ${timeoutMs} ms`, { retryable: true, code: 'HTTP_TIMEOUT', cause: err });
  }
  // Refused, reset and DNS failures come as the socket's error (ECONNREFUSED…); undici's own as UND_ERR_*.
  const reason = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
  const message = err instanceof Error ? err.message : String(err);
  const prefix = typeof code === 'string' && !message.includes(code) ? `${code} ` : '';
  return new AdapterError(`${where} failed: ${prefix}${message}${reason}`, { retryable: true, code: 'HTTP_NETWORK', cause: err });
}

export function statusError(status: number, headers: ResponseHeaders, text: string, where: string): AdapterError {
  const excerpt = text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH)}…` : text;
  const message = `${where} answered ${status}${excerpt ? `: ${excerpt}` : ''}`;
  const retryAfterMs = parseRetryAfter(headerValue(headers, 'retry-after'));
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
