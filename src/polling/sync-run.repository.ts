import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CompletedSyncRun, FinishSyncRun, StartSyncRun, SyncRunError } from './sync-run.types';

/** The sync_run and sync_run_event writes. SyncRunService (exported) is the way in for callers. */
@Injectable()
export class SyncRunRepository {
  constructor(private readonly db: DataSource) {}

  /** Records a run as started (status running) and returns its id. */
  async start(run: StartSyncRun): Promise<string> {
    const id = randomUUID();
    await this.db.query(
      `INSERT INTO sync_run (id, system, entity_type, kind, trigger, triggered_by, details) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, run.system, run.entityType ?? null, run.kind, run.trigger, run.triggeredBy ?? null, JSON.stringify(run.details ?? {})],
    );
    return id;
  }

  /** Ends a running run; a run already ended is left as it is (the first outcome stands). */
  async finish(id: string, outcome: FinishSyncRun): Promise<void> {
    await this.db.query(
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

  /** A whole run reported after the fact (a batch window that knows its own counts). Returns its id. */
  async record(run: CompletedSyncRun): Promise<string> {
    const id = randomUUID();
    await this.db.query(
      `INSERT INTO sync_run (id, system, entity_type, kind, trigger, triggered_by, status, started_at, finished_at, duration_ms,
                             seen, queued, changed, rejected, errors, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [id, run.system, run.entityType ?? null, run.kind, run.trigger, run.triggeredBy ?? null, run.status, run.startedAt, run.finishedAt,
        Math.max(0, Math.round(run.finishedAt.getTime() - run.startedAt.getTime())), run.seen ?? 0, run.queued ?? 0,
        run.changed ?? 0, run.rejected ?? 0, JSON.stringify(run.errors ?? []), JSON.stringify({ ...run.details })],
    );
    return id;
  }

  /** Remembers which inbox events a run created, so its changed / rejected counts can follow the pipeline. */
  async linkEvents(runId: string, system: string, eventIds: string[]): Promise<void> {
    if (eventIds.length === 0) return;
    await this.db.query(
      `INSERT INTO sync_run_event (run_id, system, event_id) SELECT $1, $2, unnest($3::text[]) ON CONFLICT DO NOTHING`,
      [runId, system, eventIds],
    );
  }

  /**
   * A run left `running` by a replica that died holds no lock any more; the next holder of the job's lock
   * calls this so the run does not stay open forever.
   */
  async failAbandoned(system: string, entityType: string, kind: StartSyncRun['kind'], exceptId: string): Promise<void> {
    const error: SyncRunError = { code: 'ABANDONED', message: 'the replica running it stopped before it finished' };
    await this.db.query(
      `UPDATE sync_run SET status = 'failed', finished_at = clock_timestamp(), errors = errors || $5::jsonb
        WHERE status = 'running' AND system = $1 AND entity_type = $2 AND kind = $3 AND trigger = 'schedule' AND id <> $4`,
      [system, entityType, kind, exceptId, JSON.stringify([error])],
    );
  }

  /**
   * Makes changed / rejected final for ended runs whose events the pipeline has all processed, and drops
   * their event links. Idempotent and safe on several replicas at once; returns how many runs it settled.
   */
  async settle(): Promise<number> {
    const rows: { id: string }[] = await this.db.query(`
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

  /** Deletes ended runs older than the retention period (HUB_RETENTION_DAYS); their event links go with them. */
  async prune(retentionDays: number): Promise<void> {
    await this.db.query(
      `DELETE FROM sync_run WHERE status <> 'running' AND started_at < now() - make_interval(days => $1)`,
      [retentionDays],
    );
  }
}
