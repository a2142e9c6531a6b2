import fc from 'fast-check';
import { applyPatch } from 'fast-json-patch';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { diffRecords, valuesEqual } from './record-diff';

describe('diffRecords', () => {
  it('emits RFC 6902 add, remove and replace operations with escaped paths', () => {
    const ops = diffRecords(
      { firstName: 'Ann', phone: '+442071838750', 'a/b': 1 },
      { firstName: 'Anne', email: 'ann@example.com', 'a/b': 2 },
    );
    expect(ops).toEqual(expect.arrayContaining([
      { op: 'replace', path: '/firstName', value: 'Anne' },
      { op: 'remove', path: '/phone' },
      { op: 'add', path: '/email', value: 'ann@example.com' },
      { op: 'replace', path: '/a~1b', value: 2 },
    ]));
    expect(ops).toHaveLength(4);
  });

  it('descends into money, lists and objects', () => {
    const ops = diffRecords(
      { balance: { amount: '12.30', currency: 'EUR' }, roles: ['admin', 'editor'] },
      { balance: { amount: '12.40', currency: 'EUR' }, roles: ['admin'] },
    );
    expect(ops).toEqual(expect.arrayContaining([
      { op: 'replace', path: '/balance/amount', value: '12.40' },
      { op: 'remove', path: '/roles/1' },
    ]));
    expect(ops).toHaveLength(2);
  });

  it('is empty for records equal up to key order, and treats undefined as absent', () => {
    expect(diffRecords({ a: { x: 1, y: 2 }, b: null }, { b: null, a: { y: 2, x: 1 } })).toEqual([]);
    expect(diffRecords({ a: undefined, b: 1 }, { b: 1 })).toEqual([]);
    expect(diffRecords({ a: undefined }, { a: 1 })).toEqual([{ op: 'add', path: '/a', value: 1 }]);
  });

  it('distinguishes null (empty) from an absent field', () => {
    expect(diffRecords({}, { phone: null })).toEqual([{ op: 'add', path: '/phone', value: null }]);
    expect(diffRecords({ phone: null }, {})).toEqual([{ op: 'remove', path: '/phone' }]);
  });

  it('does not share values with its inputs', () => {
    const after = { address: { city: 'Oslo' } };
    const [op] = diffRecords({}, after);
    expect(op).toMatchObject({ op: 'add', value: { city: 'Oslo' } });
    expect((op as { value: unknown }).value).not.toBe(after.address);
  });

  it('produces a patch that turns before into after, for any JSON records', () => {
    // Canonical field names are identifiers; prototype keys are refused by fast-json-patch on purpose.
    const keyArb = fc.string().filter((k) => !['__proto__', 'constructor', 'prototype'].includes(k));
    const recordArb = fc.dictionary(keyArb, fc.jsonValue({ maxDepth: 3 }));
    fc.assert(fc.property(recordArb, recordArb, (before, after) => {
      const patched = applyPatch(structuredClone(before), diffRecords(before, after), true, false).newDocument;
      expect(valuesEqual(patched, after)).toBe(true);
    }));
  });

  it('is deterministic whatever the key order the records were built in', () => {
    const ops = diffRecords({ b: 1, a: 1, c: { y: 1, x: 1 } }, { a: 2, b: 2, c: { x: 2, y: 2 } });
    const same = diffRecords({ c: { x: 1, y: 1 }, a: 1, b: 1 }, { c: { y: 2, x: 2 }, b: 2, a: 2 });
    expect(same).toEqual(ops);
  });
});

describe('valuesEqual', () => {
  it('compares deeply and independently of key order', () => {
    expect(valuesEqual({ amount: '12.30', currency: 'EUR' }, { currency: 'EUR', amount: '12.30' })).toBe(true);
    expect(valuesEqual([{ sku: 'A-1', quantity: 2 }], [{ quantity: 2, sku: 'A-1' }])).toBe(true);
    expect(valuesEqual({ a: { b: [1, { c: 2 }] } }, { a: { b: [1, { c: 3 }] } })).toBe(false);
  });

  it('keeps list order, types and null distinct', () => {
    expect(valuesEqual(['admin', 'editor'], ['editor', 'admin'])).toBe(false);
    expect(valuesEqual(1, '1')).toBe(false);
    expect(valuesEqual(null, undefined)).toBe(false);
    expect(valuesEqual(null, {})).toBe(false);
    expect(valuesEqual([], {})).toBe(false);
    expect(valuesEqual('12.30', '12.3')).toBe(false);
    expect(valuesEqual(null, null)).toBe(true);
  });

  it('treats an object key holding undefined as missing (JSON semantics)', () => {
    expect(valuesEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
  });

  it('agrees with structural equality on JSON values', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 3 }), fc.jsonValue({ maxDepth: 3 }), (a, b) => {
      expect(valuesEqual(a, structuredClone(a))).toBe(true);
      expect(valuesEqual(a, b)).toBe(isDeepStrictEqual(a, b));
    }));
  });
});
