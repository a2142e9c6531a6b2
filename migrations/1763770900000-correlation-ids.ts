import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Correlation ids: the id of the request (or sender message) that brought a change in, kept on its inbox event and
 * on the outbox row that delivers the resulting version (a version's cause carries it in its JSON). `applied_at` is
 * when the version an outbox row delivers was written, for the applied → delivered latency.
 */
export class CorrelationIds1763770900000 implements MigrationInterface {
  name = 'CorrelationIds1763770900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE inbox_event ADD COLUMN correlation_id text`);
    await q.query(`CREATE INDEX inbox_event_correlation ON inbox_event (correlation_id) WHERE correlation_id IS NOT NULL`);
    await q.query(`ALTER TABLE outbox ADD COLUMN correlation_id text, ADD COLUMN applied_at timestamptz`);
    await q.query(`CREATE INDEX outbox_correlation ON outbox (correlation_id) WHERE correlation_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX outbox_correlation`);
    await q.query(`ALTER TABLE outbox DROP COLUMN correlation_id, DROP COLUMN applied_at`);
    await q.query(`DROP INDEX inbox_event_correlation`);
    await q.query(`ALTER TABLE inbox_event DROP COLUMN correlation_id`);
  }
}
