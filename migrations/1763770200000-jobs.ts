import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Long work as table-backed jobs (docs/decision-job-runner.md): one row per job with its kind, parameters,
 * progress and the cursor of the last committed batch, claimed by one runner at a time under a heartbeat
 * lease. At most one open (queued or running) job per kind and key: a newer one supersedes the older.
 * Conflicts gain the status `superseded`: closed by a rule change that re-decided the field
 * (docs/decision-rules-recompute.md).
 */
export class Jobs1763770200000 implements MigrationInterface {
  name = 'Jobs1763770200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE job (
        id             bigserial PRIMARY KEY,
        kind           text NOT NULL,
        -- what the job is about (the entity type of a recompute): one open job per kind and key
        key            text NOT NULL DEFAULT '',
        params         jsonb NOT NULL DEFAULT '{}',
        status         text NOT NULL DEFAULT 'queued'
                       CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
        cursor         text,
        processed      bigint NOT NULL DEFAULT 0,
        total          bigint,
        changed        bigint NOT NULL DEFAULT 0,
        error          text,
        config_version integer,
        created_by     text,
        -- the runner holding the lease while running, and how many times the job was claimed
        runner         text,
        attempts       integer NOT NULL DEFAULT 0,
        created_at     timestamptz NOT NULL DEFAULT now(),
        started_at     timestamptz,
        finished_at    timestamptz,
        heartbeat_at   timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX job_open_key ON job (kind, key) WHERE status IN ('queued', 'running')`);
    await q.query(`CREATE INDEX job_open ON job (id) WHERE status IN ('queued', 'running')`);

    await q.query(`ALTER TABLE conflict DROP CONSTRAINT conflict_status_check`);
    await q.query(`ALTER TABLE conflict ADD CONSTRAINT conflict_status_check
                   CHECK (status IN ('auto_resolved', 'open', 'resolved', 'superseded'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE conflict SET status = 'resolved' WHERE status = 'superseded'`);
    await q.query(`ALTER TABLE conflict DROP CONSTRAINT conflict_status_check`);
    await q.query(`ALTER TABLE conflict ADD CONSTRAINT conflict_status_check CHECK (status IN ('auto_resolved', 'open', 'resolved'))`);
    await q.query(`DROP TABLE IF EXISTS job`);
  }
}
