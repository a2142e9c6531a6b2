import { describe, expect, it } from 'vitest';
import { causeSummary } from './cause';
import { changeRows, pointer } from './patch-view';

describe('version diffs', () => {
  const before = { firstName: 'Ada', phone: '+44', address: { city: 'London' }, 'a/b': 1 };

  it('shows each change with the value before and after', () => {
    const ops = [
      { op: 'replace', path: '/firstName', value: 'Augusta' },
      { op: 'remove', path: '/phone' },
      { op: 'add', path: '/email', value: 'ada@example.com' },
      { op: 'replace', path: '/address/city', value: 'Paris' },
      { op: 'add', path: '/a~1b', value: 2 },
    ];
    expect(changeRows(ops, before)).toEqual([
      { path: 'firstName', kind: 'changed', before: 'Ada', after: 'Augusta' },
      { path: 'phone', kind: 'removed', before: '+44', after: undefined },
      { path: 'email', kind: 'added', before: undefined, after: 'ada@example.com' },
      { path: 'address.city', kind: 'changed', before: 'London', after: 'Paris' },
      // "add" onto an existing member replaces it (RFC 6902)
      { path: 'a/b', kind: 'changed', before: 1, after: 2 },
    ]);
  });

  it('ignores what is not a patch', () => {
    expect(changeRows(null, before)).toEqual([]);
    expect(changeRows([{ nope: 1 }], before)).toEqual([]);
  });

  it('decodes JSON pointers', () => {
    expect(pointer('')).toEqual([]);
    expect(pointer('/a~1b/c~0d/0')).toEqual(['a/b', 'c~d', '0']);
  });

  it('summarises a version cause', () => {
    expect(causeSummary({ kind: 'event', system: 'A', eventId: 'e1' })).toBe('change from A (event e1)');
    expect(causeSummary({ kind: 'rollback', toVersion: 2, actor: 'key:stella' })).toBe('rollback to version 2 by key:stella');
    expect(causeSummary({ kind: 'steward', action: 'golden.override', actor: 'key:x' })).toBe('field pinned by key:x');
    expect(causeSummary(null)).toBe('unknown cause');
  });
});
