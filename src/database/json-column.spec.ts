import { describe, expect, it } from 'vitest';
import { jsonColumn, jsonColumnOfTexts } from './json-column';

describe('jsonColumn', () => {
  it('is one JSON array with a value per row, absent values as null', () => {
    const column = jsonColumn([{ email: 'a"b\\c@example.org' }, [1, 2], null, undefined, 'text']);
    expect(JSON.parse(column)).toEqual([{ email: 'a"b\\c@example.org' }, [1, 2], null, null, 'text']);
  });

  it('joins values already serialized into the same array', () => {
    const texts = [JSON.stringify({ a: 'x"y' }), JSON.stringify({ b: [1] })];
    expect(jsonColumnOfTexts(texts)).toBe(jsonColumn([{ a: 'x"y' }, { b: [1] }]));
    expect(jsonColumnOfTexts([])).toBe('[]');
  });
});
