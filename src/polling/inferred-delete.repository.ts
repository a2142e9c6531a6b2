import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { InferredDeleteStatus } from './inferred-delete.types';

/** Every statement on `inferred_delete`: records reconciliation found gone, held for a steward's review. */

export const INFERRED_DELETE_COLUMNS = `id, system, entity_type, external_id, golden_id, status, run_id, created_at, decided_by, decided_at,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at`;

export interface InferredDeleteRow {
  id: string;
  system: string;
  entity_type: string;
  external_id: string;
  golden_id: string | null;
  status: InferredDeleteStatus;
  run_id: string | null;
  created_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  cursor_at: string;
}

/** Queues records for review; one already pending is not queued twice. Returns how many were added. */
export async function insertInferredDeletes(
  m: EntityManager, target: { system: string; entityType: string; runId: string }, records: { externalId: string; goldenId: string }[],
): Promise<number> {
  if (records.length === 0) return 0;
  const rows: unknown[] = await m.query(
    `INSERT INTO inferred_delete (id, system, entity_type, external_id, golden_id, run_id)
     SELECT u.id, $1, $2, u.external_id, u.golden_id, $3
       FROM unnest($4::uuid[], $5::text[], $6::uuid[]) AS u(id, external_id, golden_id)
     ON CONFLICT (system, entity_type, external_id) WHERE status = 'pending' DO NOTHING
     RETURNING id`,
    [target.system, target.entityType, target.runId, records.map(() => randomUUID()), records.map((r) => r.externalId), records.map((r) => r.goldenId)],
  );
  return rows.length;
}

/** (external id, golden id) pairs a steward chose to keep. */
export async function dismissedInferredDeletes(m: EntityManager, system: string, entityType: string): Promise<{ externalId: string; goldenId: string | null }[]> {
  const rows: { external_id: string; golden_id: string | null }[] = await m.query(
    `SELECT DISTINCT external_id, golden_id FROM inferred_delete WHERE system = $1 AND entity_type = $2 AND status = 'dismissed'`,
    [system, entityType],
  );
  return rows.map((r) => ({ externalId: r.external_id, goldenId: r.golden_id }));
}

export async function inferredDeleteById(m: EntityManager, id: string): Promise<InferredDeleteRow | undefined> {
  const rows: InferredDeleteRow[] = await m.query(`SELECT ${INFERRED_DELETE_COLUMNS} FROM inferred_delete WHERE id = $1`, [id]);
  return rows[0];
}

/** Decides a pending review; undefined when it was no longer pending (another steward decided first). */
export async function decideInferredDelete(
  m: EntityManager, id: string, status: 'approved' | 'dismissed', by: string,
): Promise<InferredDeleteRow | undefined> {
  // Wrapped in a SELECT: TypeORM answers a bare UPDATE … RETURNING with [rows, count] instead of rows.
  const rows: InferredDeleteRow[] = await m.query(
    `WITH decided AS (
       UPDATE inferred_delete SET status = $2, decided_by = $3, decided_at = now() WHERE id = $1 AND status = 'pending' RETURNING *
     ) SELECT ${INFERRED_DELETE_COLUMNS} FROM decided`,
    [id, status, by],
  );
  return rows[0];
}
