/** Socket errors of a server that is not there (stopped, restarting, network cut). */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * SQLSTATEs of a server that cannot take work right now: class 08 (connection exception), admin and crash
 * shutdown, "the database system is starting up", too many connections.
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** pg's own messages when a connection dies or cannot be had; they carry no code. */
const CONNECTION_MESSAGES = ['Connection terminated', 'is not queryable', 'timeout exceeded when trying to connect'];

/**
 * True when an error says the database cannot be reached or is restarting, not that the statement was wrong:
 * the work should be retried later as it is (a worker backs off, an HTTP caller gets 503), never treated as
 * a failure of the data. TypeORM wraps driver errors in `driverError`; both levels are looked at.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err as { code?: unknown; message?: unknown; driverError?: unknown } | undefined, depth = 0; e && depth < 3; depth++) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || (code.length === 5 && code.startsWith('08'))) return true;
    const message = typeof e.message === 'string' ? e.message : '';
    if (CONNECTION_MESSAGES.some((m) => message.includes(m))) return true;
    e = e.driverError as typeof e;
  }
  return false;
}
