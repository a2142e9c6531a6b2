import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { utcIsoMillis } from './iso-time';

describe('utcIsoMillis', () => {
  it('agrees with luxon on every UTC stamp it accepts, and leaves the rest to luxon', () => {
    const accepted = ['2026-03-01T10:00:00.000Z', '2026-03-01T10:00Z', '2026-03-01T10:00:00.123456Z', '2026-12-31T23:59:59.9995Z', '0000-01-01T00:00:00Z'];
    for (const v of accepted) expect(utcIsoMillis(v), v).toBe(DateTime.fromISO(v, { zone: 'utc' }).toMillis());
    const declined = ['2024-02-30T00:00:00Z', '2026-03-01T24:00:00Z', '2026-03-01T10:00:60Z', '2026-13-01T00:00:00Z', '2026-03-01T10:00:00+01:00', '2026-03-01', 'soon'];
    for (const v of declined) expect(utcIsoMillis(v), v).toBeUndefined();
  });
});
