import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Claims tied to the liveness of the process holding them: every hub process takes a number from
 * `hub_instance_key` at start and holds a PostgreSQL session advisory lock on it for its lifetime; an outbox row
 * in flight names that number in `claimed_by`. When the holder's lock is free, the process is gone (its session
 * ended with it) and its claims are released at once instead of after the lease. See
 * docs/decision-delivery-liveness.md.
 */
export class DeliveryLiveness1763771100000 implements MigrationInterface {
  name = 'DeliveryLiveness1763771100000';

  async up(q: QueryRunner): Promise<void> {
    // integer: the number is the second key of the two-key advisory lock; CYCLE so it never runs out
    await q.query(`CREATE SEQUENCE hub_instance_key AS integer MINVALUE 1 CYCLE`);
    await q.query(`ALTER TABLE outbox ADD COLUMN claimed_by integer`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox DROP COLUMN IF EXISTS claimed_by`);
    await q.query(`DROP SEQUENCE IF EXISTS hub_instance_key`);
  }
}
