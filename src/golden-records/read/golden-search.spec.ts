import { describe, expect, it } from 'vitest';
import { parseGoldenSearch } from './golden-search';

describe('golden record search text', () => {
  it('makes every word a required prefix, lower-cased', () => {
    expect(parseGoldenSearch('  Ada  LOVE ').tsquery).toBe(`'ada':* & 'love':*`);
  });

  it('keeps an e-mail whole and splits where PostgreSQL splits words', () => {
    expect(parseGoldenSearch('ada@Exa').tsquery).toBe(`'ada@exa':*`);
    expect(parseGoldenSearch("O'Brien").tsquery).toBe(`'o':* & 'brien':*`);
  });

  it('treats tsquery operators and LIKE wildcards as plain text', () => {
    const s = parseGoldenSearch('a|b & !c 50%_x\\');
    expect(s.tsquery).toBe(`'a':* & 'b':* & 'c':* & '50':* & '_x':*`);
    expect(s.idPrefix).toBe('a|b & !c 50\\%\\_x\\\\%');
  });

  it('matches source ids by the whole text as a prefix', () => {
    expect(parseGoldenSearch('B-77').idPrefix).toBe('b-77%');
  });

  it('refuses empty and overlong text with the field', () => {
    expect(() => parseGoldenSearch('   ')).toThrow(expect.objectContaining({ code: 'INVALID_SEARCH' }));
    expect(() => parseGoldenSearch('x'.repeat(201))).toThrow(expect.objectContaining({ code: 'INVALID_SEARCH' }));
  });
});
