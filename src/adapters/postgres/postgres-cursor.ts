import { AdapterError } from '../adapter.error';

export interface CursorPosition {
  since: string | null;
  afterId?: string;
}

/** The `next` of a page is its last (watermark, id), opaque to callers so the encoding can change. */
export function encodeCursor(since: string, afterId: string): string {
  return Buffer.from(JSON.stringify([since, afterId]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
      return { since: value[0], afterId: value[1] };
    }
  } catch {}
  throw new AdapterError('invalid listChanges cursor', { retryable: false, code: 'PG_INVALID_CURSOR' });
}
