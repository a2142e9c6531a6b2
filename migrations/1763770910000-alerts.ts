import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alerts: one row per alert episode (a rule firing for a subject until it clears). At most one open row per rule and
 * subject, which is what de-duplicates them; the notified_* columns say which notifications went out, so a failed
 * one is sent again and a sent one never twice.
 */
export class Alerts1763770910000 implements MigrationInterface {
  name = 'Alerts1763770910000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE alert (
        id                   bigserial PRIMARY KEY,
        rule                 text NOT NULL,
        subject              text NOT NULL,
        status               text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
        message              text NOT NULL,
        details              jsonb NOT NULL DEFAULT '{}',
        opened_at            timestamptz NOT NULL DEFAULT now(),
        last_seen_at         timestamptz NOT NULL DEFAULT now(),
        resolved_at          timestamptz,
        notified_open_at     timestamptz,
        notified_resolved_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX alert_open ON alert (rule, subject) WHERE status = 'open'`);
    await q.query(`CREATE INDEX alert_status_id ON alert (status, id)`);
    await q.query(`CREATE INDEX alert_unnotified ON alert (id) WHERE notified_open_at IS NULL OR (status = 'resolved' AND notified_resolved_at IS NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE alert`);
  }
}
