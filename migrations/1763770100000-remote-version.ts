import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Conditional writes (docs/decision-conditional-writes.md): per (system, record), the system's version of the
 * record the hub last processed or wrote, sent as If-Match with the next update, and the system's time of that
 * version, so a webhook delivered late cannot move it back.
 */
export class RemoteVersion1763770100000 implements MigrationInterface {
  name = 'RemoteVersion1763770100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE delivery_ledger ADD COLUMN remote_version text, ADD COLUMN remote_version_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE delivery_ledger DROP COLUMN remote_version, DROP COLUMN remote_version_at`);
  }
}
