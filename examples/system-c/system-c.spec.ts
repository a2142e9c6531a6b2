import { expect, it } from 'vitest';
import { databaseUrl, setupSystemC } from './system-c';

// The tests against a real warehouse database are in system-c.e2e-spec.ts (the e2e project provides PostgreSQL).

it('builds the database URL by swapping only the database name', () => {
  expect(databaseUrl('postgres://u:p%40ss@db.example:6543/postgres?sslmode=require', 'system_c')).toBe(
    'postgres://u:p%40ss@db.example:6543/system_c?sslmode=require',
  );
});

it('refuses database names that are not plain identifiers', async () => {
  await expect(setupSystemC('postgres://127.0.0.1:1/x', { database: 'x"; DROP DATABASE y; --' })).rejects.toThrow(/not a plain/);
});

