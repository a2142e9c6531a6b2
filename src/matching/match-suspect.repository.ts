import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { FieldScore } from './domain/suspect-score';

/** SQL over match_suspect and match_dismissal, inside the caller's transaction. */

export type SuspectStatus = 'open' | 'merged' | 'dismissed';
export const SUSPECT_STATUSES: readonly SuspectStatus[] = ['open', 'merged', 'dismissed'];
/**
 * Why a suspect is no longer open: a steward's merge or "not a match", or the hub closing it because one record
 * was deleted, merged into a third record, or no longer scores the threshold.
 */
export type SuspectResolution = 'merged' | 'not_a_match' | 'record_deleted' | 'record_merged' | 'no_longer_similar';

export interface SuspectRow {
  id: string;
  entity_type: string;
  golden_a: string;
  golden_b: string;
  score: number;
  field_scores: FieldScore[];
  rule: { index: number; name: string };
  status: SuspectStatus;
  resolution: SuspectResolution | null;
  survivor_id: string | null;
  created_at: Date;
  updated_at: Date;
  resolved_at: Date | null;
  resolved_by: string | null;
}

export const SUSPECT_COLUMNS = `id, entity_type, golden_a, golden_b, score, field_scores, rule, status, resolution, survivor_id,
  created_at, updated_at, resolved_at, resolved_by`;

/** A suspect pair to store: golden_a < golden_b. */
export interface SuspectDraft {
  entityType: string;
  a: string;
  b: string;
  score: number;
  fields: FieldScore[];
  rule: { index: number; name: string };
}

/** Every stored pair touching these records, whatever its status. */
export async function pairsOf(m: EntityManager, ids: string[]): Promise<SuspectRow[]> {
  if (ids.length === 0) return [];
  return m.query(
    `SELECT ${SUSPECT_COLUMNS} FROM match_suspect WHERE golden_a = ANY($1::uuid[])
     UNION SELECT ${SUSPECT_COLUMNS} FROM match_suspect WHERE golden_b = ANY($1::uuid[])`,
    [ids],
  );
}

/**
 * Stores suspect pairs: a new pair opens; a stored one takes the new score and, unless a steward said "not a
 * match", opens again (a pair the hub closed, or a merge since undone, whose records are both live and alike).
 * Answers how many pairs were opened or changed (a pair stored as it already was is not written).
 */
export async function upsertSuspects(m: EntityManager, drafts: SuspectDraft[]): Promise<number> {
  if (drafts.length === 0) return 0;
  const rows = [...drafts].sort((x, y) => (x.a + x.b < y.a + y.b ? -1 : 1));
  const written: unknown[] = await m.query(
    `INSERT INTO match_suspect (id, entity_type, golden_a, golden_b, score, field_scores, rule)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::float8[], $6::jsonb[], $7::jsonb[])
     ON CONFLICT (golden_a, golden_b) DO UPDATE
        SET score = EXCLUDED.score, field_scores = EXCLUDED.field_scores, rule = EXCLUDED.rule, status = 'open',
            resolution = NULL, survivor_id = NULL, resolved_at = NULL, resolved_by = NULL, updated_at = now()
      WHERE match_suspect.resolution IS DISTINCT FROM 'not_a_match'
        AND (match_suspect.status <> 'open' OR match_suspect.score <> EXCLUDED.score
             OR match_suspect.field_scores <> EXCLUDED.field_scores OR match_suspect.rule <> EXCLUDED.rule)
     RETURNING 1`,
    [
      rows.map(() => randomUUID()), rows.map((r) => r.entityType), rows.map((r) => r.a), rows.map((r) => r.b),
      rows.map((r) => r.score), rows.map((r) => JSON.stringify(r.fields)), rows.map((r) => JSON.stringify(r.rule)),
    ],
  );
  return written.length;
}

export interface SuspectClose {
  id: string;
  status: SuspectStatus;
  resolution: SuspectResolution;
  survivorId?: string;
}

/** Closes open suspects by id, each with its own status and resolution, by the hub. */
export async function closeSuspects(m: EntityManager, closes: SuspectClose[]): Promise<void> {
  if (closes.length === 0) return;
  const rows = [...closes].sort((x, y) => (x.id < y.id ? -1 : 1));
  await m.query(
    `UPDATE match_suspect s SET status = c.status, resolution = c.resolution, survivor_id = c.survivor_id,
            resolved_at = now(), resolved_by = 'hub', updated_at = now()
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[]) AS c(id, status, resolution, survivor_id)
      WHERE s.id = c.id AND s.status = 'open'`,
    [rows.map((r) => r.id), rows.map((r) => r.status), rows.map((r) => r.resolution), rows.map((r) => r.survivorId ?? null)],
  );
}

/**
 * The identity of a golden record for "not a match" memory: its source cross-references (`system:externalId`), or
 * `#golden:<id>` for a record no system holds. A system name never starts with `#`.
 */
export async function identityKeys(m: EntityManager, entityType: string, ids: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows: { golden_id: string; system: string; external_id: string }[] = await m.query(
    `SELECT golden_id, system, external_id FROM xref WHERE golden_id = ANY($1::uuid[]) AND entity_type = $2`, [ids, entityType],
  );
  for (const r of rows) out.get(r.golden_id)?.push(`${r.system}:${r.external_id}`);
  for (const [id, keys] of out) if (keys.length === 0) keys.push(`#golden:${id}`);
  return out;
}

/** The dismissed key pairs among these keys, as `left\u0000right` (left < right). */
export async function dismissedAmong(m: EntityManager, entityType: string, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows: { left_key: string; right_key: string }[] = await m.query(
    `SELECT left_key, right_key FROM match_dismissal WHERE entity_type = $1 AND left_key = ANY($2::text[]) AND right_key = ANY($2::text[])`,
    [entityType, keys],
  );
  return new Set(rows.map((r) => `${r.left_key}\u0000${r.right_key}`));
}

/** Whether any key of one side and any key of the other were declared "not a match". */
export function isDismissed(dismissed: Set<string>, left: string[], right: string[]): boolean {
  if (dismissed.size === 0) return false;
  for (const x of left) for (const y of right) if (x !== y && dismissed.has(x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`)) return true;
  return false;
}

/** Remembers "not a match" for every pair of the two sides' identity keys. */
export async function rememberDismissal(
  m: EntityManager, entityType: string, suspectId: string | null, left: string[], right: string[], by: string,
): Promise<number> {
  const pairs = new Map<string, [string, string]>();
  for (const x of left) for (const y of right) if (x !== y) pairs.set(x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`, x < y ? [x, y] : [y, x]);
  const rows = [...pairs.values()];
  if (rows.length === 0) return 0;
  await m.query(
    `INSERT INTO match_dismissal (entity_type, left_key, right_key, suspect_id, created_by)
     SELECT $1, l, r, $4, $5 FROM unnest($2::text[], $3::text[]) AS p(l, r) ON CONFLICT DO NOTHING`,
    [entityType, rows.map((p) => p[0]), rows.map((p) => p[1]), suspectId, by],
  );
  return rows.length;
}

/**
 * A steward undid the merge of `a` and `b`: they are not the same. Their pair (if the queue had one) is dismissed as
 * "not a match" and the decision remembered by both sides' source records, as a steward's dismissal is, so the
 * restored record is not suggested again as a duplicate of the one it was split from.
 */
export async function rememberUnmerge(m: EntityManager, entityType: string, a: string, b: string, by: string): Promise<void> {
  const [x, y] = a < b ? [a, b] : [b, a];
  // Wrapped in a CTE: TypeORM answers a bare UPDATE with [rows, count] instead of the rows.
  const rows: { id: string }[] = await m.query(
    `WITH closed AS (
       UPDATE match_suspect SET status = 'dismissed', resolution = 'not_a_match', survivor_id = NULL, resolved_by = $3,
              resolved_at = now(), updated_at = now()
        WHERE golden_a = $1 AND golden_b = $2 RETURNING id)
     SELECT id FROM closed`,
    [x, y, by],
  );
  const keys = await identityKeys(m, entityType, [x, y]);
  await rememberDismissal(m, entityType, rows[0]?.id ?? null, keys.get(x)!, keys.get(y)!, by);
}
