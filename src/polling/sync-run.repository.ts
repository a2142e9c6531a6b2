import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { FinishSyncRun, StartSyncRun, SyncRunError, SyncRunStatus } from './sync-run.types';

/**
 * Every write of `sync_run` and `sync_run_event`, owned by polling. Free functions on the caller's EntityManager,
 * so a run can be written in the transaction of the work it describes: delivery's batch windows update their run
 * inside the claim and recording transactions, under the window's lock. Reads for the API are in
 * sync-run-query.service.ts.
 */

/** Records a run as started (status running) and returns its id. `counts`: a run that reports its own outcome. */
export async function insertSyncRun(m: EntityManager, run: StartSyncRun, counts?: { changed: number; rejected: number }): Promise<string> {
  const id = randomUUID();
  await m.query(
    `INSERT INTO sync_run (id, system, entity_type, kind, trigger, triggered_by, status, changed, rejected, details)
     VALUES ($1, $2, $3, $4, $5, $6, 'running', $7, $8, $9)`,
    [id, run.system, run.entityType ?? null, run.kind, run.trigger, run.triggeredBy ?? null, counts?.changed ?? null,
      counts?.rejected ?? null, JSON.stringify(run.details ?? {})],
  );
  return id;
}

/** Ends a running run; a run already ended is left as it is (the first outcome stands). */
export async function finishSyncRun(m: EntityManager, id: string, outcome: FinishSyncRun): Promise<void> {
  await m.query(
    `UPDATE sync_run
        SET status = $2, finished_at = clock_timestamp(),
            duration_ms = round(extract(epoch FROM clock_timestamp() - started_at) * 1000)::int,
            seen = COALESCE($3, seen), queued = COALESCE($4, queued), changed = COALESCE($5, changed),
            rejected = COALESCE($6, rejected), errors = errors || $7::jsonb, details = details || $8::jsonb
      WHERE id = $1 AND status = 'running'`,
    [id, outcome.status, outcome.seen ?? null, outcome.queued ?? null, outcome.changed ?? null, outcome.rejected ?? null,
      JSON.stringify(outcome.errors ?? []), JSON.stringify(outcome.details ?? {})],
  );
}

/** An ended run goes on (more work reached it after it ended): running again, not finished. */
export async function reopenSyncRun(m: EntityManager, id: string): Promise<void> {
  await m.query(`UPDATE sync_run SET status = 'running', finished_at = NULL, duration_ms = NULL WHERE id = $1 AND status <> 'running'`, [id]);
}

/** The counts of a run that keeps its own tally. */
export interface SyncRunCounts {
  seen: number;
  queued: number;
  changed: number | null;
  rejected: number | null;
  errors: SyncRunError[];
  details: Record<string, unknown>;
}

export async function loadSyncRunCounts(m: EntityManager, id: string): Promise<SyncRunCounts> {
  const [r]: SyncRunCounts[] = await m.query(`SELECT seen, queued, changed, rejected, errors, details FROM sync_run WHERE id = $1`, [id]);
  return r;
}

/**
 * Replaces the counts (details are merged); with a status, also ends the run (finished now, its duration from its
 * start).
 */
export async function writeSyncRunCounts(
  m: EntityManager, id: string, c: Omit<SyncRunCounts, 'changed' | 'rejected'> & { changed: number; rejected: number },
  finish: Exclude<SyncRunStatus, 'running'> | null,
): Promise<void> {
  await m.query(
    `UPDATE sync_run
        SET seen = $2, queued = $3, changed = $4, rejected = $5, errors = $6::jsonb, details = details || $7::jsonb,
            status = COALESCE($8::text, status),
            finished_at = CASE WHEN $8::text IS NULL THEN finished_at ELSE clock_timestamp() END,
            duration_ms = CASE WHEN $8::text IS NULL THEN duration_ms
                               ELSE round(extract(epoch FROM clock_timestamp() - started_at) * 1000)::int END
      WHERE id = $1`,
    [id, c.seen, c.queued, c.changed, c.rejected, JSON.stringify(c.errors), JSON.stringify(c.details), finish],
  );
}

/** Remembers which inbox events a run created, so its changed / rejected counts can follow the pipeline. */
export async function linkSyncRunEvents(m: EntityManager, runId: string, system: string, eventIds: string[]): Promise<void> {
  if (eventIds.length === 0) return;
  await m.query(
    `INSERT INTO sync_run_event (run_id, system, event_id) SELECT $1, $2, unnest($3::text[]) ON CONFLICT DO NOTHING`,
    [runId, system, eventIds],
  );
}

/** Fails scheduled runs of this job left `running` (by a replica that died), except the one just started. */
export async function failAbandonedSyncRuns(
  m: EntityManager, job: { system: string; entityType: string; kind: StartSyncRun['kind'] }, exceptId: string, error: SyncRunError,
): Promise<void> {
  await m.query(
    `UPDATE sync_run SET status = 'failed', finished_at = clock_timestamp(), errors = errors || $5::jsonb
      WHERE status = 'running' AND system = $1 AND entity_type = $2 AND kind = $3 AND trigger = 'schedule' AND id <> $4`,
    [job.system, job.entityType, job.kind, exceptId, JSON.stringify([error])],
  );
}

/**
 * Makes changed / rejected final for ended runs whose events the pipeline has all processed, and drops their
 * event links. Idempotent and safe on several replicas at once; returns how many runs it settled.
 */
export async function settleSyncRuns(m: EntityManager): Promise<number> {
  const rows: { id: string }[] = await m.query(`
    WITH candidates AS (
      SELECT id FROM sync_run WHERE changed IS NULL AND status <> 'running'
    ), counts AS (
      SELECT c.id,
             count(e.id) FILTER (WHERE e.status = 'applied')::int AS applied,
             count(e.id) FILTER (WHERE e.status IN ('rejected', 'failed'))::int AS rejected,
             count(e.id) FILTER (WHERE e.status = 'pending')::int AS pending
        FROM candidates c
        LEFT JOIN sync_run_event l ON l.run_id = c.id
        LEFT JOIN inbox_event e ON e.system = l.system AND e.event_id = l.event_id
       GROUP BY c.id
    ), settled AS (
      UPDATE sync_run r SET changed = counts.applied, rejected = counts.rejected
        FROM counts WHERE r.id = counts.id AND counts.pending = 0 AND r.changed IS NULL
      RETURNING r.id
    ), unlinked AS (
      DELETE FROM sync_run_event WHERE run_id IN (SELECT id FROM settled)
    )
    SELECT id FROM settled`);
  return rows.length;
}

/** Deletes ended runs older than the retention period; their event links go with them. */
export async function pruneSyncRuns(m: EntityManager, retentionDays: number): Promise<void> {
  await m.query(
    `DELETE FROM sync_run WHERE status <> 'running' AND started_at < now() - make_interval(days => $1)`,
    [retentionDays],
  );
}
