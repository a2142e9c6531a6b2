import { describe, expect, it } from 'vitest';
import type { ResolvedEntityType } from '../../catalog/catalog.types';
import { DomainError } from '../../common/domain-error';
import { parseFilterParam, validateGoldenFilter } from './golden-filter';

const contact: ResolvedEntityType = {
  name: 'contact',
  fields: {
    email: { type: 'email' },
    status: { type: 'enum', values: ['active', 'inactive'] },
    age: { type: 'integer' },
    vip: { type: 'boolean' },
    ssn: { type: 'string', sensitive: true },
    total: { type: 'money' },
    roles: { type: 'list', items: { type: 'string' } },
    address: { type: 'object', fields: { city: { type: 'string' }, pin: { type: 'string', sensitive: true }, geo: { type: 'object', fields: { lat: { type: 'decimal' } } } } },
  },
  matchOn: [['email']], precedence: [], fieldPrecedence: {}, strategy: 'merge', deletePolicy: 'tombstone',
};

const admin = { allowSensitive: true };
const viewer = { allowSensitive: false };

function errorOf(filter: unknown, options = admin): DomainError | undefined {
  try {
    validateGoldenFilter(filter, contact, options);
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  return undefined;
}

describe('golden record filters', () => {
  it('accepts scalars, null, nested objects and money objects, and returns the filter as is', () => {
    const f = { status: 'active', age: 3, vip: false, email: null, address: { city: 'Paris', geo: { lat: '1.5' } }, total: { currency: 'EUR' } };
    expect(validateGoldenFilter(f, contact, viewer)).toBe(f);
    expect(validateGoldenFilter({}, contact, viewer)).toEqual({});
    expect(validateGoldenFilter({ roles: null }, contact, viewer)).toEqual({ roles: null });
  });

  it.each([
    ['a string', 'status=active', undefined],
    ['an array', [{ status: 'active' }], undefined],
    ['null', null, undefined],
    ['an unknown field', { nope: 1 }, 'nope'],
    ['an inherited name', { constructor: 1 }, 'constructor'],
    ['an unknown nested field', { address: { street: 'x' } }, 'address.street'],
    ['a list value', { roles: ['admin'] }, 'roles'],
    ['a scalar for an object field', { address: 'Paris' }, 'address'],
    ['an object for a scalar field', { status: { $ne: 'active' } }, 'status'],
    ['a bad money part', { total: { amount: 12 } }, 'total.amount'],
    ['an extra money key', { total: { cents: '1' } }, 'total.cents'],
  ])('refuses %s with INVALID_FILTER and the path', (_name, filter, path) => {
    const e = errorOf(filter);
    expect(e?.code).toBe('INVALID_FILTER');
    if (path) expect(e?.details.map((d) => d.path)).toContain(path);
  });

  it('refuses sensitive fields to non-admins only, nested ones included', () => {
    expect(errorOf({ ssn: '1' }, viewer)?.details[0]).toMatchObject({ path: 'ssn' });
    expect(errorOf({ address: { pin: '1' } }, viewer)?.details[0]).toMatchObject({ path: 'address.pin' });
    expect(errorOf({ ssn: '1', address: { pin: '1' } }, admin)).toBeUndefined();
  });

  it('refuses filters nested too deep', () => {
    const deep: ResolvedEntityType = {
      ...contact,
      fields: { a: { type: 'object', fields: { b: { type: 'object', fields: { c: { type: 'object', fields: { d: { type: 'object', fields: { e: { type: 'string' } } } } } } } } } },
    };
    expect(() => validateGoldenFilter({ a: { b: { c: { d: { e: 'x' } } } } }, deep, admin)).toThrow(/invalid/);
    expect(validateGoldenFilter({ a: { b: { c: { d: null } } } }, deep, admin)).toBeTruthy();
  });

  it('parses the REST form', () => {
    expect(parseFilterParam(undefined)).toBeUndefined();
    expect(parseFilterParam('')).toBeUndefined();
    expect(parseFilterParam('{"status":"active"}')).toEqual({ status: 'active' });
    expect(() => parseFilterParam('{status')).toThrow(expect.objectContaining({ code: 'INVALID_FILTER' }));
  });
});
