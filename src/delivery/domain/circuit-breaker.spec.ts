import { describe, expect, it } from 'vitest';
import { BREAKER_WINDOW_MS, countWrite } from './circuit-breaker';

describe('per-record circuit breaker', () => {
  const t0 = new Date('2026-01-01T00:00:00Z');
  const at = (ms: number) => new Date(t0.getTime() + ms);

  it('trips on the write after the limit within one window', () => {
    let w = { start: null as Date | null, writes: 0 };
    const trips: boolean[] = [];
    for (let i = 0; i < 4; i++) {
      const r = countWrite(w, at(i * 1000), 3);
      trips.push(r.trip);
      w = r.window;
    }
    expect(trips).toEqual([false, false, false, true]);
    expect(w).toEqual({ start: t0, writes: 4 });
  });

  it('a new window starts once the old one has passed', () => {
    const r = countWrite({ start: t0, writes: 3 }, at(BREAKER_WINDOW_MS), 3);
    expect(r).toEqual({ window: { start: at(BREAKER_WINDOW_MS), writes: 1 }, trip: false });
    expect(countWrite({ start: t0, writes: 3 }, at(BREAKER_WINDOW_MS - 1), 3).trip).toBe(true);
  });
});
