import { describe, expect, it } from 'vitest';
import { countOf, editableText, formatValue, parseEnteredValue, recordLabel, relativeTime } from './format';

describe('display formatting', () => {
  it('shows canonical values as a steward reads them', () => {
    expect(formatValue(null)).toBe('—');
    expect(formatValue('')).toBe('""');
    expect(formatValue({ amount: '12.30', currency: 'EUR' })).toBe('12.30 EUR');
    expect(formatValue(['a', 'b'])).toBe('["a","b"]');
    expect(formatValue(false)).toBe('false');
  });

  it('says how long ago, in the largest whole unit', () => {
    const now = new Date('2026-01-10T12:00:00Z');
    expect(relativeTime('2026-01-10T11:59:50Z', now)).toBe('just now');
    expect(relativeTime('2026-01-10T11:55:00Z', now)).toBe('5 minutes ago');
    expect(relativeTime('2026-01-10T11:00:00Z', now)).toBe('1 hour ago');
    expect(relativeTime('2026-01-08T12:00:00Z', now)).toBe('2 days ago');
    expect(relativeTime('not a date', now)).toBe('not a date');
  });

  it('names a record by its person, name or key fields, never by a masked value', () => {
    expect(recordLabel({ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' }, 'x')).toBe('Ada Lovelace <ada@example.com>');
    expect(recordLabel({ sku: 'SKU-1', name: 'Sprocket' }, 'x')).toBe('Sprocket <SKU-1>');
    expect(recordLabel({ orderNumber: 'SO-1' }, 'x')).toBe('SO-1');
    expect(recordLabel({ firstName: '***' }, '0b6c1234-aaaa')).toBe('record 0b6c1234');
  });

  it('reads an entered value as the field type wants it', () => {
    expect(parseEnteredValue('  Ada ', 'string')).toBe('Ada');
    expect(parseEnteredValue('', 'string')).toBeNull();
    expect(parseEnteredValue('42', 'integer')).toBe(42);
    expect(() => parseEnteredValue('4.2', 'integer')).toThrow('whole number');
    expect(parseEnteredValue('12.50', 'decimal')).toBe('12.50');
    expect(parseEnteredValue('true', 'boolean')).toBe(true);
    expect(parseEnteredValue('{"amount":"1.00","currency":"EUR"}', 'money')).toEqual({ amount: '1.00', currency: 'EUR' });
    expect(() => parseEnteredValue('{', 'object')).toThrow('valid JSON');
    expect(editableText({ a: 1 })).toBe('{"a":1}');
    expect(editableText(null)).toBe('');
    expect(editableText('***')).toBe('');
  });

  it('counts with the right plural', () => {
    expect(countOf(1, 'dead letter')).toBe('1 dead letter');
    expect(countOf(2, 'dead letter')).toBe('2 dead letters');
    expect(countOf(0, 'failed run')).toBe('0 failed runs');
  });
});
