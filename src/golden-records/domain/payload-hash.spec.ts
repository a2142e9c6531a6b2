import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { payloadHash } from './payload-hash';

describe('payloadHash', () => {
  it('is the sha256 hex of the sorted-key JSON text', () => {
    // Reference digests computed outside the hub: printf '<text>' | sha256sum
    expect(payloadHash({ c: { d: 'é' }, b: [true, null], a: 1 }))
      .toBe('434dff3222b93c659b5a618c43cf36f50414c76403e40fe4c57dff53deff9706');
    expect(payloadHash(null)).toBe('74234e98afe7498fb5daf1f36ac2d78acc339464f950703b8c019892f982b90b');
  });

  it('hashes undefined as the empty text, distinct from null', () => {
    expect(payloadHash(undefined)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(payloadHash(undefined)).not.toBe(payloadHash(null));
  });

  it('ignores key order at every depth and keys holding undefined', () => {
    expect(payloadHash({ a: { x: 1, y: [{ p: 1, q: 2 }] }, b: 2 })).toBe(payloadHash({ b: 2, a: { y: [{ q: 2, p: 1 }], x: 1 } }));
    expect(payloadHash({ a: 1, b: undefined })).toBe(payloadHash({ a: 1 }));
  });

  it('tells apart values that differ in type, array order or nesting', () => {
    const values = [{ a: '1' }, { a: 1 }, { a: [1, 2] }, { a: [2, 1] }, { a: { b: 1 } }, { 'a.b': 1 }, [1], '1', 1, true, null];
    expect(new Set(values.map(payloadHash)).size).toBe(values.length);
  });

  it('refuses a circular value instead of hashing a placeholder', () => {
    const looped: Record<string, unknown> = { a: 1 };
    looped.self = looped;
    expect(() => payloadHash(looped)).toThrow(TypeError);
  });

  it('gives the same hash to any key permutation of a JSON object', () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (record) => {
      const reversed = Object.fromEntries(Object.entries(record).reverse());
      expect(payloadHash(reversed)).toBe(payloadHash(record));
      expect(payloadHash(record)).toMatch(/^[0-9a-f]{64}$/);
    }));
  });
});
