import { describe, expect, it } from 'vitest';
import { tablesToAnalyze } from './statistics-keeper';

describe('tablesToAnalyze', () => {
  it('picks tables where a fifth has changed since the last analysis, never for a few hundred rows', () => {
    expect(tablesToAnalyze([
      { table: 'xref', liveRows: 0, changedSinceAnalyze: 2_000 },
      { table: 'outbox', liveRows: 100_000, changedSinceAnalyze: 19_999 },
      { table: 'golden_record', liveRows: 100_000, changedSinceAnalyze: 20_000 },
      { table: 'match_key', liveRows: 50, changedSinceAnalyze: 499 },
    ])).toEqual(['xref', 'golden_record']);
  });
});
