import type { EntityManager } from 'typeorm';

/**
 * Links a steward merge moves and its unmerge moves back: cross-references (with their source records) marked with
 * the golden record they came from, and match keys restored exactly. Inside the steward's transaction, after the
 * golden rows concerned are locked.
 */

export interface LinkRow {
  system: string;
  externalId: string;
  goldenId: string;
  mergedFrom: string | null;
}

export async function linksOf(m: EntityManager, goldenIds: string[], entityType: string): Promise<LinkRow[]> {
  const rows: { system: string; external_id: string; golden_id: string; merged_from: string | null }[] = await m.query(
    `SELECT system, external_id, golden_id, merged_from FROM xref WHERE golden_id = ANY($1::uuid[]) AND entity_type = $2
      ORDER BY system, external_id`,
    [goldenIds, entityType],
  );
  return rows.map((r) => ({ system: r.system, externalId: r.external_id, goldenId: r.golden_id, mergedFrom: r.merged_from }));
}

export async function matchKeysOf(m: EntityManager, goldenId: string): Promise<string[]> {
  const rows: { key: string }[] = await m.query(`SELECT key FROM match_key WHERE golden_id = $1 ORDER BY key`, [goldenId]);
  return rows.map((r) => r.key);
}

/** The duplicate's links move to the survivor, marked as merged from it; those in `stay` remain with the duplicate. */
export async function moveMergedLinks(
  m: EntityManager, from: string, to: string, entityType: string, stay: { system: string; externalId: string }[],
): Promise<void> {
  const params = [from, to, entityType, stay.map((s) => s.system), stay.map((s) => s.externalId)];
  const notStaying = `NOT EXISTS (SELECT 1 FROM unnest($4::text[], $5::text[]) AS k(system, external_id)
                                   WHERE k.system = t.system AND k.external_id = t.external_id)`;
  await m.query(`UPDATE xref t SET golden_id = $2, merged_from = $1 WHERE golden_id = $1 AND entity_type = $3 AND ${notStaying}`, params);
  await m.query(`UPDATE source_record t SET golden_id = $2, updated_at = now() WHERE golden_id = $1 AND entity_type = $3 AND ${notStaying}`, params);
}

/** Every link the survivor got from `duplicate` in a merge goes back to it, unmarked. */
export async function moveMergedLinksBack(m: EntityManager, survivor: string, duplicate: string): Promise<void> {
  await m.query(
    `UPDATE source_record s SET golden_id = $2, updated_at = now() FROM xref x
      WHERE x.golden_id = $1 AND x.merged_from = $2
        AND s.system = x.system AND s.entity_type = x.entity_type AND s.external_id = x.external_id`,
    [survivor, duplicate],
  );
  await m.query(`UPDATE xref SET golden_id = $2, merged_from = NULL WHERE golden_id = $1 AND merged_from = $2`, [survivor, duplicate]);
}

/** The record holds exactly `keys` again (taken back from whichever record holds one now). */
export async function setMatchKeys(m: EntityManager, goldenId: string, entityType: string, keys: string[]): Promise<void> {
  await m.query(`DELETE FROM match_key WHERE golden_id = $1 AND NOT (key = ANY($2::text[]))`, [goldenId, keys]);
  if (keys.length) {
    await m.query(
      `INSERT INTO match_key (entity_type, key, golden_id) SELECT $1, k, $2 FROM unnest($3::text[]) AS k
       ON CONFLICT (entity_type, key) DO UPDATE SET golden_id = EXCLUDED.golden_id`,
      [entityType, goldenId, keys],
    );
  }
}

/** What undoing the merge that wrote `mergeVersion` of `survivor` needs (see MergeUndo). */
export async function saveMergeUndo(m: EntityManager, survivor: string, mergeVersion: number, duplicate: string, undo: unknown): Promise<void> {
  await m.query(
    `INSERT INTO merge_undo (survivor_id, merge_version, duplicate_id, undo) VALUES ($1, $2, $3, $4::jsonb)`,
    [survivor, mergeVersion, duplicate, JSON.stringify(undo)],
  );
}

/** The latest merge of `duplicate` into `survivor` with what undoing it needs. */
export async function latestMergeUndo<T>(m: EntityManager, survivor: string, duplicate: string): Promise<{ version: number; undo: T } | null> {
  const rows: { merge_version: number; undo: T }[] = await m.query(
    `SELECT merge_version, undo FROM merge_undo WHERE survivor_id = $1 AND duplicate_id = $2 ORDER BY merge_version DESC LIMIT 1`,
    [survivor, duplicate],
  );
  return rows[0] ? { version: rows[0].merge_version, undo: rows[0].undo } : null;
}

/** The golden record a cross-reference came from in a merge; null when it was linked otherwise. */
export async function mergedFromOf(m: EntityManager, key: { system: string; entityType: string; externalId: string }): Promise<string | null> {
  const rows: { merged_from: string | null }[] = await m.query(
    `SELECT merged_from FROM xref WHERE system = $1 AND entity_type = $2 AND external_id = $3`, [key.system, key.entityType, key.externalId],
  );
  return rows[0]?.merged_from ?? null;
}
