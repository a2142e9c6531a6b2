import { describe, expect, it } from 'vitest';
import { hasUnstorableText, jsonHasUnstorableText, jsonNestingDepth } from './json-limits';
import { firstUnstorablePath } from './unstorable-path';

describe('jsonNestingDepth', () => {
  it('counts objects and arrays, not brackets inside strings', () => {
    expect(jsonNestingDepth('{}')).toBe(1);
    expect(jsonNestingDepth('{"a":[1,{"b":[]}]}')).toBe(4);
    expect(jsonNestingDepth('{"a":"[[[[[{{{{"}')).toBe(1);
    expect(jsonNestingDepth('{"a":"\\"[[[["}')).toBe(1);
    expect(jsonNestingDepth('"x"')).toBe(0);
  });

  it('handles a depth that would overflow a recursive parser, in constant stack', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect(jsonNestingDepth(deep)).toBe(200_000);
    expect(jsonNestingDepth(deep, 64)).toBe(65);
  });
});

describe('jsonHasUnstorableText', () => {
  it('finds escaped NUL characters and lone surrogates', () => {
    expect(jsonHasUnstorableText('{"a":"x\\u0000"}')).toBe(true);
    expect(jsonHasUnstorableText('{"a":"\\ud800"}')).toBe(true);
    expect(jsonHasUnstorableText('{"a":"\\uDC00x"}')).toBe(true);
  });

  it('accepts paired surrogates and literal backslash-u text', () => {
    expect(jsonHasUnstorableText('{"a":"\\ud83d\\ude00"}')).toBe(false);
    expect(jsonHasUnstorableText('{"a":"\\\\u0000"}')).toBe(false);
    expect(jsonHasUnstorableText('{"a":"plain"}')).toBe(false);
  });

  it('agrees with JSON.stringify of decoded strings', () => {
    for (const s of ['a\u0000', '\ud800', '\udfff', '😀', 'ok', '\ud83d\ude00\ud800']) {
      expect(jsonHasUnstorableText(JSON.stringify({ s }))).toBe(hasUnstorableText(s));
    }
  });
});

describe('firstUnstorablePath', () => {
  it('names the first field holding unstorable text', () => {
    expect(firstUnstorablePath({ type: 'x', data: { id: 'a', note: ['ok', 'a\u0000'] } })).toBe('data.note.1');
    expect(firstUnstorablePath({ ['k\ud800']: 1 })).toBe('k\ud800');
    expect(firstUnstorablePath({ ok: '😀' })).toBe('');
  });
});
