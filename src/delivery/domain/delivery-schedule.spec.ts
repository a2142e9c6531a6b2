import { describe, expect, it } from 'vitest';
import { firstAttemptAt, nextWindow, windowFor } from './delivery-schedule';

describe('delayed sync windows', () => {
  it('the next occurrence strictly after now, in UTC', () => {
    expect(nextWindow('0 2 * * *', new Date('2026-03-01T01:59:59.500Z')).toISOString()).toBe('2026-03-01T02:00:00.000Z');
    expect(nextWindow('0 2 * * *', new Date('2026-03-01T02:00:00.000Z')).toISOString()).toBe('2026-03-02T02:00:00.000Z');
    expect(nextWindow('*/10 * * * * *', new Date('2026-03-01T00:00:05.000Z')).toISOString()).toBe('2026-03-01T00:00:10.000Z');
  });

  it('systems without a schedule are sent at once', () => {
    const now = new Date('2026-03-01T10:00:00Z');
    expect(firstAttemptAt({ direction: 'out', entities: {} }, now)).toBe(now);
    expect(firstAttemptAt({ direction: 'out', entities: {}, schedule: { cron: '30 10 * * *' } }, now).toISOString()).toBe('2026-03-01T10:30:00.000Z');
  });

  it('a change for a batch-mode system waits for the window it is sent in; others wait for none', () => {
    const now = new Date('2026-03-01T10:00:00Z');
    expect(windowFor({ direction: 'out', entities: {} }, now)).toBeNull();
    expect(windowFor({ direction: 'out', entities: {}, schedule: { cron: '0 2 * * *' } }, now)?.toISOString()).toBe('2026-03-02T02:00:00.000Z');
  });
});
