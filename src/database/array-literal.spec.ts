import { describe, expect, it } from 'vitest';
import { arrayLiteral } from './array-literal';

describe('arrayLiteral', () => {
  it('writes strings, numbers, booleans and nulls as one literal', () => {
    expect(arrayLiteral(['B', 'a-1', ''])).toBe('{"B","a-1",""}');
    expect(arrayLiteral([1, -2.5, 0, 1e-7])).toBe('{1,-2.5,0,1e-7}');
    expect(arrayLiteral([true, false, null, undefined])).toBe('{true,false,null,null}');
    expect(arrayLiteral([])).toBe('{}');
  });

  it('keeps the escapes PostgreSQL reads alike: quotes and backslashes', () => {
    expect(arrayLiteral(['he said "hi"', 'back\\slash', 'end\\'])).toBe('{"he said \\"hi\\"","back\\\\slash","end\\\\"}');
    expect(arrayLiteral(['literal \\n', '\\\\u0000'])).toBe('{"literal \\\\n","\\\\\\\\u0000"}');
  });

  it('leaves to node-postgres what JSON would escape differently, and what is not a flat scalar array', () => {
    for (const values of [['line\nbreak'], ['tab\t'], ['\u0001'], ['lone \ud800']]) expect(arrayLiteral(values)).toBeUndefined();
    for (const values of [[new Date()], [Buffer.from('x')], [{ a: 1 }], [[1, 2]], [Number.NaN], [Infinity], [1n]]) {
      expect(arrayLiteral(values as unknown[])).toBeUndefined();
    }
  });
});
