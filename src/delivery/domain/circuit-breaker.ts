/**
 * Per-record circuit breaker: a last line of defence against a sync loop the echo guard missed (two systems
 * rewriting each other's values, a system that normalises a value differently on every write). More than
 * `limit` writes of one record to one system within a window pauses that record there until a steward resumes it.
 */
export const BREAKER_WINDOW_MS = 60_000;
export const BREAKER_MAX_WRITES_PER_WINDOW = 20;

export interface BreakerWindow {
  /** when the current counting window started; null before the first write */
  start: Date | null;
  writes: number;
}

export interface BreakerResult {
  window: BreakerWindow;
  /** this write would exceed the limit: pause instead of sending */
  trip: boolean;
}

/** Counts one more write at `now`. A window starts at its first write and lasts BREAKER_WINDOW_MS. */
export function countWrite(current: BreakerWindow, now: Date, limit = BREAKER_MAX_WRITES_PER_WINDOW): BreakerResult {
  const expired = current.start === null || now.getTime() - current.start.getTime() >= BREAKER_WINDOW_MS;
  const window = expired ? { start: now, writes: 1 } : { start: current.start, writes: current.writes + 1 };
  return { window, trip: window.writes > limit };
}
