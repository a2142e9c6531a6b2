import pg from 'pg';
import { AdapterError } from '../adapter.error';

/** SQLSTATE classes where the same statement can succeed later: connection, resources, shutdown, I/O. */
const RETRYABLE_CLASSES = new Set(['08', '53', '57', '58', 'XX']);
/** Single codes outside those classes: serialization failure, deadlock, unknown completion, lock timeout, read-only replica after failover. */
const RETRYABLE_CODES = new Set(['40001', '40P01', '40003', '55P03', '25006']);

/**
 * Maps a pg error to an AdapterError. Errors from the server are classified by SQLSTATE (data errors,
 * constraint violations, missing objects and permissions are permanent); errors that never reached the
 * server (refused, reset, connect timeout) are retryable.
 */
export function toAdapterError(err: unknown, where: string): AdapterError {
  if (err instanceof AdapterError) return err;
  if (err instanceof pg.DatabaseError) {
    const code = err.code ?? 'UNKNOWN';
    const retryable = RETRYABLE_CLASSES.has(code.slice(0, 2)) || RETRYABLE_CODES.has(code);
    // The constraint or column name, never err.detail: the detail quotes row values, which may be sensitive.
    const context = [err.constraint && `constraint ${err.constraint}`, err.column && `column ${err.column}`].filter(Boolean).join(', ');
    const message = `${where}: ${err.message}${context ? ` (${context})` : ''} [SQLSTATE ${code}]`;
    return new AdapterError(message, { retryable, code: `PG_${code}`, cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new AdapterError(`${where}: ${message}`, { retryable: true, code: 'PG_CONNECTION', cause: err });
}
