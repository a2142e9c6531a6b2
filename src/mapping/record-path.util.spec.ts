import { describe, expect, it } from 'vitest';
import { systemEntitySchema } from '../config/hub-config.schema';
import { externalIdOf } from './field-mapping.util';
import { readPath, writePath } from './record-path.util';

describe('readPath', () => {
  const record = { a: 1, address: { city: 'Berlin', geo: null }, lines: [{ sku: 'A' }], empty: null };

  it('reads top-level, nested and list item paths', () => {
    expect(readPath(record, 'a')).toBe(1);
    expect(readPath(record, 'address.city')).toBe('Berlin');
    expect(readPath(record, 'lines.0.sku')).toBe('A');
  });

  it('distinguishes absent (undefined) from empty (null)', () => {
    expect(readPath(record, 'missing')).toBeUndefined();
    expect(readPath(record, 'address.zip')).toBeUndefined();
    expect(readPath(record, 'address.geo')).toBeNull();
    expect(readPath(record, 'address.geo.lat')).toBeNull();
    expect(readPath(record, 'empty.anything')).toBeNull();
    expect(readPath(record, 'a.b')).toBeUndefined();
    expect(readPath(record, 'lines.x')).toBeUndefined();
    expect(readPath(record, 'toString')).toBeUndefined();
  });
});

describe('writePath', () => {
  it('creates nested objects and keeps siblings', () => {
    const record: Record<string, unknown> = {};
    writePath(record, 'address.city', 'Berlin');
    writePath(record, 'address.zip', '10115');
    writePath(record, 'name', 'Ada');
    expect(record).toEqual({ address: { city: 'Berlin', zip: '10115' }, name: 'Ada' });
  });

  it('never writes through to a prototype', () => {
    const record: Record<string, unknown> = {};
    writePath(record, '__proto__.polluted', true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(record)).toEqual(['__proto__']);
  });
});

describe('externalIdOf', () => {
  it('returns the id as a string, from a nested id path too', () => {
    expect(externalIdOf(systemEntitySchema.parse({ name: 'x' }), { id: 42 })).toBe('42');
    expect(externalIdOf(systemEntitySchema.parse({ name: 'x', id: 'customer_id' }), { customer_id: 'c-1' })).toBe('c-1');
    expect(externalIdOf(systemEntitySchema.parse({ name: 'x', id: 'meta.key' }), { meta: { key: 'k' } })).toBe('k');
  });

  it('is undefined when the id is missing, null, empty or not a scalar', () => {
    const mapping = systemEntitySchema.parse({ name: 'x' });
    expect(externalIdOf(mapping, {})).toBeUndefined();
    expect(externalIdOf(mapping, { id: null })).toBeUndefined();
    expect(externalIdOf(mapping, { id: '' })).toBeUndefined();
    expect(externalIdOf(mapping, { id: { v: 1 } })).toBeUndefined();
  });
});
