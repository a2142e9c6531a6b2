import type { EntityManager } from 'typeorm';
import { JOB_CHANNEL, type JobBatch, type JobRecord, type JobStatus, type NewJob } from './job.types';
import type { Queryable } from '../common/queryable';

/**
 * SQL of the job table. Ownership of a running job is a lease: `runner` names the process holding it and
 * `heartbeat_at` must stay fresh; every write a runner makes (checkpoint, heartbeat, finish) is conditional on still
 * holding it, so a runner that lost its job (cancelled, or taken over after a stall) can never commit a batch.
 */


const COLUMNS = `id::text AS id, kind, key, params, status, cursor, processed::float8 AS processed, total::float8 AS total,
  changed::float8 AS changed, error, config_version, created_by, runner, attempts, created_at, started_at, finished_at, heartbeat_at`;

interface Row {
  id: string;
  kind: string;
  key: string;
  params: Record<string, unknown>;
  status: JobStatus;
  cursor: string | null;
  processed: number;
  total: number | null;
  changed: number;
  error: string | null;
  config_version: number | null;
  created_by: string | null;
  runner: string | null;
  attempts: number;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  heartbeat_at: Date | null;
}

function fromRow(r: Row): JobRecord {
  return {
    id: r.id, kind: r.kind, key: r.key, params: r.params, status: r.status, cursor: r.cursor, processed: r.processed, total: r.total,
    changed: r.changed, error: r.error, configVersion: r.config_version, createdBy: r.created_by, runner: r.runner, attempts: r.attempts,
    createdAt: r.created_at, startedAt: r.started_at, finishedAt: r.finished_at, heartbeatAt: r.heartbeat_at,
  };
}

/**
 * Inserts a queued job in the caller's transaction (it commits with whatever made it necessary). The open job of the
 * same kind and key is cancelled first, as superseded by this one. Idle runners are woken at commit.
 */
export async function insertJob(m: EntityManager, job: NewJob): Promise<{ job: JobRecord; superseded: JobRecord[] }> {
  const [{ id }]: { id: string }[] = await m.query(`SELECT nextval(pg_get_serial_sequence('job', 'id'))::text AS id`);
  const key = job.key ?? '';
  const superseded: Row[] = await m.query(
    `WITH cancelled AS (
       UPDATE job SET status = 'cancelled', finished_at = now(), error = $3
        WHERE kind = $1 AND key = $2 AND status IN ('queued', 'running')
       RETURNING ${COLUMNS})
     SELECT * FROM cancelled`,
    [job.kind, key, `superseded by job ${id}${job.configVersion ? ` (configuration version ${job.configVersion})` : ''}`],
  );
  let params = job.params;
  for (const older of superseded) if (job.mergeWith) params = job.mergeWith(fromRow(older));
  const rows: Row[] = await m.query(
    `WITH created AS (
       INSERT INTO job (id, kind, key, params, config_version, created_by) VALUES ($1::bigint, $2, $3, $4::jsonb, $5, $6)
       RETURNING ${COLUMNS})
     SELECT * FROM created`,
    [id, job.kind, key, JSON.stringify(params), job.configVersion ?? null, job.createdBy],
  );
  await m.query(`SELECT pg_notify($1, '')`, [JOB_CHANNEL]);
  return { job: fromRow(rows[0]), superseded: superseded.map(fromRow) };
}

/**
 * The oldest queued job of the given kinds, or a running one whose runner stopped renewing its lease (killed, cut
 * off): it is taken over and resumes from its checkpoint. SKIP LOCKED: two runners never claim the same job.
 */
export async function claimJob(db: Queryable, runner: string, kinds: string[], leaseMs: number): Promise<JobRecord | undefined> {
  if (kinds.length === 0) return undefined;
  const rows: Row[] = await db.query(
    `WITH claimed AS (
       UPDATE job j SET status = 'running', runner = $1, attempts = j.attempts + 1, started_at = coalesce(j.started_at, now()),
                        heartbeat_at = now()
        WHERE j.id = (SELECT id FROM job
                       WHERE kind = ANY($2::text[])
                         AND (status = 'queued' OR (status = 'running' AND heartbeat_at < now() - $3::int * interval '1 millisecond'))
                       ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING ${COLUMNS})
     SELECT * FROM claimed`,
    [runner, kinds, leaseMs],
  );
  return rows[0] ? fromRow(rows[0]) : undefined;
}

/** Renews the lease; false when the job is no longer this runner's (cancelled, finished, or taken over). */
export async function heartbeat(db: Queryable, id: string, runner: string): Promise<boolean> {
  const rows: unknown[] = await db.query(
    `WITH beat AS (UPDATE job SET heartbeat_at = now() WHERE id = $1::bigint AND runner = $2 AND status = 'running' RETURNING 1)
     SELECT * FROM beat`,
    [id, runner],
  );
  return rows.length > 0;
}

export async function setTotal(db: Queryable, id: string, runner: string, total: number): Promise<void> {
  await db.query(`UPDATE job SET total = $3 WHERE id = $1::bigint AND runner = $2 AND status = 'running'`, [id, runner, total]);
}

/**
 * The batch's checkpoint, in the batch's own transaction: cursor, counters, lease, and the end of the job when the
 * batch was its last. False when the runner no longer holds the job: the caller must roll the batch back.
 */
export async function checkpoint(m: EntityManager, id: string, runner: string, batch: JobBatch): Promise<boolean> {
  const done = batch.nextCursor === null;
  const rows: unknown[] = await m.query(
    `WITH saved AS (
       UPDATE job SET cursor = coalesce($3, cursor), processed = processed + $4, changed = changed + $5, heartbeat_at = now(),
                      status = CASE WHEN $6 THEN 'succeeded' ELSE status END,
                      finished_at = CASE WHEN $6 THEN now() ELSE finished_at END,
                      total = CASE WHEN $6 THEN processed + $4 ELSE total END
        WHERE id = $1::bigint AND runner = $2 AND status = 'running'
       RETURNING 1)
     SELECT * FROM saved`,
    [id, runner, batch.nextCursor, batch.processed, batch.changed, done],
  );
  return rows.length > 0;
}

export async function failJob(db: Queryable, id: string, runner: string, error: string): Promise<void> {
  await db.query(
    `UPDATE job SET status = 'failed', error = $3, finished_at = now() WHERE id = $1::bigint AND runner = $2 AND status = 'running'`,
    [id, runner, error.slice(0, 4000)],
  );
}

/** Marks a queued or running job cancelled; undefined when it was not open (finished, or no such job). */
export async function cancelJob(m: EntityManager, id: string, by: string): Promise<JobRecord | undefined> {
  const rows: Row[] = await m.query(
    `WITH cancelled AS (
       UPDATE job SET status = 'cancelled', finished_at = now(), error = $2
        WHERE id = $1::bigint AND status IN ('queued', 'running')
       RETURNING ${COLUMNS})
     SELECT * FROM cancelled`,
    [id, `cancelled by ${by}`],
  );
  return rows[0] ? fromRow(rows[0]) : undefined;
}

/**
 * A failed or cancelled job queued again, to resume from its checkpoint. Undefined when it is not finished that way,
 * or when another job of its kind and key is open (that one supersedes it; the unique index refuses a second).
 */
export async function requeueJob(m: EntityManager, id: string): Promise<JobRecord | undefined> {
  const rows: Row[] = await m.query(
    `WITH requeued AS (
       UPDATE job j SET status = 'queued', finished_at = NULL, runner = NULL, heartbeat_at = NULL
        WHERE j.id = $1::bigint AND j.status IN ('failed', 'cancelled')
          AND NOT EXISTS (SELECT 1 FROM job o WHERE o.kind = j.kind AND o.key = j.key AND o.status IN ('queued', 'running'))
       RETURNING ${COLUMNS})
     SELECT * FROM requeued`,
    [id],
  );
  if (rows[0]) await m.query(`SELECT pg_notify($1, '')`, [JOB_CHANNEL]);
  return rows[0] ? fromRow(rows[0]) : undefined;
}

export async function findJob(db: Queryable, id: string, lock = false): Promise<JobRecord | undefined> {
  const rows: Row[] = await db.query(`SELECT ${COLUMNS} FROM job WHERE id = $1::bigint${lock ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ? fromRow(rows[0]) : undefined;
}

export interface JobFilter {
  status?: string | null;
  kind?: string | null;
  /** only jobs with a smaller id (the previous page's last) */
  beforeId?: string | null;
  limit: number;
}

/** Newest first, by id. */
export async function listJobs(db: Queryable, f: JobFilter): Promise<JobRecord[]> {
  const rows: Row[] = await db.query(
    `SELECT ${COLUMNS} FROM job
      WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR kind = $2) AND ($3::bigint IS NULL OR id < $3::bigint)
      ORDER BY id DESC LIMIT $4`,
    [f.status ?? null, f.kind ?? null, f.beforeId ?? null, f.limit],
  );
  return rows.map(fromRow);
}
