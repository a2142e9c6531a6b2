import type { EntityManager } from 'typeorm';
import type { ConflictRow, ConflictStatus } from './conflict.types';

/**
 * Reads of `conflict` for the conflicts API. The table is written by golden-records (the pipeline records
 * conflicts, steward actions settle them: steward.repository.ts); this module only reads it.
 */

export const CONFLICT_COLUMNS = `id, golden_id, entity_type, field, status, rule, candidates, winner, winning_value, golden_version,
  event_id, created_at, resolved_at, resolved_by,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at`;

export async function conflictById(m: EntityManager, id: string): Promise<ConflictRow | undefined> {
  const rows: ConflictRow[] = await m.query(`SELECT ${CONFLICT_COLUMNS} FROM conflict WHERE id = $1`, [id]);
  return rows[0];
}

/** Each golden record's conflicts, newest first. */
export async function conflictsByGolden(m: EntityManager, goldenIds: string[]): Promise<Map<string, ConflictRow[]>> {
  const rows: ConflictRow[] = await m.query(
    `SELECT ${CONFLICT_COLUMNS} FROM conflict WHERE golden_id = ANY($1::uuid[]) ORDER BY created_at DESC, id DESC`,
    [goldenIds],
  );
  const out = new Map<string, ConflictRow[]>();
  for (const r of rows) {
    const list = out.get(r.golden_id);
    if (list) list.push(r);
    else out.set(r.golden_id, [r]);
  }
  return out;
}

export interface LockedConflict {
  id: string;
  golden_id: string;
  field: string;
  status: ConflictStatus;
  candidates: unknown[];
  winner: string | null;
  winning_value: unknown;
}

/** One conflict as a resolution needs it; `lock`: held until the steward's transaction ends. */
export async function findConflictForResolution(m: EntityManager, id: string, lock: boolean): Promise<LockedConflict | undefined> {
  const rows: LockedConflict[] = await m.query(
    `SELECT id, golden_id, field, status, candidates, winner, winning_value FROM conflict WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0];
}
