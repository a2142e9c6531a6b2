import pg from 'pg';
import { AdapterError } from '../adapter.error';

export interface TableInfo {
  /** schema-qualified, quoted name, safe to put in SQL */
  sql: string;
  /** column name → information_schema data_type */
  columns: Map<string, string>;
  /** columns with a single-column, non-partial unique index: usable as an ON CONFLICT target */
  uniqueColumns: Set<string>;
}

const COLUMNS_SQL = `
  SELECT column_name, data_type FROM information_schema.columns
  WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`;
const UNIQUE_SQL = `
  SELECT a.attname FROM pg_index i
  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
  WHERE i.indrelid = to_regclass(format('%I.%I', $1::text, $2::text))
    AND i.indisunique AND i.indnkeyatts = 1 AND i.indpred IS NULL AND i.indexprs IS NULL`;

/**
 * Column names come from record keys, i.e. from configuration and system data, so they are checked
 * against the table's real columns before they reach SQL (and quoted as well). The catalogue is read
 * once per table and re-read once when a name is missing, in case the table gained a column.
 */
export class TableCatalog {
  private readonly cache = new Map<string, Promise<TableInfo>>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly schema: string,
  ) {}

  async get(table: string, refresh = false): Promise<TableInfo> {
    let info = refresh ? undefined : this.cache.get(table);
    if (!info) {
      const loading = this.load(table);
      this.cache.set(table, loading);
      // A failed read (e.g. the database was down) must not be cached.
      loading.catch(() => {
        if (this.cache.get(table) === loading) this.cache.delete(table);
      });
      info = loading;
    }
    return info;
  }

  /** Returns the table with every named column known, or throws a permanent PG_UNKNOWN_COLUMN. */
  async withColumns(table: string, names: Iterable<string>): Promise<TableInfo> {
    const wanted = [...names];
    let info = await this.get(table);
    if (wanted.every((n) => info.columns.has(n))) return info;
    info = await this.get(table, true);
    const unknown = wanted.filter((n) => !info.columns.has(n));
    if (unknown.length > 0) {
      throw new AdapterError(`table ${this.schema}.${table} has no column ${unknown.map((n) => `"${n}"`).join(', ')}`, {
        retryable: false,
        code: 'PG_UNKNOWN_COLUMN',
      });
    }
    return info;
  }

  private async load(table: string): Promise<TableInfo> {
    const [cols, uniques] = await Promise.all([
      this.pool.query<{ column_name: string; data_type: string }>(COLUMNS_SQL, [this.schema, table]),
      this.pool.query<{ attname: string }>(UNIQUE_SQL, [this.schema, table]),
    ]);
    if (cols.rows.length === 0) {
      throw new AdapterError(`table ${this.schema}.${table} does not exist or has no visible columns`, {
        retryable: false,
        code: 'PG_UNKNOWN_TABLE',
      });
    }
    return {
      sql: `${pg.escapeIdentifier(this.schema)}.${pg.escapeIdentifier(table)}`,
      columns: new Map(cols.rows.map((r) => [r.column_name, r.data_type])),
      uniqueColumns: new Set(uniques.rows.map((r) => r.attname)),
    };
  }
}
