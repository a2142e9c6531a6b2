import {
  decodeInstantIdCursor, decodeSerialCursor, encodeInstantIdCursor, encodeSerialCursor, type Page, pageSize, toPage,
} from './page-cursor';
import type { Queryable } from './queryable';

export interface NewestFirstQuery {
  /** cursor tag, so a cursor from another list is refused */
  kind: string;
  /** `SELECT … FROM …` exposing `id` and `cursor_at` (the order instant as ISO text with microseconds) */
  select: string;
  /** the order columns, as the select names them: instant first, then the uuid id */
  order: [instant: string, id: string];
  /** column = value conditions; undefined or null values are left out */
  equal: [column: string, value: unknown][];
  first?: number | null;
  after?: string | null;
}

/**
 * One newest-first keyset page: `(instant, id) < cursor`, ordered by both descending, fetching one row more
 * than the page to know whether another page follows. Conflicts, sync runs and inferred deletes share it.
 */
export async function newestFirstPage<T extends { id: string; cursor_at: string }>(db: Queryable, q: NewestFirstQuery): Promise<Page<T>> {
  const params: unknown[] = [];
  const where: string[] = [];
  for (const [column, value] of q.equal) {
    if (value === undefined || value === null) continue;
    params.push(value);
    where.push(`${column} = $${params.length}`);
  }
  const [instant, id] = q.order;
  if (q.after) {
    const after = decodeInstantIdCursor(q.kind, q.after);
    params.push(after.at, after.id);
    where.push(`(${instant}, ${id}) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  const size = pageSize(q.first);
  params.push(size + 1);
  const rows: T[] = await db.query(
    `${q.select} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${instant} DESC, ${id} DESC LIMIT $${params.length}`,
    params,
  );
  return toPage(rows, size, (r) => encodeInstantIdCursor(q.kind, r.cursor_at, r.id));
}

export interface NewestBySerialQuery {
  kind: string;
  /** `SELECT … FROM …` exposing the key as `key_text` (decimal text) */
  select: string;
  /**
   * the numeric key column as the FROM clause names it, qualified (`e.id`): an unqualified `id` in ORDER BY would
   * sort an output column of the same name, and `id::text AS id` sorts as text (9 before 35).
   */
  key: string;
  equal: [column: string, value: unknown][];
  /** further conditions without parameters (a fixed predicate such as "failing") */
  where?: string[];
  /** timestamptz bounds: `column >= from`, `column < to`; undefined or null bounds are left out */
  range?: [column: string, from: Date | null | undefined, to: Date | null | undefined][];
  first?: number | null;
  after?: string | null;
}

/** One newest-first page over a numeric key (bigserial ids, version numbers): `key < cursor ORDER BY key DESC`. */
export async function newestBySerialPage<T extends { key_text: string }>(db: Queryable, q: NewestBySerialQuery): Promise<Page<T>> {
  const params: unknown[] = [];
  const where: string[] = [...(q.where ?? [])];
  for (const [column, value] of q.equal) {
    if (value === undefined || value === null) continue;
    params.push(value);
    where.push(`${column} = $${params.length}`);
  }
  for (const [column, from, to] of q.range ?? []) {
    if (from) where.push(`${column} >= $${params.push(from)}::timestamptz`);
    if (to) where.push(`${column} < $${params.push(to)}::timestamptz`);
  }
  if (q.after) {
    params.push(decodeSerialCursor(q.kind, q.after).key);
    where.push(`${q.key} < $${params.length}::bigint`);
  }
  const size = pageSize(q.first);
  params.push(size + 1);
  const rows: T[] = await db.query(
    `${q.select} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${q.key} DESC LIMIT $${params.length}`,
    params,
  );
  return toPage(rows, size, (r) => encodeSerialCursor(q.kind, r.key_text));
}
