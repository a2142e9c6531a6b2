import { AdapterError } from '../adapter.error';
import { isPlainObject, readField } from '../adapter-record.util';

/** Accepts a bare record or the common `{ "data": { … } }` envelope. */
export function unwrapRecord(body: unknown, idField: string): unknown {
  if (isPlainObject(body) && readField(body, idField) === undefined && isPlainObject(body.data)) return body.data;
  return body;
}

export interface ListBody {
  items: Record<string, unknown>[];
  next?: string;
}

/** A list answer is a JSON array, or `{ "data": [ … ], "next": "<cursor>" }`. */
export function listBody(body: unknown, url: { pathname: string }): ListBody {
  const where = `GET ${url.pathname}`;
  let raw: unknown;
  let next: string | undefined;
  if (Array.isArray(body)) {
    raw = body;
  } else if (isPlainObject(body) && Array.isArray(body.data)) {
    raw = body.data;
    if (typeof body.next === 'string' && body.next !== '') next = body.next;
  } else {
    // JSON of the wrong shape means a wrong path or convention, which a retry does not fix.
    throw new AdapterError(`${where} did not answer a JSON array or {"data": [...]}`, {
      retryable: false,
      code: 'HTTP_UNEXPECTED_BODY',
    });
  }
  const items = raw as unknown[];
  if (!items.every(isPlainObject)) {
    throw new AdapterError(`${where} answered a list whose items are not all objects`, {
      retryable: false,
      code: 'HTTP_UNEXPECTED_BODY',
    });
  }
  return next === undefined ? { items } : { items, next };
}

/** Query strings carry text, so 42 and "42" are the same value; objects compare by their JSON. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined) return false;
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return scalarText(a) === scalarText(b);
}

/** A JSON scalar as query-string text: 42 → "42", true → "true". */
export function scalarText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
