import { describe, expect, it } from 'vitest';
import { parseGoldenSearch } from './golden-search';

describe('golden record search text', () => {
  it('splits into lower-case words, each a required prefix', () => {
    expect(parseGoldenSearch('  Ada  LOVE ').words).toEqual(['ada', 'love']);
  });

  it('keeps e-mails, hyphenated words and numbers whole, splits on apostrophes', () => {
    expect(parseGoldenSearch('ada@Exa').words).toEqual(['ada@exa']);
    expect(parseGoldenSearch('987-65 +4420').words).toEqual(['987-65', '+4420']);
    expect(parseGoldenSearch("O'Brien").words).toEqual(['o', 'brien']);
  });

  it('leaves no tsquery operator, quote or backslash in a word, and escapes LIKE wildcards in the id prefix', () => {
    const s = parseGoldenSearch("a|b & !c (d) 'e' f:* 50%_x\\");
    expect(s.words).toEqual(['a', 'b', 'c', 'd', 'e', 'f', '50', '_x']);
    expect(s.words.join('')).not.toMatch(/[|&!()':*\\<>]/);
    expect(s.idPrefix).toBe("a|b & !c (d) 'e' f:* 50\\%\\_x\\\\%");
  });

  it('takes at most 8 words', () => {
    expect(parseGoldenSearch('a b c d e f g h i j').words).toHaveLength(8);
  });

  it('matches source ids by the whole text as a prefix', () => {
    expect(parseGoldenSearch('B-77').idPrefix).toBe('b-77%');
  });

  it('refuses empty and overlong text with the field', () => {
    expect(() => parseGoldenSearch('   ')).toThrow(expect.objectContaining({ code: 'INVALID_SEARCH' }));
    expect(() => parseGoldenSearch('x'.repeat(201))).toThrow(expect.objectContaining({ code: 'INVALID_SEARCH' }));
  });
});
