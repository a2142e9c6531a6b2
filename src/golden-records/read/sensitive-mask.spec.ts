import { compare } from 'fast-json-patch';
import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../admin/auth/actor';
import type { ResolvedEntityType } from '../../catalog/catalog.types';
import { resolveEntityTypes } from '../../catalog/entity-type.resolver';
import { MASKED, sensitiveMaskFor } from './sensitive-mask';

const actor = (role: Role): Actor => ({ kind: 'api-key', id: role, name: role, role });

const employee: ResolvedEntityType = {
  name: 'employee',
  fields: {
    name: { type: 'string' },
    ssn: { type: 'string', sensitive: true },
    salary: { type: 'money', sensitive: true },
    bank: { type: 'object', fields: { iban: { type: 'string', sensitive: true }, bankName: { type: 'string' } } },
    contacts: { type: 'list', items: { type: 'object', fields: { phone: { type: 'phone', sensitive: true }, label: { type: 'string' } } } },
    tags: { type: 'list', items: { type: 'string' } },
  },
  matchOn: [['name']], precedence: [], fieldPrecedence: {}, strategy: 'merge', deletePolicy: 'tombstone',
};

const record = {
  name: 'Ada',
  ssn: '123-45-6789',
  salary: { amount: '1000.00', currency: 'EUR' },
  bank: { iban: 'FR7630006000011234567890189', bankName: 'BNP' },
  contacts: [{ phone: '+33102030405', label: 'home' }, { phone: '+33600000000', label: 'cell' }],
  tags: ['a', 'b'],
};

describe('sensitive field masking', () => {
  const viewer = sensitiveMaskFor(actor('viewer'), employee);

  it('masks sensitive values at every depth of a record and keeps the rest', () => {
    expect(viewer.record(record)).toEqual({
      name: 'Ada',
      ssn: MASKED,
      salary: MASKED,
      bank: { iban: MASKED, bankName: 'BNP' },
      contacts: [{ phone: MASKED, label: 'home' }, { phone: MASKED, label: 'cell' }],
      tags: ['a', 'b'],
    });
    expect(record.ssn).toBe('123-45-6789');
  });

  it('shows everything to admins, masks for stewards too', () => {
    expect(sensitiveMaskFor(actor('admin'), employee).record(record)).toEqual(record);
    expect((sensitiveMaskFor(actor('steward'), employee).record(record) as typeof record).ssn).toBe(MASKED);
  });

  it('masks a value by its canonical path', () => {
    expect(viewer.at(['ssn'], 'x')).toBe(MASKED);
    expect(viewer.at(['name'], 'Ada')).toBe('Ada');
    expect(viewer.at(['bank'], record.bank)).toEqual({ iban: MASKED, bankName: 'BNP' });
    expect(viewer.at(['bank', 'iban'], 'FR76')).toBe(MASKED);
    expect(viewer.at(['salary', 'amount'], '1000.00')).toBe(MASKED);
    expect(viewer.at(['contacts', '1', 'phone'], '+336')).toBe(MASKED);
    expect(viewer.at(['unknown'], 'v')).toBe('v');
  });

  it('masks the values of JSON Patch operations, wherever the path points', () => {
    const after = {
      ...record, ssn: '999', bank: { iban: 'DE89', bankName: 'DB' }, salary: { amount: '2000.00', currency: 'EUR' },
      contacts: [...record.contacts, { phone: '+49', label: 'work' }], name: 'Ada L',
    };
    const ops = compare(record, after);
    const masked = viewer.patch(ops) as { op: string; path: string; value?: unknown }[];
    expect(JSON.stringify(masked)).not.toMatch(/999|DE89|2000|\+49/);
    expect(masked).toEqual(expect.arrayContaining([
      { op: 'replace', path: '/ssn', value: MASKED },
      { op: 'replace', path: '/bank/iban', value: MASKED },
      { op: 'replace', path: '/bank/bankName', value: 'DB' },
      { op: 'replace', path: '/salary/amount', value: MASKED },
      { op: 'add', path: '/contacts/2', value: { phone: MASKED, label: 'work' } },
      { op: 'replace', path: '/name', value: 'Ada L' },
    ]));
    expect(viewer.patch([{ op: 'add', path: '', value: record }])).toEqual([{ op: 'add', path: '', value: viewer.record(record) }]);
    expect(viewer.patch([{ op: 'remove', path: '/ssn' }])).toEqual([{ op: 'remove', path: '/ssn' }]);
  });

  it('unescapes JSON Pointer segments (~1 is /, ~0 is ~)', () => {
    const type: ResolvedEntityType = { ...employee, fields: { 'a/b': { type: 'string', sensitive: true }, 'c~d': { type: 'string' } } };
    const m = sensitiveMaskFor(actor('viewer'), type);
    expect(m.patch([{ op: 'add', path: '/a~1b', value: 's' }, { op: 'add', path: '/c~0d', value: 'p' }]))
      .toEqual([{ op: 'add', path: '/a~1b', value: MASKED }, { op: 'add', path: '/c~0d', value: 'p' }]);
  });

  it('masks previous and new values of field decisions in a version cause', () => {
    const cause = {
      kind: 'event', system: 'A',
      decisions: [
        { field: 'ssn', rule: 'merge', outcome: 'set', system: 'A', previous: '111', value: '222' },
        { field: 'bank', rule: 'merge', outcome: 'set', system: 'A', previous: null, value: { iban: 'X', bankName: 'Y' } },
        { field: 'name', rule: 'merge', outcome: 'set', system: 'A', previous: 'A', value: 'B' },
      ],
    };
    expect(viewer.cause(cause)).toEqual({
      kind: 'event', system: 'A',
      decisions: [
        { field: 'ssn', rule: 'merge', outcome: 'set', system: 'A', previous: MASKED, value: MASKED },
        { field: 'bank', rule: 'merge', outcome: 'set', system: 'A', previous: null, value: { iban: MASKED, bankName: 'Y' } },
        { field: 'name', rule: 'merge', outcome: 'set', system: 'A', previous: 'A', value: 'B' },
      ],
    });
    expect(viewer.cause({ kind: 'steward', actor: 'key:x' })).toEqual({ kind: 'steward', actor: 'key:x' });
  });

  it('fails closed for non-admins when the entity type is no longer configured', () => {
    const m = sensitiveMaskFor(actor('viewer'), undefined);
    expect(m.record({ a: 1, b: { c: 2 } })).toEqual({ a: MASKED, b: MASKED });
    expect(m.at(['a'], 1)).toBe(MASKED);
    expect(m.patch([{ op: 'replace', path: '/a', value: 1 }])).toEqual([{ op: 'replace', path: '/a', value: MASKED }]);
    expect(sensitiveMaskFor(actor('admin'), undefined).record({ a: 1 })).toEqual({ a: 1 });
  });

  it('masks the built-in contact ssn', () => {
    const contact = resolveEntityTypes({ entities: {}, systems: {} }).contact;
    const m = sensitiveMaskFor(actor('viewer'), contact);
    expect(m.record({ email: 'a@b.c', ssn: '1' })).toEqual({ email: 'a@b.c', ssn: MASKED });
  });
});
