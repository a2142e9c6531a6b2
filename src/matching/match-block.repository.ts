import type { EntityManager } from 'typeorm';
import type { BlockKey } from './domain/blocking-keys';

/**
 * SQL of the blocking tables: match_block (equality keys, as a 64-bit hash of entity type, block and value) and
 * match_block_trgm (trigram keys as text, under a pg_trgm GIN index). A fixed number of statements per batch
 * whatever its size, inside the caller's transaction.
 */

/** A block shared by more records than this cannot tell them apart: it is skipped rather than read in full. */
export const MAX_BLOCK_SIZE = 100;

export interface OwnedKey extends BlockKey {
  goldenId: string;
}

export interface BlockWrites {
  drop: OwnedKey[];
  add: OwnedKey[];
}

/** The text an equality key is hashed from (hashtextextended(text, 0) in SQL, so every statement agrees). */
export function keyText(entityType: string, k: BlockKey): string {
  // U+001F, not NUL: PostgreSQL text cannot hold NUL. A value containing it could only add a candidate.
  return `${entityType}\u001f${k.block}\u001f${k.value}`;
}

/**
 * Deletes and inserts exactly the keys given (the difference between records' old and new keys), then takes the
 * entity type's detection lock (lockDetection), all in one statement: the sets are disjoint, so the statement's
 * parts cannot see or undo one another, and the probe that follows is a new statement, whose snapshot is taken
 * once the lock is held.
 */
export async function writeBlocksAndLock(m: EntityManager, entityType: string, w: BlockWrites): Promise<void> {
  const eq = (keys: OwnedKey[]) => keys.filter((k) => !k.trigram);
  const trgm = (keys: OwnedKey[]) => keys.filter((k) => k.trigram);
  const [dropEq, addEq, dropTrgm, addTrgm] = [eq(w.drop), eq(w.add), trgm(w.drop), trgm(w.add)];
  const params: unknown[] = [entityType];
  const arg = (v: unknown) => `$${params.push(v)}`;
  const parts: string[] = [];
  if (dropEq.length) {
    parts.push(`drop_eq AS (DELETE FROM match_block b USING unnest(${arg(dropEq.map((k) => keyText(entityType, k)))}::text[], ${arg(dropEq.map((k) => k.goldenId))}::uuid[]) AS d(t, golden_id)
       WHERE b.key = hashtextextended(d.t, 0) AND b.golden_id = d.golden_id)`);
  }
  if (addEq.length) {
    // Sorted, so two transactions inserting overlapping keys take their index locks in one order.
    parts.push(`add_eq AS (INSERT INTO match_block (key, golden_id)
       SELECT hashtextextended(a.t, 0), a.golden_id FROM unnest(${arg(addEq.map((k) => keyText(entityType, k)))}::text[], ${arg(addEq.map((k) => k.goldenId))}::uuid[]) AS a(t, golden_id)
        ORDER BY 1, 2 ON CONFLICT DO NOTHING)`);
  }
  if (dropTrgm.length) {
    parts.push(`drop_trgm AS (DELETE FROM match_block_trgm b
       USING unnest(${arg(dropTrgm.map((k) => k.block))}::text[], ${arg(dropTrgm.map((k) => k.value))}::text[], ${arg(dropTrgm.map((k) => k.goldenId))}::uuid[]) AS d(block, value, golden_id)
       WHERE b.entity_type = $1 AND b.block = d.block AND b.value = d.value AND b.golden_id = d.golden_id)`);
  }
  if (addTrgm.length) {
    parts.push(`add_trgm AS (INSERT INTO match_block_trgm (entity_type, block, value, golden_id)
       SELECT $1, a.block, a.value, a.golden_id
         FROM unnest(${arg(addTrgm.map((k) => k.block))}::text[], ${arg(addTrgm.map((k) => k.value))}::text[], ${arg(addTrgm.map((k) => k.goldenId))}::uuid[]) AS a(block, value, golden_id)
       ON CONFLICT DO NOTHING)`);
  }
  await m.query(`${parts.length ? `WITH ${parts.join(', ')} ` : ''}SELECT ${LOCK_SQL}`, params);
}

/**
 * The detection lock of an entity type (`$1`), held to the commit. Detection probes only once it holds it, so of
 * two transactions creating each other's duplicate at the same moment the second waits for the first's commit and
 * then sees its keys: they cannot both miss the pair.
 */
const LOCK_SQL = `pg_advisory_xact_lock(hashtextextended('match_suspect:' || $1::text, 11))`;

export async function lockDetection(m: EntityManager, entityType: string): Promise<void> {
  await m.query(`SELECT ${LOCK_SQL}`, [entityType]);
}

/** Every key of these records, whatever rules made them (a scan rewriting them, a tombstone losing them). */
export async function dropAllBlocks(m: EntityManager, goldenIds: string[], trigram: boolean): Promise<void> {
  if (goldenIds.length === 0) return;
  await m.query(`DELETE FROM match_block WHERE golden_id = ANY($1::uuid[])`, [goldenIds]);
  if (trigram) await m.query(`DELETE FROM match_block_trgm WHERE golden_id = ANY($1::uuid[])`, [goldenIds]);
}

/**
 * The records sharing each key: equality keys through match_block's primary key, trigram keys through the pg_trgm
 * GIN index (`%`: similarity at least pg_trgm.similarity_threshold, 0.3 by default). Each key is one index probe
 * read at most MAX_BLOCK_SIZE + 1 entries deep; a key with more members is left out. Answers key index → ids.
 */
export async function probeBlocks(m: EntityManager, entityType: string, keys: BlockKey[]): Promise<Map<number, string[]>> {
  const found = new Map<number, string[]>();
  const equal = keys.map((k, i) => ({ k, i })).filter(({ k }) => !k.trigram);
  const similar = keys.map((k, i) => ({ k, i })).filter(({ k }) => k.trigram);
  const collect = (rows: { n: number; golden_id: string }[]) => {
    for (const r of rows) {
      const list = found.get(r.n);
      if (list) list.push(r.golden_id);
      else found.set(r.n, [r.golden_id]);
    }
  };
  if (equal.length) {
    collect(await m.query(
      `SELECT p.n, c.golden_id
         FROM unnest($1::text[], $2::int[]) AS p(t, n)
         CROSS JOIN LATERAL (SELECT golden_id FROM match_block b WHERE b.key = hashtextextended(p.t, 0) LIMIT $3) c`,
      [equal.map(({ k }) => keyText(entityType, k)), equal.map(({ i }) => i), MAX_BLOCK_SIZE + 1],
    ));
  }
  if (similar.length) {
    collect(await m.query(
      `SELECT p.n, c.golden_id
         FROM unnest($2::text[], $3::text[], $4::int[]) AS p(block, value, n)
         CROSS JOIN LATERAL (SELECT golden_id FROM match_block_trgm b
                              WHERE b.value % p.value AND b.entity_type = $1 AND b.block = p.block LIMIT $5) c`,
      [entityType, similar.map(({ k }) => k.block), similar.map(({ k }) => k.value), similar.map(({ i }) => i), MAX_BLOCK_SIZE + 1],
    ));
  }
  for (const [n, ids] of found) if (ids.length > MAX_BLOCK_SIZE) found.delete(n);
  return found;
}

/** Live records of a type with their data (candidates, or the records a scan looks at). */
export async function loadLiveRecords(m: EntityManager, entityType: string, ids: string[]): Promise<{ id: string; data: Record<string, unknown> }[]> {
  if (ids.length === 0) return [];
  return m.query(`SELECT id, data FROM golden_record WHERE id = ANY($1::uuid[]) AND entity_type = $2 AND NOT deleted`, [ids, entityType]);
}

/**
 * A scan's second pass: the equality blocks in key order after `after` (a key as text; null: from the start), read
 * straight off match_block's primary key, `limit` rows at a time. Answers the members of each complete block with
 * 2..MAX_BLOCK_SIZE of them, and the key the next read starts after (null: none left). A block cut by the limit is
 * left whole to the next read; a block filling the whole read is longer than any pair worth scoring and is skipped.
 * Blocks of every entity type are read (the type is inside the hash): the caller keeps its own type's records.
 */
export async function pairedBlocks(m: EntityManager, after: string | null, atLeast: number): Promise<{ blocks: string[][]; next: string | null }> {
  // A read shorter than the longest block kept would skip blocks that are worth scoring.
  const limit = Math.max(atLeast, MAX_BLOCK_SIZE + 1);
  // Ordered by the bigint column (an alias `key` would order by its text) to walk the primary key, no sort.
  const rows: { key: string; golden_id: string }[] = after === null
    ? await m.query(`SELECT b.key::text AS key, b.golden_id FROM match_block b ORDER BY b.key, b.golden_id LIMIT $1`, [limit])
    : await m.query(`SELECT b.key::text AS key, b.golden_id FROM match_block b WHERE b.key > $1::bigint ORDER BY b.key, b.golden_id LIMIT $2`, [after, limit]);
  if (rows.length === 0) return { blocks: [], next: null };
  const last = rows[rows.length - 1].key;
  let upTo = rows.length;
  let next: string | null = null;
  if (rows.length === limit) {
    if (rows[0].key === last) return { blocks: [], next: last };
    while (rows[upTo - 1].key === last) upTo--;
    next = rows[upTo - 1].key;
  }
  const blocks: string[][] = [];
  for (let i = 0; i < upTo;) {
    let j = i + 1;
    while (j < upTo && rows[j].key === rows[i].key) j++;
    if (j - i >= 2 && j - i <= MAX_BLOCK_SIZE) blocks.push(rows.slice(i, j).map((r) => r.golden_id));
    i = j;
  }
  return { blocks, next };
}
