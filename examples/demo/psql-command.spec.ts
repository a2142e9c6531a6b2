import { expect, it } from 'vitest';
import { psqlCommand } from './psql-command';

it("prints the embedded server's psql line with its demo password, and keeps a server's own password out", () => {
  expect(psqlCommand('postgres://hub:hub@127.0.0.1:61432/system_c', true)).toBe(
    "PGPASSWORD=hub psql -h 127.0.0.1 -p 61432 -U hub -d system_c -c 'TABLE stock_items'",
  );
  const own = psqlCommand('postgres://ops:s3cret@db.internal/system_c', false);
  expect(own).toBe("psql -h db.internal -p 5432 -U ops -d system_c -c 'TABLE stock_items'   (with the password of DATABASE_URL)");
  expect(own).not.toContain('s3cret');
  expect(psqlCommand('postgres://postgres@127.0.0.1:5432/system_c', false)).toBe(
    "psql -h 127.0.0.1 -p 5432 -U postgres -d system_c -c 'TABLE stock_items'",
  );
});
