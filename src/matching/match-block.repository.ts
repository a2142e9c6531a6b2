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

/** Deletes and inserts exactly the keys given (the difference between a record's old and new keys). */
export async function writeBlocks(m: EntityManager, entityType: string, w: BlockWrites): Promise<void> {
  const split = (keys: OwnedKey[]) => [keys.filter((k) => !k.trigram), keys.filter((k) => k.trigram)] as const;
  const [dropEq, dropTrgm] = split(w.drop);
  const [addEq, addTrgm] = split(w.add);
  if (dropEq.length) {
    await m.query(
      `DELETE FROM match_block b USING unnest($1::text[], $2::uuid[]) AS d(t, golden_id)
        WHERE b.key = hashtextextended(d.t, 0) AND b.golden_id = d.golden_id`,
      [dropEq.map((k) => keyText(entityType, k)), dropEq.map((k) => k.goldenId)],
    );
  }
  if (dropTrgm.length) {
    await m.query(
      `DELETE FROM match_block_trgm b USING unnest($2::text[], $3::text[], $4::uuid[]) AS d(block, value, golden_id)
        WHERE b.entity_type = $1 AND b.block = d.block AND b.value = d.value AND b.golden_id = d.golden_id`,
      [entityType, dropTrgm.map((k) => k.block), dropTrgm.map((k) => k.value), dropTrgm.map((k) => k.goldenId)],
    );
  }
  if (addEq.length) {
    // Sorted, so two transactions inserting overlapping keys take their index locks in one order.
    await m.query(
      `INSERT INTO match_block (key, golden_id)
       SELECT hashtextextended(a.t, 0), a.golden_id FROM unnest($1::text[], $2::uuid[]) AS a(t, golden_id) ORDER BY 1, 2
       ON CONFLICT DO NOTHING`,
      [addEq.map((k) => keyText(entityType, k)), addEq.map((k) => k.goldenId)],
    );
  }
  if (addTrgm.length) {
    await m.query(
      `INSERT INTO match_block_trgm (entity_type, block, value, golden_id)
       SELECT $1, a.block, a.value, a.golden_id FROM unnest($2::text[], $3::text[], $4::uuid[]) AS a(block, value, golden_id)
       ON CONFLICT DO NOTHING`,
      [entityType, addTrgm.map((k) => k.block), addTrgm.map((k) => k.value), addTrgm.map((k) => k.goldenId)],
    );
  }
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
