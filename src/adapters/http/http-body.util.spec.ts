import { describe, expect, it } from 'vitest';
import { AdapterError } from '../adapter.error';
import { listBody, sameValue, unwrapRecord } from './http-body.util';

const url = new URL('http://127.0.0.1/contacts');

describe('listBody', () => {
  it('reads a bare array without a cursor', () => {
    expect(listBody([{ id: 1 }], url)).toEqual({ items: [{ id: 1 }] });
  });

  it('reads {data, next} and drops an empty or null next', () => {
    expect(listBody({ data: [{ id: 1 }], next: 'abc' }, url)).toEqual({ items: [{ id: 1 }], next: 'abc' });
    expect(listBody({ data: [], next: null }, url)).toEqual({ items: [] });
    expect(listBody({ data: [], next: '' }, url)).toEqual({ items: [] });
  });

  it('rejects other shapes permanently', () => {
    for (const body of [{ items: [] }, 'text', undefined, [1, 2]]) {
      expect(() => listBody(body, url)).toThrow(AdapterError);
    }
  });
});

describe('unwrapRecord', () => {
  it('unwraps a {data: {…}} envelope only when the id is not at the top', () => {
    expect(unwrapRecord({ data: { id: 1 } }, 'id')).toEqual({ id: 1 });
    expect(unwrapRecord({ id: 2, data: { id: 1 } }, 'id')).toEqual({ id: 2, data: { id: 1 } });
    expect(unwrapRecord(undefined, 'id')).toBeUndefined();
  });
});

describe('sameValue', () => {
  it('compares query-string style', () => {
    expect(sameValue(42, '42')).toBe(true);
    expect(sameValue('a', 'b')).toBe(false);
    expect(sameValue(null, 'null')).toBe(false);
    expect(sameValue({ a: 1 }, { a: 1 })).toBe(true);
    expect(sameValue(true, 'true')).toBe(true);
  });
});
