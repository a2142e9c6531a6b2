import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './postgres-cursor';
import { timestamptzToIso } from './postgres-types';

describe('timestamptzToIso', () => {
  it('turns PostgreSQL text into ISO 8601, keeping microseconds', () => {
    expect(timestamptzToIso('2024-01-01 09:30:00.123456+00')).toBe('2024-01-01T09:30:00.123456Z');
    expect(timestamptzToIso('2024-01-01 09:30:00+00')).toBe('2024-01-01T09:30:00Z');
    expect(timestamptzToIso('2024-01-01 09:30:00+05:30')).toBe('2024-01-01T09:30:00+05:30');
    expect(timestamptzToIso('2024-01-01 09:30:00-03')).toBe('2024-01-01T09:30:00-03:00');
  });

  it('leaves values it cannot express unchanged', () => {
    expect(timestamptzToIso('infinity')).toBe('infinity');
    expect(timestamptzToIso('0044-03-15 12:00:00+00 BC')).toBe('0044-03-15 12:00:00+00 BC');
  });
});

describe('listChanges cursor', () => {
  it('round-trips (watermark, id)', () => {
    expect(decodeCursor(encodeCursor('2024-01-01T09:30:00.123456Z', 'r-1'))).toEqual({
      since: '2024-01-01T09:30:00.123456Z',
      afterId: 'r-1',
    });
  });

  it('rejects a cursor it did not make, permanently', () => {
    for (const bad of ['', 'not-base64!', Buffer.from('{"a":1}').toString('base64url')]) {
      expect(() => decodeCursor(bad)).toThrow(expect.objectContaining({ opts: expect.objectContaining({ retryable: false, code: 'PG_INVALID_CURSOR' }) }));
    }
  });
});
