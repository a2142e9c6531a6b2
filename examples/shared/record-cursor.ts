import { SystemHttpError } from './system-error';

/** A position in the (updated-at, id) order lists are returned in. */
export interface Cursor {
  /** epoch milliseconds of the updated-at field */
  at: number;
  id: string;
}

export function compareKeys(a: Cursor, b: Cursor): number {
  if (a.at !== b.at) return a.at - b.at;
  // Code-unit order, not locale order: the same on every machine.
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Opaque to clients: they pass back what they were given. */
export function encodeCursor(key: Cursor): string {
  return Buffer.from(JSON.stringify([key.at, key.id])).toString('base64url');
}

export function decodeCursor(cursor: string): Cursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && Number.isFinite(parsed[0]) && typeof parsed[1] === 'string') {
      return { at: parsed[0] as number, id: parsed[1] };
    }
  } catch {}
  throw new SystemHttpError(400, 'INVALID_CURSOR', `"${cursor}" is not a cursor this system issued`);
}
