import { ValidationError } from './domain-error';

/**
 * Opaque cursors for keyset pagination. A cursor is base64url JSON `[kind, ...key]`: the kind tag makes a cursor
 * from one list (golden records) fail loudly on another (conflicts) instead of silently paging wrong.
 */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Microsecond precision: conflicts created in one transaction share a millisecond, and a JS Date would lose the rest.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
  /** cursor of the last item, null when the page is empty */
  endCursor: string | null;
  cursors: string[];
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** A uuid filter argument (GraphQL passes it unchecked): a bad one is INVALID_ID, never a database error. */
export function uuidFilter(path: string, value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null || isUuid(value)) return value;
  throw new ValidationError('INVALID_ID', `${path} must be a uuid`, [{ path, message: 'must be a uuid', value }]);
}

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new ValidationError('INVALID_PAGE_SIZE', `first must be an integer from 1 to ${MAX_PAGE_SIZE}`, [
      { path: 'first', message: `must be an integer from 1 to ${MAX_PAGE_SIZE}`, value: first },
    ]);
  }
  return first;
}

export function encodeIdCursor(kind: string, id: string): string {
  return encode([kind, id]);
}

export function decodeIdCursor(kind: string, cursor: string): { id: string } {
  const parts = decode(kind, cursor, 1);
  if (!isUuid(parts[0])) throw invalidCursor();
  return { id: parts[0] };
}

const SERIAL = /^\d{1,18}$/;

/** A cursor over a numeric key (a bigserial id, a version number), kept as decimal text: bigint does not fit a JS number. */
export function encodeSerialCursor(kind: string, key: string | number): string {
  return encode([kind, String(key)]);
}

export function decodeSerialCursor(kind: string, cursor: string): { key: string } {
  const [key] = decode(kind, cursor, 1);
  if (!SERIAL.test(key)) throw invalidCursor();
  return { key };
}

/** A cursor over several text keys (a composite primary key such as system + golden id). */
export function encodeKeysCursor(kind: string, keys: string[]): string {
  return encode([kind, ...keys]);
}

export function decodeKeysCursor(kind: string, cursor: string, arity: number): string[] {
  return decode(kind, cursor, arity);
}

/** `at` must be an ISO instant in UTC with microseconds (see INSTANT). */
export function encodeInstantIdCursor(kind: string, at: string, id: string): string {
  return encode([kind, at, id]);
}

export function decodeInstantIdCursor(kind: string, cursor: string): { at: string; id: string } {
  const [at, id] = decode(kind, cursor, 2);
  if (!INSTANT.test(at) || Number.isNaN(Date.parse(at)) || !isUuid(id)) throw invalidCursor();
  return { at, id };
}

/** Builds a page from `size + 1` fetched rows: the extra row only says whether there is a next page. */
export function toPage<T>(rows: T[], size: number, cursorOf: (row: T) => string): Page<T> {
  const items = rows.slice(0, size);
  const cursors = items.map(cursorOf);
  return { items, hasNextPage: rows.length > size, endCursor: cursors.at(-1) ?? null, cursors };
}

function encode(parts: string[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

function decode(kind: string, cursor: string, arity: number): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== arity + 1 || parsed[0] !== kind
    || !parsed.every((p) => typeof p === 'string')) {
    throw invalidCursor();
  }
  return parsed.slice(1);
}

function invalidCursor(): ValidationError {
  return new ValidationError('INVALID_CURSOR', 'the cursor is malformed or belongs to another list; use an endCursor from this list');
}
