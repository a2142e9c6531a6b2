import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comparePositions, highestPosition, isoToMicros, maxPosition, microsToIso, pollStart } from './watermark';

describe('watermark instants', () => {
  it('keeps microseconds that a JavaScript Date would drop', () => {
    expect(isoToMicros('2024-01-01T09:30:00.123456Z')).toBe(1704101400123456n);
    expect(isoToMicros('2024-01-01T09:30:00.123Z')).toBe(1704101400123000n);
    expect(isoToMicros('2024-01-01T09:30:00Z')).toBe(1704101400000000n);
    expect(microsToIso(1704101400123456n)).toBe('2024-01-01T09:30:00.123456Z');
  });

  it('reads offsets, and drops digits past the microsecond (never rounding up)', () => {
    expect(isoToMicros('2024-01-01T11:30:00.000001+02:00')).toBe(1704101400000001n);
    expect(isoToMicros('2024-01-01T09:30:00.1234569Z')).toBe(1704101400123456n);
    expect(isoToMicros('not a date')).toBeUndefined();
    expect(isoToMicros('2024-13-01T00:00:00Z')).toBeUndefined();
  });

  it('round-trips any instant, before 1970 too', () => {
    fc.assert(fc.property(fc.bigInt({ min: -62_000_000_000_000_000n, max: 250_000_000_000_000_000n }), (micros) => {
      expect(isoToMicros(microsToIso(micros))).toBe(micros);
    }));
  });
});

describe('positions (updatedAt, id)', () => {
  it('orders by instant, then by id in code-unit order', () => {
    const a = { updatedAt: '2024-01-01T00:00:00.000001Z', lastId: 'b' };
    expect(comparePositions(a, { updatedAt: '2024-01-01T00:00:00.000002Z', lastId: 'a' })).toBe(-1);
    expect(comparePositions(a, { updatedAt: '2024-01-01T00:00:00.000001Z', lastId: 'a' })).toBe(1);
    expect(comparePositions(a, { updatedAt: '2024-01-01T02:00:00.000001+02:00', lastId: 'b' })).toBe(0);
    expect(comparePositions({ updatedAt: a.updatedAt, lastId: '10' }, { updatedAt: a.updatedAt, lastId: '9' })).toBe(-1);
  });

  it('the highest position ignores records without a usable timestamp', () => {
    expect(highestPosition([
      { externalId: '1', updatedAt: '2024-01-01T00:00:01Z' },
      { externalId: '3', updatedAt: '2024-01-01T00:00:02Z' },
      { externalId: '2', updatedAt: '2024-01-01T00:00:02Z' },
      { externalId: '9' },
      { externalId: '8', updatedAt: '01/02/2024' },
    ])).toEqual({ updatedAt: '2024-01-01T00:00:02Z', lastId: '3' });
    expect(highestPosition([{ externalId: '1' }])).toBeNull();
  });

  it('maxPosition never goes back', () => {
    const low = { updatedAt: '2024-01-01T00:00:00Z', lastId: 'z' };
    const high = { updatedAt: '2024-01-01T00:00:01Z', lastId: 'a' };
    expect(maxPosition(high, low)).toBe(high);
    expect(maxPosition(low, high)).toBe(high);
    expect(maxPosition(null, low)).toBe(low);
  });
});

describe('pollStart', () => {
  const watermark = { updatedAt: '2024-05-06T07:08:09.123456Z', lastId: '42' };

  it('re-reads the overlap window before the watermark, to the microsecond', () => {
    expect(pollStart({ watermark, overlapMs: 10_000 })).toBe('2024-05-06T07:07:59.123456Z');
  });

  it('with no overlap still re-reads the watermark instant (inclusive), so equal timestamps are not lost', () => {
    expect(pollStart({ watermark, overlapMs: 0 })).toBe('2024-05-06T07:08:09.123456Z');
  });

  it('a first run starts at initialSince (dates read as UTC midnight), or at the beginning', () => {
    expect(pollStart({ watermark: null, overlapMs: 60_000, initialSince: '2024-01-01' })).toBe('2024-01-01T00:00:00.000Z');
    expect(pollStart({ watermark: null, overlapMs: 60_000, initialSince: '2024-01-01T02:00:00+02:00' })).toBe('2024-01-01T00:00:00.000Z');
    expect(pollStart({ watermark: null, overlapMs: 60_000 })).toBeNull();
  });

  it('a full re-pull ignores the watermark and initialSince', () => {
    expect(pollStart({ watermark, overlapMs: 0, initialSince: '2024-01-01', full: true })).toBeNull();
  });
});
