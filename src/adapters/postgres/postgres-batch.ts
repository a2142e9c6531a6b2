import pg from 'pg';
import type { SystemEntityConfig } from '../../config/hub-config.schema';
import type { TableInfo } from './postgres-table';

const q = pg.escapeIdentifier;

/** One create or unconditional update waiting to be written with others of the same table and columns. */
export type RowWrite =
  | { kind: 'create'; entity: SystemEntityConfig; record: Record<string, unknown> }
  | { kind: 'update'; entity: SystemEntityConfig; externalId: string; record: Record<string, unknown> };

/** Writes of one table with the same columns can share a statement: this is their batch key. */
export function batchKey(w: RowWrite): string {
  return `${w.kind}\u0000${w.entity.name}\u0000${w.entity.id}\u0000${Object.keys(w.record).sort().join('\u0000')}`;
}

/**
 * The rows travel as one JSON array turned into rows of the table's own type by jsonb_populate_recordset:
 * every value is converted by its column's type (dates, numerics, enums, json), as a parameter would be,
 * without building a statement per row or casting each column by name.
 */
const rowsOf = (t: TableInfo) => `jsonb_populate_recordset(NULL::${t.sql}, $1::jsonb) WITH ORDINALITY AS v`;

/**
 * A multi-row INSERT of creates that name the same columns. With the id given and unique, a repeated create
 * converges on one row (as a single create does). Returns the rows in the order of `records`: by id when the
 * records carry it, otherwise in insertion order (INSERT … SELECT … ORDER BY inserts and returns in that order).
 */
export async function insertRows(
  pool: pg.Pool, t: TableInfo, entity: SystemEntityConfig, cols: string[], records: Record<string, unknown>[],
): Promise<Record<string, unknown>[]> {
  const list = cols.map(q).join(', ');
  let sql = `INSERT INTO ${t.sql} (${list}) SELECT ${cols.map((c) => `v.${q(c)}`).join(', ')} FROM ${rowsOf(t)} ORDER BY v.ordinality`;
  const withId = cols.includes(entity.id);
  if (withId && t.uniqueColumns.has(entity.id)) {
    const set = cols.filter((c) => c !== entity.id).map((c) => `${q(c)} = EXCLUDED.${q(c)}`);
    sql += ` ON CONFLICT (${q(entity.id)}) DO UPDATE SET ${set.length ? set.join(', ') : `${q(entity.id)} = EXCLUDED.${q(entity.id)}`}`;
  }
  const res = await pool.query<Record<string, unknown>>(`${sql} RETURNING *`, [JSON.stringify(records)]);
  if (!withId) return res.rows;
  const byId = new Map(res.rows.map((r) => [String(r[entity.id]), r]));
  return records.map((r, i) => byId.get(String(r[entity.id])) ?? res.rows[i]);
}

/** A multi-row UPDATE by id; null for an id the table does not hold (gone). */
export async function updateRows(
  pool: pg.Pool, t: TableInfo, entity: SystemEntityConfig, cols: string[], writes: { externalId: string; record: Record<string, unknown> }[],
): Promise<(Record<string, unknown> | null)[]> {
  const id = q(entity.id);
  const rows = writes.map((w) => ({ ...w.record, [entity.id]: w.externalId }));
  const res = await pool.query<Record<string, unknown>>(
    `UPDATE ${t.sql} AS t SET ${cols.map((c) => `${q(c)} = v.${q(c)}`).join(', ')} FROM ${rowsOf(t)} WHERE t.${id} = v.${id} RETURNING t.*`,
    [JSON.stringify(rows)],
  );
  const byId = new Map(res.rows.map((r) => [String(r[entity.id]), r]));
  return writes.map((w) => byId.get(String(w.externalId)) ?? null);
}

/** Ids that occur twice in one batch cannot share a statement (ON CONFLICT / UPDATE … FROM touch a row once). */
export function hasRepeatedIds(ids: unknown[]): boolean {
  const seen = new Set(ids.map(String));
  return seen.size !== ids.length;
}
