import { describe, expect, it } from 'vitest';
import { systemEntitySchema } from '../config/hub-config.schema';
import { AdapterError } from './adapter.error';
import { idToString, readField, toAdapterRecord, toIsoTimestamp } from './adapter-record.util';

describe('readField', () => {
  it('prefers a literal key, then follows dot paths', () => {
    expect(readField({ 'a.b': 1, a: { b: 2 } }, 'a.b')).toBe(1);
    expect(readField({ a: { b: 2 } }, 'a.b')).toBe(2);
    expect(readField({ a: [1] }, 'a.0')).toBeUndefined();
    expect(readField({}, 'x.y')).toBeUndefined();
  });
});

describe('idToString', () => {
  it('accepts strings, finite numbers and bigints', () => {
    expect(idToString('x')).toBe('x');
    expect(idToString(7)).toBe('7');
    expect(idToString(7n)).toBe('7');
    expect(idToString('')).toBeUndefined();
    expect(idToString(Number.NaN)).toBeUndefined();
    expect(idToString({ id: 1 })).toBeUndefined();
  });
});

describe('toIsoTimestamp', () => {
  it('keeps ISO 8601 strings as given (microseconds included) and converts Dates', () => {
    expect(toIsoTimestamp('2024-05-01T10:00:00.123456Z')).toBe('2024-05-01T10:00:00.123456Z');
    expect(toIsoTimestamp(new Date('2024-05-01T10:00:00Z'))).toBe('2024-05-01T10:00:00.000Z');
  });

  it('does not guess other forms', () => {
    expect(toIsoTimestamp('01/05/2024')).toBeUndefined();
    expect(toIsoTimestamp('2024-05-01')).toBeUndefined();
    expect(toIsoTimestamp(1714557600)).toBeUndefined();
    expect(toIsoTimestamp('2024-13-45T99:00')).toBeUndefined();
  });
});

describe('toAdapterRecord', () => {
  const entity = systemEntitySchema.parse({ name: 'customers', id: 'customer_id', updatedAt: 'meta.updated' });

  it('reads the id and the watermark through the entity config', () => {
    expect(toAdapterRecord(entity, { customer_id: 12, meta: { updated: '2024-05-01T10:00:00Z' } })).toEqual({
      externalId: '12',
      data: { customer_id: 12, meta: { updated: '2024-05-01T10:00:00Z' } },
      updatedAt: '2024-05-01T10:00:00Z',
      // the version field defaults to updatedAt, kept as the system wrote it
      version: '2024-05-01T10:00:00Z',
    });
    expect(toAdapterRecord({ ...entity, version: 'rev' }, { customer_id: 12, rev: 7 }).version).toBe('7');
  });

  it('uses the fallback id, else fails permanently', () => {
    expect(toAdapterRecord(entity, { name: 'x' }, 'known').externalId).toBe('known');
    expect(() => toAdapterRecord(entity, { name: 'x' })).toThrow(AdapterError);
  });
});
