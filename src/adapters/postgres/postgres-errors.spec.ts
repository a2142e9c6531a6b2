import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { AdapterError } from '../adapter.error';
import { toAdapterError } from './postgres-errors';

function dbError(code: string, extra: Partial<pg.DatabaseError> = {}): pg.DatabaseError {
  const err = new pg.DatabaseError(`failure ${code}`, 0, 'error');
  err.code = code;
  Object.assign(err, extra);
  return err;
}

describe('toAdapterError (postgres)', () => {
  it.each(['08006', '08001', '40001', '40P01', '53300', '57P01', '57014', '55P03', '25006', 'XX000'])('%s is retryable', (code) => {
    expect(toAdapterError(dbError(code), 'op').opts).toMatchObject({ retryable: true, code: `PG_${code}` });
  });

  it.each(['23505', '23502', '22P02', '22001', '42703', '42P01', '42501', '28P01', '3D000'])('%s is permanent', (code) => {
    expect(toAdapterError(dbError(code), 'op').opts).toMatchObject({ retryable: false, code: `PG_${code}` });
  });

  it('names the constraint but never quotes the row values in detail', () => {
    const err = toAdapterError(dbError('23505', { constraint: 'items_sku_key', detail: 'Key (sku)=(SECRET) exists' }), 'create items');
    expect(err.message).toContain('items_sku_key');
    expect(err.message).not.toContain('SECRET');
  });

  it('treats errors that never reached the server as retryable', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(toAdapterError(refused, 'op').opts).toMatchObject({ retryable: true, code: 'PG_CONNECTION' });
  });

  it('passes AdapterErrors through', () => {
    const own = new AdapterError('x', { retryable: false, code: 'PG_UNKNOWN_COLUMN' });
    expect(toAdapterError(own, 'op')).toBe(own);
  });
});
