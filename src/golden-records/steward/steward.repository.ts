import type { EntityManager } from 'typeorm';
import type { CanonicalRecord } from '../../catalog/catalog.types';

/**
 * SQL of the steward actions beyond what the pipeline's golden-state repository offers: moving links between golden
 * records, match-key upkeep by difference, versions by number, and settling conflicts. Always inside the caller's
 * transaction, after the golden rows concerned are locked.
 */

export async function loadVersion(m: EntityManager, goldenId: string, version: number): Promise<{ data: CanonicalRecord; deleted: boolean } | null> {
  const rows: { data: CanonicalRecord; deleted: boolean }[] = await m.query(
    `SELECT data, deleted FROM golden_version WHERE golden_id = $1 AND version = $2`, [goldenId, version],
  );
  return rows[0] ?? null;
}

export async function xrefGolden(m: EntityManager, system: string, entityType: string, externalId: string): Promise<string | null> {
  const rows: { golden_id: string }[] = await m.query(
    `SELECT golden_id FROM xref WHERE system = $1 AND entity_type = $2 AND external_id = $3`, [system, entityType, externalId],
  );
  return rows[0]?.golden_id ?? null;
}

export async function countXrefs(m: EntityManager, goldenId: string): Promise<number> {
  const rows: { n: number }[] = await m.query(`SELECT count(*)::int AS n FROM xref WHERE golden_id = $1`, [goldenId]);
  return rows[0].n;
}

/** Every cross-reference and source record of `from` now belongs to `to`. */
export async function moveAllLinks(m: EntityManager, from: string, to: string): Promise<void> {
  await m.query(`UPDATE xref SET golden_id = $2 WHERE golden_id = $1`, [from, to]);
  await m.query(`UPDATE source_record SET golden_id = $2, updated_at = now() WHERE golden_id = $1`, [from, to]);
}

/** One source record (its cross-reference and its source state) now belongs to `to`. */
export async function moveOneLink(
  m: EntityManager, key: { system: string; entityType: string; externalId: string }, to: string,
): Promise<void> {
  const params = [key.system, key.entityType, key.externalId, to];
  await m.query(`UPDATE xref SET golden_id = $4 WHERE system = $1 AND entity_type = $2 AND external_id = $3`, params);
  await m.query(
    `UPDATE source_record SET golden_id = $4, updated_at = now() WHERE system = $1 AND entity_type = $2 AND external_id = $3`, params,
  );
}

/**
 * Match keys of `from` (all, or only `keys`) now find `to`: a merged duplicate's keys go to the survivor, an unmerged
 * record's keys come back to it, so the systems' next records with those values land on the right record.
 */
export async function moveMatchKeys(m: EntityManager, from: string, to: string, keys?: string[]): Promise<void> {
  if (keys === undefined) {
    await m.query(`UPDATE match_key SET golden_id = $2 WHERE golden_id = $1`, [from, to]);
  } else if (keys.length) {
    await m.query(`UPDATE match_key SET golden_id = $2 WHERE golden_id = $1 AND key = ANY($3::text[])`, [from, to, keys]);
  }
}

/**
 * Match keys follow the record's values by difference: keys its old values gave and its new ones do not are dropped,
 * new ones are added unless another record holds them (that one keeps them: a probable duplicate, as in the
 * pipeline). Keys not derived from its values (moved in by a merge) stay. A tombstone frees all of its keys.
 */
export async function updateMatchKeys(
  m: EntityManager, goldenId: string, entityType: string, before: string[], after: string[], deleted: boolean,
): Promise<void> {
  if (deleted) {
    await m.query(`DELETE FROM match_key WHERE golden_id = $1`, [goldenId]);
    return;
  }
  const dropped = before.filter((k) => !after.includes(k));
  if (dropped.length) {
    await m.query(`DELETE FROM match_key WHERE golden_id = $1 AND entity_type = $2 AND key = ANY($3::text[])`, [goldenId, entityType, dropped]);
  }
  if (after.length) {
    await m.query(
      `INSERT INTO match_key (entity_type, key, golden_id) SELECT $1, k, $2 FROM unnest($3::text[]) AS k ON CONFLICT DO NOTHING`,
      [entityType, goldenId, after],
    );
  }
}

export interface SettledConflict {
  id: string;
  status: string;
  winner: string | null;
  winning_value: unknown;
}

/**
 * Marks conflicts resolved by a steward, with the value that now holds. `ids` are resolved whatever their status;
 * besides them every OPEN conflict on the record's field, since the steward's decision settles those too.
 */
export async function settleConflicts(
  m: EntityManager,
  s: { ids: string[]; goldenId: string; field: string; winner: string; value: unknown; by: string },
): Promise<SettledConflict[]> {
  // Wrapped in a CTE: TypeORM answers a bare UPDATE with [rows, count] instead of the rows.
  return m.query(
    `WITH settled AS (
       UPDATE conflict c SET status = 'resolved', winner = $4, winning_value = $5::jsonb, resolved_by = $6, resolved_at = now()
         FROM conflict old
        WHERE c.id = old.id
          AND (c.id = ANY($1::uuid[]) OR (c.golden_id = $2 AND c.field = $3 AND c.status = 'open'))
    RETURNING c.id, old.status, old.winner, old.winning_value)
     SELECT * FROM settled ORDER BY id`,
    [s.ids, s.goldenId, s.field, s.winner, s.value === undefined ? null : JSON.stringify(s.value), s.by],
  );
}
