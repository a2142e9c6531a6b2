import { describe, expect, it } from 'vitest';
import { emptyTally, MAX_WINDOW_ERRORS, type SettledWindowRow, tallyClaimed, tallySettled, windowStatus } from './batch-window';

const settled = (outcome: SettledWindowRow['outcome'], extra: Partial<SettledWindowRow> = {}): SettledWindowRow => ({
  entityType: 'contact', goldenId: 'g1', outcome, code: null, message: null, status: null, ...extra,
});

describe('batch window tally', () => {
  it('counts claimed rows as seen, sent ones as queued, per entity type too', () => {
    const t = tallyClaimed(emptyTally(), [
      { entityType: 'contact', paused: false },
      { entityType: 'contact', paused: true },
      { entityType: 'order', paused: false },
    ]);
    expect(t).toMatchObject({ seen: 3, queued: 2, changed: 0, rejected: 0 });
    expect(t.entityTypes).toEqual({ contact: { seen: 2, changed: 0, rejected: 0 }, order: { seen: 1, changed: 0, rejected: 0 } });
  });

  it('adds delivered rows to changed, dead letters to rejected, retries and pauses to their own counts, with their errors', () => {
    const claimed = tallyClaimed(emptyTally(), Array.from({ length: 4 }, () => ({ entityType: 'contact', paused: false })));
    const t = tallySettled(claimed, [
      settled('delivered'),
      settled('dead', { goldenId: 'g2', code: 'HTTP_400', message: 'bad email', status: 400 }),
      settled('retry', { goldenId: 'g3', code: 'HTTP_503', message: 'down', status: 503 }),
      settled('paused', { goldenId: 'g4' }),
    ]);
    expect(t).toMatchObject({ seen: 4, changed: 1, rejected: 1, retried: 1, paused: 1 });
    expect(t.entityTypes.contact).toEqual({ seen: 4, changed: 1, rejected: 1 });
    expect(t.errors).toEqual([
      { code: 'HTTP_400', message: 'bad email', entityType: 'contact', goldenId: 'g2', retryable: false, status: 400 },
      { code: 'HTTP_503', message: 'down', entityType: 'contact', goldenId: 'g3', retryable: true, status: 503 },
      { code: 'CIRCUIT_OPEN', message: 'paused', entityType: 'contact', goldenId: 'g4', retryable: true },
    ]);
  });

  it('keeps only the latest errors', () => {
    let t = emptyTally();
    for (let i = 0; i < MAX_WINDOW_ERRORS + 5; i++) t = tallySettled(t, [settled('dead', { goldenId: `g${i}`, code: 'HTTP_400' })]);
    expect(t.rejected).toBe(MAX_WINDOW_ERRORS + 5);
    expect(t.errors).toHaveLength(MAX_WINDOW_ERRORS);
    expect(t.errors[0].goldenId).toBe('g5');
    expect(t.errors.at(-1)?.goldenId).toBe(`g${MAX_WINDOW_ERRORS + 4}`);
  });

  it('does not change the tally it is given', () => {
    const before = tallyClaimed(emptyTally(), [{ entityType: 'contact', paused: false }]);
    const snapshot = structuredClone(before);
    tallySettled(before, [settled('dead')]);
    tallyClaimed(before, [{ entityType: 'contact', paused: false }]);
    expect(before).toEqual(snapshot);
  });

  it('fails a window only when the system took nothing and rows were left for later', () => {
    const base = tallyClaimed(emptyTally(), [{ entityType: 'contact', paused: false }, { entityType: 'contact', paused: false }]);
    expect(windowStatus(tallySettled(base, [settled('delivered'), settled('retry')]))).toBe('succeeded');
    expect(windowStatus(tallySettled(base, [settled('dead'), settled('dead')]))).toBe('succeeded');
    expect(windowStatus(tallySettled(base, [settled('retry'), settled('dead')]))).toBe('failed');
    expect(windowStatus(tallySettled(base, [settled('paused')]))).toBe('failed');
    expect(windowStatus(emptyTally())).toBe('succeeded');
  });
});
