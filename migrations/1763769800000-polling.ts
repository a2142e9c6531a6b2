import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Polling and reconciliation: watermarks per system and entity type, one claim row per scheduled job (so a
 * tick runs once across replicas), sync runs with the inbox events each one queued, and the review queue
 * of deletes inferred by reconciliation.
 */
export class Polling1763769800000 implements MigrationInterface {
  name = 'Polling1763769800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE poll_watermark (
        system       text NOT NULL,
        entity_type  text NOT NULL,
        -- the system's own clock, microseconds kept; ties broken by last_id in "C" collation
        updated_at   timestamptz NOT NULL,
        last_id      text NOT NULL,
        run_id       uuid,
        advanced_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (system, entity_type)
      )`);

    await q.query(`
      CREATE TABLE schedule_claim (
        job         text PRIMARY KEY,
        last_tick   timestamptz NOT NULL,
        claimed_at  timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE sync_run (
        id            uuid PRIMARY KEY,
        system        text NOT NULL,
        entity_type   text,
        kind          text NOT NULL CHECK (kind IN ('poll', 'refresh', 'reconcile', 'batch-window')),
        trigger       text NOT NULL CHECK (trigger IN ('schedule', 'manual', 'webhook-batch')),
        status        text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'failed', 'aborted')),
        started_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
        finished_at   timestamptz,
        duration_ms   integer,
        seen          integer NOT NULL DEFAULT 0,
        queued        integer NOT NULL DEFAULT 0,
        changed       integer,
        rejected      integer,
        errors        jsonb NOT NULL DEFAULT '[]',
        details       jsonb NOT NULL DEFAULT '{}',
        triggered_by  text
      )`);
    await q.query(`CREATE INDEX sync_run_started ON sync_run (started_at DESC, id DESC)`);
    await q.query(`CREATE INDEX sync_run_system ON sync_run (system, entity_type, started_at DESC)`);
    await q.query(`CREATE INDEX sync_run_succeeded ON sync_run (system, entity_type, finished_at DESC) WHERE status = 'succeeded'`);
    await q.query(`CREATE INDEX sync_run_running ON sync_run (system, entity_type, kind) WHERE status = 'running'`);
    // Runs whose changed / rejected counts are not final yet (see SyncRunService.settle).
    await q.query(`CREATE INDEX sync_run_unsettled ON sync_run (started_at) WHERE changed IS NULL`);

    // Which inbox events a run created: its changed / rejected counts are what the pipeline did with them.
    await q.query(`
      CREATE TABLE sync_run_event (
        run_id    uuid NOT NULL REFERENCES sync_run (id) ON DELETE CASCADE,
        system    text NOT NULL,
        event_id  text NOT NULL,
        PRIMARY KEY (run_id, event_id)
      )`);

    await q.query(`
      CREATE TABLE inferred_delete (
        id           uuid PRIMARY KEY,
        system       text NOT NULL,
        entity_type  text NOT NULL,
        external_id  text NOT NULL,
        golden_id    uuid,
        status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'dismissed')),
        run_id       uuid,
        created_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
        decided_by   text,
        decided_at   timestamptz
      )`);
    // One open review per record: a later reconciliation finding it gone again adds nothing.
    await q.query(`CREATE UNIQUE INDEX inferred_delete_pending ON inferred_delete (system, entity_type, external_id) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX inferred_delete_status ON inferred_delete (status, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX inferred_delete_record ON inferred_delete (system, entity_type, external_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['inferred_delete', 'sync_run_event', 'sync_run', 'schedule_claim', 'poll_watermark']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
