import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Batch windows of batch-mode systems (`schedule: { cron }`): each window is one row keyed by (system, window
 * time), so replicas claiming rows of the same window find the same row and record one sync run between them.
 * Outbox rows carry the window they wait for until the window has settled them.
 */
export class BatchWindow1763769900000 implements MigrationInterface {
  name = 'BatchWindow1763769900000';

  async up(q: QueryRunner): Promise<void> {
    // Set when a row is queued for a window (enqueue: the next cron occurrence; flush: the flush time) and cleared
    // once the window has counted the row's first answer; later retries are not part of any window.
    await q.query(`ALTER TABLE outbox ADD COLUMN window_at timestamptz`);
    await q.query(`CREATE INDEX outbox_window ON outbox (system, window_at) WHERE window_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE batch_window (
        id            bigserial PRIMARY KEY,
        system        text NOT NULL,
        window_at     timestamptz NOT NULL,
        trigger       text NOT NULL CHECK (trigger IN ('schedule', 'manual')),
        triggered_by  text,
        -- the window's sync run, created by the first claim of one of its rows; pruned with it
        run_id        uuid REFERENCES sync_run (id) ON DELETE CASCADE,
        opened_at     timestamptz NOT NULL DEFAULT now(),
        finished_at   timestamptz,
        UNIQUE (system, window_at)
      )`);
    await q.query(`CREATE INDEX batch_window_run ON batch_window (run_id)`);
    // The worker's sweep looks for started windows with nothing left to send.
    await q.query(`CREATE INDEX batch_window_open ON batch_window (system, window_at) WHERE finished_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS batch_window`);
    await q.query(`DROP INDEX IF EXISTS outbox_window`);
    await q.query(`ALTER TABLE outbox DROP COLUMN IF EXISTS window_at`);
  }
}
