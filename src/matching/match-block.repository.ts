import type { EntityManager } from 'typeorm';
import type { BlockKey } from './domain/blocking-keys';

/**
 * SQL of the blocking table (match_block): a fixed number of statements per batch whatever its size. Inside the
 * caller's transaction.
 */

/** A block shared by more records than this cannot tell them apart: it is skipped rather than read in full. */
export const MAX_BLOCK_SIZE = 100;

export interface RecordBlocks {
  goldenId: string;
  keys: BlockKey[];
}

/**
 * Sets the blocking keys of these records to exactly `keys`: keys they no longer give are deleted, new ones
 * inserted; records with no keys (tombstoned, or holding none of the rules' fields) end with none.
 */
export async function replaceBlocks(m: EntityManager, entityType: string, records: RecordBlocks[]): Promise<void> {
  if (records.length === 0) return;
  const ids = records.map((r) => r.goldenId);
  const rows = records.flatMap((r) => r.keys.map((k) => ({ ...k, goldenId: r.goldenId })))
    .sort((a, b) => cmp(a.block, b.block) || cmp(a.value, b.value) || cmp(a.goldenId, b.goldenId));
  const blocks = rows.map((r) => r.block);
  const values = rows.map((r) => r.value);
  const owners = rows.map((r) => r.goldenId);
  await m.query(
    `DELETE FROM match_block b
      WHERE b.golden_id = ANY($1::uuid[])
        AND NOT EXISTS (SELECT 1 FROM unnest($2::text[], $3::text[], $4::uuid[]) AS k(block, value, golden_id)
                         WHERE k.block = b.block AND k.value = b.value AND k.golden_id = b.golden_id)`,
    [ids, blocks, values, owners],
  );
  if (rows.length === 0) return;
  await m.query(
    `INSERT INTO match_block (entity_type, block, value, golden_id, trigram)
     SELECT $1, k.block, k.value, k.golden_id, k.trigram FROM unnest($2::text[], $3::text[], $4::uuid[], $5::bool[]) AS k(block, value, golden_id, trigram)
     ON CONFLICT DO NOTHING`,
    [entityType, blocks, values, owners, rows.map((r) => r.trigram)],
  );
}

/**
 * The records sharing each key: equality keys through the primary key, trigram keys through the pg_trgm GIN index
 * (`%`: similarity at least pg_trgm.similarity_threshold, 0.3 by default). Each key is one index probe read at most
 * MAX_BLOCK_SIZE + 1 entries deep; a key with more members than MAX_BLOCK_SIZE is left out (see above).
 * Answers key index → golden ids.
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
         FROM unnest($2::text[], $3::text[], $4::int[]) AS p(block, value, n)
         CROSS JOIN LATERAL (SELECT golden_id FROM match_block b
                              WHERE b.entity_type = $1 AND b.block = p.block AND b.value = p.value LIMIT $5) c`,
      [entityType, equal.map(({ k }) => k.block), equal.map(({ k }) => k.value), equal.map(({ i }) => i), MAX_BLOCK_SIZE + 1],
    ));
  }
  if (similar.length) {
    collect(await m.query(
      `SELECT p.n, c.golden_id
         FROM unnest($2::text[], $3::text[], $4::int[]) AS p(block, value, n)
         CROSS JOIN LATERAL (SELECT golden_id FROM match_block b
                              WHERE b.trigram AND b.value % p.value AND b.entity_type = $1 AND b.block = p.block LIMIT $5) c`,
      [entityType, similar.map(({ k }) => k.block), similar.map(({ k }) => k.value), similar.map(({ i }) => i), MAX_BLOCK_SIZE + 1],
    ));
  }
  for (const [n, ids] of found) if (ids.length > MAX_BLOCK_SIZE) found.delete(n);
  return found;
}

/** Live records of a type with their data (candidates, or the records a scan looks at). */
export async function loadLiveRecords(m: EntityManager, entityType: string, ids: string[]): Promise<{ id: string; data: Record<string, unknown>; created_at: Date }[]> {
  if (ids.length === 0) return [];
  return m.query(
    `SELECT id, data, created_at FROM golden_record WHERE id = ANY($1::uuid[]) AND entity_type = $2 AND NOT deleted`,
    [ids, entityType],
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
