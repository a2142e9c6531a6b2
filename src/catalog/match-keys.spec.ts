import { describe, expect, it } from 'vitest';
import { hubConfigSchema } from '../config/hub-config.schema';
import type { ResolvedEntityType } from './catalog.types';
import { resolveEntityTypes } from './entity-type.resolver';
import { matchKeys, normaliseKeyValue } from './match-keys';

const { contact, order, inventory, user } = resolveEntityTypes(hubConfigSchema.parse({}));
const withMatchOn = (type: ResolvedEntityType, matchOn: string[][]): ResolvedEntityType => ({ ...type, matchOn });

describe('matchKeys', () => {
  it('normalises emails: trimmed and lower-cased', () => {
    expect(matchKeys(contact, { email: '  Ada@Example.COM ' })).toEqual(['email:ada@example.com']);
  });

  it('gives one key per matchOn entry with all fields present, in matchOn order', () => {
    expect(matchKeys(user, { username: 'ada', email: 'ada@example.com' })).toEqual(['username:ada', 'email:ada@example.com']);
    expect(matchKeys(user, { email: 'ada@example.com' })).toEqual(['email:ada@example.com']);
    expect(matchKeys(user, { username: '  ', email: null })).toEqual([]);
    expect(matchKeys(user, {})).toEqual([]);
  });

  it('builds composite keys only when every part is present', () => {
    const type = withMatchOn(contact, [['firstName', 'lastName'], ['email']]);
    expect(matchKeys(type, { firstName: ' Ada ', lastName: 'LOVELACE', email: 'ada@example.com' }))
      .toEqual(['firstName+lastName:ada|lovelace', 'email:ada@example.com']);
    expect(matchKeys(type, { firstName: 'Ada', lastName: '' })).toEqual([]);
  });

  it('collapses whitespace, applies NFKC and folds case', () => {
    const type = withMatchOn(contact, [['firstName', 'lastName']]);
    const keys = (firstName: string, lastName: string) => matchKeys(type, { firstName, lastName });
    expect(keys('Mary\u00a0 Ann', ' Smith\t')).toEqual(keys('mary ann', 'SMITH'));
    expect(keys('José', 'Ｓmith')).toEqual(keys('Jose\u0301', 'smith'));
    expect(keys('Jürgen', 'Strauß')).toEqual(keys('JÜRGEN', 'STRAUSS'));
    expect(keys('Ada', 'Lovelace')).not.toEqual(keys('Ada', 'Byron'));
  });

  it('case-folds and trims identifiers (sku, orderNumber, username)', () => {
    expect(matchKeys(inventory, { sku: ' ab-100 ' })).toEqual(matchKeys(inventory, { sku: 'AB-100' }));
    expect(matchKeys(order, { orderNumber: 'so-1001' })).toEqual(['orderNumber:so-1001']);
    expect(matchKeys(user, { username: 'ADA' })).toEqual(['username:ada']);
  });

  it('escapes separators so different composites cannot collide', () => {
    const type = withMatchOn(contact, [['firstName', 'lastName']]);
    const a = matchKeys(type, { firstName: 'a|b', lastName: 'c' });
    const b = matchKeys(type, { firstName: 'a', lastName: 'b|c' });
    expect(a).toEqual(['firstName+lastName:a\\|b|c']);
    expect(a).not.toEqual(b);
  });

  it('hashes keys built from sensitive fields, with an HMAC when given a secret', () => {
    const type = withMatchOn(contact, [['ssn']]);
    const [plain] = matchKeys(type, { ssn: '123-45-6789' });
    expect(plain).toMatch(/^ssn:sha256:[0-9a-f]{64}$/);
    expect(plain).not.toContain('6789');
    expect(matchKeys(type, { ssn: ' 123-45-6789 ' })).toEqual([plain]);
    const [keyed] = matchKeys(type, { ssn: '123-45-6789' }, { secret: 's3cret' });
    expect(keyed).toMatch(/^ssn:hmac-sha256:[0-9a-f]{64}$/);
    expect(matchKeys(type, { ssn: '123-45-6789' }, { secret: 'other' })).not.toEqual([keyed]);
  });

  it('skips keys whose values cannot be normalised', () => {
    expect(matchKeys(contact, { email: 42 })).toEqual([]);
    expect(matchKeys(withMatchOn(order, [['total']]), { total: { amount: '1.00', currency: 'EUR' } })).toEqual([]);
  });

  it('drops repeated keys', () => {
    expect(matchKeys(withMatchOn(contact, [['email'], ['email']]), { email: 'ada@example.com' })).toEqual(['email:ada@example.com']);
  });
});

describe('normaliseKeyValue', () => {
  it('normalises phones to E.164, using the default country for national numbers', () => {
    expect(normaliseKeyValue({ type: 'phone' }, '+44 20 7183 8750')).toBe('+442071838750');
    expect(normaliseKeyValue({ type: 'phone', defaultCountry: 'GB' }, '020 7183 8750')).toBe('+442071838750');
    expect(normaliseKeyValue({ type: 'phone' }, 'call me')).toBeUndefined();
  });

  it('normalises datetimes to UTC and decimals to plain notation', () => {
    expect(normaliseKeyValue({ type: 'datetime' }, '2024-01-01T10:30:00+01:00')).toBe('2024-01-01T09:30:00.000Z');
    expect(normaliseKeyValue({ type: 'datetime' }, 'soon')).toBeUndefined();
    expect(normaliseKeyValue({ type: 'decimal' }, '12.50')).toBe('12.5');
    expect(normaliseKeyValue({ type: 'decimal' }, '1e3')).toBe('1000');
    expect(normaliseKeyValue({ type: 'decimal' }, 'abc')).toBeUndefined();
  });

  it('renders integers, booleans, dates and references as text', () => {
    expect(normaliseKeyValue({ type: 'integer' }, 42)).toBe('42');
    expect(normaliseKeyValue({ type: 'integer' }, 4.2)).toBeUndefined();
    expect(normaliseKeyValue({ type: 'boolean' }, false)).toBe('false');
    expect(normaliseKeyValue({ type: 'date' }, '2024-01-01')).toBe('2024-01-01');
    expect(normaliseKeyValue({ type: 'reference' }, '0B6C0F3E-1234-4ABC-8DEF-0123456789AB'))
      .toBe('0b6c0f3e-1234-4abc-8def-0123456789ab');
  });
});
