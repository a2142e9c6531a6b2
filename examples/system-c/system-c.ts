import pg from 'pg';

export const SYSTEM_C_DEFAULT_DATABASE = 'system_c';

/** The columns of stock_items, for mapping checks; the table itself is created by setupSystemC. */
export const STOCK_ITEM_COLUMNS = ['id', 'sku', 'name', 'quantity', 'location', 'price', 'currency', 'modified_at'] as const;

/**
 * System C's schema: a warehouse table as a real inventory database would have it — a surrogate
 * identity key, the SKU as the natural key (unique, so the hub can upsert on it), money as numeric(12,2)
 * with its currency, and modified_at maintained by the database itself so polling can trust it.
 *
 * modified_at is set by triggers, so no writer can forget or backdate it. It uses clock_timestamp(), not
 * now() (the transaction's start): several writes to one row in one transaction get increasing times.
 * A row's time is still taken before its transaction commits, which is why pollers keep an overlap
 * window. Updates that change nothing leave modified_at alone (the WHEN clause), so a no-op upsert from
 * the hub does not show up as a new change at the next poll.
 */
const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS stock_items (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sku         text NOT NULL,
  name        text,
  quantity    integer NOT NULL DEFAULT 0,
  location    text,
  price       numeric(12,2),
  currency    text,
  modified_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  CONSTRAINT stock_items_sku_key UNIQUE (sku),
  CONSTRAINT stock_items_quantity_check CHECK (quantity >= 0),
  CONSTRAINT stock_items_price_check CHECK (price IS NULL OR price >= 0),
  CONSTRAINT stock_items_currency_check CHECK (currency IS NULL OR currency ~ '^[A-Z]{3}$'),
  CONSTRAINT stock_items_priced_in_currency CHECK (price IS NULL OR currency IS NOT NULL)
);
CREATE INDEX IF NOT EXISTS stock_items_modified_at_idx ON stock_items (modified_at, id);

CREATE OR REPLACE FUNCTION stock_items_set_modified_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.modified_at := clock_timestamp();
  RETURN NEW;
END
$$;

CREATE OR REPLACE TRIGGER stock_items_modified_at_on_insert
  BEFORE INSERT ON stock_items
  FOR EACH ROW EXECUTE FUNCTION stock_items_set_modified_at();

CREATE OR REPLACE TRIGGER stock_items_modified_at_on_update
  BEFORE UPDATE ON stock_items
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*)
  EXECUTE FUNCTION stock_items_set_modified_at();
`;

// Any fixed number works; it only has to be the same for every caller setting up System C.
const SCHEMA_LOCK_KEY = 4_003_001;

export interface SystemCDatabase {
  /** connection URL of System C's database (the admin URL with the database name swapped) */
  url: string;
  database: string;
}

/**
 * Creates System C's database (if missing) on the server `adminUrl` points to, and its stock_items table,
 * trigger and index (if missing). Safe to call again, and from several processes at once.
 */
export async function setupSystemC(adminUrl: string, opts: { database?: string } = {}): Promise<SystemCDatabase> {
  const database = checkDatabaseName(opts.database ?? SYSTEM_C_DEFAULT_DATABASE);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) {
      try {
        // CREATE DATABASE takes no bind parameters and cannot run in a transaction; the name is checked above.
        await admin.query(`CREATE DATABASE "${database}"`);
      } catch (err) {
        // 42P04 duplicate_database; 23505 when a concurrent CREATE DATABASE wins the catalog race.
        const code = (err as { code?: string }).code;
        if (code !== '42P04' && code !== '23505') throw err;
      }
    }
  } finally {
    await admin.end();
  }

  const url = databaseUrl(adminUrl, database);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    // Serialises concurrent setups: CREATE OR REPLACE FUNCTION/TRIGGER race with "tuple concurrently updated".
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK_KEY]);
    await client.query(SCHEMA_SQL);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
  return { url, database };
}

/** Drops System C's database (demo reset, test clean-up); closes other sessions on it first. */
export async function dropSystemC(adminUrl: string, opts: { database?: string } = {}): Promise<void> {
  const database = checkDatabaseName(opts.database ?? SYSTEM_C_DEFAULT_DATABASE);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

function checkDatabaseName(name: string): string {
  // Identifiers are interpolated into DDL, so only plain lower-case names are accepted.
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`"${name}" is not a plain PostgreSQL database name`);
  return name;
}
