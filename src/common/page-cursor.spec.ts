import { describe, expect, it } from 'vitest';
import { DomainError } from './domain-error';
import {
  decodeIdCursor, decodeInstantIdCursor, encodeIdCursor, encodeInstantIdCursor, pageSize, toPage,
} from './page-cursor';

const ID = '0b6c2f7e-8a51-4a8e-9d0f-3f1f4c1e2a77';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainError ? e.code : 'NOT_A_DOMAIN_ERROR';
  }
  return undefined;
}

describe('page cursors', () => {
  it('round-trips an id cursor and keeps it opaque (no raw id in the text)', () => {
    const c = encodeIdCursor('golden', ID);
    expect(c).not.toContain(ID);
    expect(decodeIdCursor('golden', c)).toEqual({ id: ID });
  });

  it('round-trips an instant+id cursor at microsecond precision', () => {
    const c = encodeInstantIdCursor('conflict', '2026-01-02T03:04:05.123456Z', ID);
    expect(decodeInstantIdCursor('conflict', c)).toEqual({ at: '2026-01-02T03:04:05.123456Z', id: ID });
  });

  it.each([
    ['garbage', () => decodeIdCursor('golden', '!!!not base64')],
    ['not JSON', () => decodeIdCursor('golden', Buffer.from('{oops').toString('base64url'))],
    ['another list', () => decodeIdCursor('golden', encodeIdCursor('conflict', ID))],
    ['not a uuid', () => decodeIdCursor('golden', encodeIdCursor('golden', 'x'))],
    ['wrong arity', () => decodeInstantIdCursor('conflict', encodeIdCursor('conflict', ID))],
    ['bad instant', () => decodeInstantIdCursor('conflict', encodeInstantIdCursor('conflict', '2026-01-02', ID))],
    ['injected SQL', () => decodeIdCursor('golden', encodeIdCursor('golden', `${ID}' OR 1=1`))],
  ])('refuses a cursor that is %s with INVALID_CURSOR', (_name, fn) => {
    expect(codeOf(fn)).toBe('INVALID_CURSOR');
  });

  it('defaults and bounds the page size', () => {
    expect(pageSize(undefined)).toBe(50);
    expect(pageSize(null)).toBe(50);
    expect(pageSize(500)).toBe(500);
    for (const bad of [0, -1, 501, 2.5]) expect(codeOf(() => pageSize(bad))).toBe('INVALID_PAGE_SIZE');
  });

  it('builds a page from size + 1 rows', () => {
    const more = toPage([1, 2, 3], 2, (n) => `c${n}`);
    expect(more).toEqual({ items: [1, 2], hasNextPage: true, endCursor: 'c2', cursors: ['c1', 'c2'] });
    const last = toPage([1], 2, (n) => `c${n}`);
    expect(last).toEqual({ items: [1], hasNextPage: false, endCursor: 'c1', cursors: ['c1'] });
    expect(toPage([], 2, String)).toEqual({ items: [], hasNextPage: false, endCursor: null, cursors: [] });
  });
});
