import type { EntityManager } from 'typeorm';
import type { Queryable } from '../../common/queryable';

/**
 * SQL of the recompute beyond the pipeline's golden-state repository: the keyset walk over an entity type's golden
 * records, their open conflicts, and closing the conflicts a recompute made obsolete. Always inside the caller's
 * transaction, the golden rows concerned locked first (except the walk and the dry run's reads, which lock nothing).
 */


/** The next live golden record ids of a type after `after`, in id order (the golden_record_type_id index). */
export async function nextGoldenIds(db: Queryable, entityType: string, after: string | null, limit: number): Promise<string[]> {
  const rows: { id: string }[] = await db.query(
    `SELECT id FROM golden_record WHERE entity_type = $1 AND ($2::uuid IS NULL OR id > $2::uuid) AND NOT deleted ORDER BY id LIMIT $3`,
    [entityType, after, limit],
  );
  return rows.map((r) => r.id);
}

export async function countLiveGolden(db: Queryable, entityType: string): Promise<number> {
  const rows: { n: number }[] = await db.query(`SELECT count(*)::int AS n FROM golden_record WHERE entity_type = $1 AND NOT deleted`, [entityType]);
  return rows[0].n;
}

export async function hasLiveGolden(db: Queryable, entityType: string): Promise<boolean> {
  const rows: unknown[] = await db.query(`SELECT 1 FROM golden_record WHERE entity_type = $1 AND NOT deleted LIMIT 1`, [entityType]);
  return rows.length > 0;
}

/** golden id → fields with an open conflict. */
export async function openConflictFields(m: EntityManager, goldenIds: string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (goldenIds.length === 0) return out;
  const rows: { golden_id: string; field: string }[] = await m.query(
    `SELECT DISTINCT golden_id, field FROM conflict WHERE golden_id = ANY($1::uuid[]) AND status = 'open'`, [goldenIds],
  );
  for (const r of rows) {
    const fields = out.get(r.golden_id);
    if (fields) fields.add(r.field);
    else out.set(r.golden_id, new Set([r.field]));
  }
  return out;
}

export interface ObsoleteConflicts {
  /** a changed field and the value it had: automatic decisions that chose that value are reversed */
  reversed: { goldenId: string; field: string; value: unknown }[];
  /** a field that is no longer manual: its open conflicts no longer wait for a steward */
  noLongerManual: { goldenId: string; field: string }[];
}

/** Closes the conflicts a recompute made obsolete with the status `superseded`, by `by` (job:<id>). */
export async function supersedeConflicts(m: EntityManager, obsolete: ObsoleteConflicts, by: string): Promise<void> {
  const { reversed, noLongerManual } = obsolete;
  // Each key is probed through the conflict_golden index (LATERAL … per key, fetched by primary key): as a join over
  // unnest the planner may hash the whole conflict table, which grows with every recorded conflict.
  if (reversed.length) {
    await m.query(
      `UPDATE conflict SET status = 'superseded', resolved_at = now(), resolved_by = $4
        WHERE id = ANY (ARRAY(SELECT c.id FROM unnest($1::uuid[], $2::text[], $3::jsonb[]) AS u(golden_id, field, value)
                              CROSS JOIN LATERAL (SELECT id FROM conflict WHERE golden_id = u.golden_id AND field = u.field
                                                    AND status = 'auto_resolved' AND winning_value = u.value) c))
          AND status = 'auto_resolved'`,
      [reversed.map((r) => r.goldenId), reversed.map((r) => r.field), reversed.map((r) => JSON.stringify(r.value ?? null)), by],
    );
  }
  if (noLongerManual.length) {
    await m.query(
      `UPDATE conflict SET status = 'superseded', resolved_at = now(), resolved_by = $3
        WHERE id = ANY (ARRAY(SELECT c.id FROM unnest($1::uuid[], $2::text[]) AS u(golden_id, field)
                              CROSS JOIN LATERAL (SELECT id FROM conflict WHERE golden_id = u.golden_id AND field = u.field AND status = 'open') c))
          AND status = 'open'`,
      [noLongerManual.map((r) => r.goldenId), noLongerManual.map((r) => r.field), by],
    );
  }
}
