import type { EntityManager } from 'typeorm';
import { ageRange, conflictConditions } from './conflict-filter';
import { CONFLICT_COLUMNS } from './conflict.repository';
import { CONFLICT_AGES, type ConflictFacets, type ConflictFilter, type ConflictRow, type FacetCount } from './conflict.types';

/* Read-only SQL over the conflict table for the inbox: filtered keyset pages and facet counts. */

/**
 * Newest first by (created_at, id), `limit` rows after the cursor. Served by conflict_status_created (with a
 * status) or conflict_created (without): the scan stops after one page however many conflicts match.
 */
export function conflictPage(
  m: EntityManager, filter: ConflictFilter, now: Date, after: { at: string; id: string } | null, limit: number,
): Promise<ConflictRow[]> {
  const { where, params } = conflictConditions(filter, now);
  if (after) {
    params.push(after.at, after.id);
    where.push(`(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(limit);
  return m.query(
    `SELECT ${CONFLICT_COLUMNS} FROM conflict ${whereSql(where)} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
    params,
  );
}

export async function conflictFacets(m: EntityManager, filter: ConflictFilter, now: Date): Promise<ConflictFacets> {
  const grouped = async (column: string, without: keyof ConflictFilter): Promise<FacetCount[]> => {
    const { where, params } = conflictConditions(filter, now, without);
    return m.query(
      `SELECT ${column} AS value, count(*)::int AS count FROM conflict ${whereSql(where)} GROUP BY 1 ORDER BY 2 DESC, 1`,
      params,
    );
  };
  const systems = async (): Promise<FacetCount[]> => {
    const { where, params } = conflictConditions(filter, now, 'system');
    // A system can claim twice in one conflict (a manual field's older and newer value): count conflicts, not claims.
    return m.query(
      `SELECT s.value, count(DISTINCT c.id)::int AS count
         FROM (SELECT id, candidates FROM conflict ${whereSql(where)}) c,
              LATERAL (SELECT DISTINCT e->>'system' AS value FROM jsonb_array_elements(c.candidates) e) s
        WHERE s.value IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1`,
      params,
    );
  };
  const ages = async (): Promise<FacetCount[]> => {
    const { where, params } = conflictConditions(filter, now, 'age');
    const bound = (op: string, at: Date) => {
      params.push(at.toISOString());
      return `created_at ${op} $${params.length}::timestamptz`;
    };
    const buckets = CONFLICT_AGES.map((age) => {
      const [from, to] = ageRange(age, now);
      const cond = [...(from ? [bound('>=', from)] : []), ...(to ? [bound('<', to)] : [])];
      return `count(*) FILTER (WHERE ${cond.join(' AND ')})::int AS "${age}"`;
    });
    const [row] = await m.query<Record<string, number>[]>(`SELECT ${buckets.join(', ')} FROM conflict ${whereSql(where)}`, params);
    return CONFLICT_AGES.map((age) => ({ value: age, count: row[age] }));
  };
  const total = async (): Promise<number> => {
    const { where, params } = conflictConditions(filter, now);
    const [row] = await m.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM conflict ${whereSql(where)}`, params);
    return row.n;
  };
  const [n, status, entityType, field, system, age] = await Promise.all([
    total(), grouped('status', 'status'), grouped('entity_type', 'entityType'), grouped('field', 'field'), systems(), ages(),
  ]);
  return { total: n, status, entityType, field, system, age };
}

function whereSql(where: string[]): string {
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}
