import { describe, expect, it } from 'vitest';
import { tablesToAnalyze } from './statistics-keeper';

describe('tablesToAnalyze', () => {
  it('picks a table of 500 rows or more that has more than doubled since its statistics counted it', () => {
    expect(tablesToAnalyze([
      { table: 'xref', liveRows: 2_000, plannedRows: -1 }, // never analysed
      { table: 'inbox_event', liveRows: 600, plannedRows: 0 }, // analysed empty
      { table: 'outbox', liveRows: 100_000, plannedRows: 50_000 }, // exactly doubled: not yet
      { table: 'golden_record', liveRows: 100_001, plannedRows: 50_000 },
      { table: 'match_key', liveRows: 499, plannedRows: -1 }, // too small to matter
    ])).toEqual(['xref', 'inbox_event', 'golden_record']);
  });

  it('leaves a table whose size is steady to autovacuum, however much of it changes', () => {
    expect(tablesToAnalyze([{ table: 'outbox', liveRows: 20_000, plannedRows: 19_000 }])).toEqual([]);
  });

  it('analyses a table growing from nothing a logarithmic number of times', () => {
    let planned = -1;
    let analyses = 0;
    for (let rows = 0; rows <= 1_000_000; rows += 100) {
      if (tablesToAnalyze([{ table: 'xref', liveRows: rows, plannedRows: planned }]).length) {
        analyses++;
        planned = rows;
      }
    }
    expect(analyses).toBe(11); // at 500, 1,100, 2,300, … rows
  });
});
