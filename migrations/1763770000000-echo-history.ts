import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The echo guard remembered only the last write sent and the last one acknowledged per (system, record). Under
 * rapid concurrent edits a system's webhooks arrive seconds late and out of order, so the echo of an older
 * write came in after two newer ones and was taken for the user's change (lost updates, ping-pong between
 * systems). The last few writes' echo hashes are now kept; the array is cleared with the other two.
 */
export class EchoHistory1763770000000 implements MigrationInterface {
  name = 'EchoHistory1763770000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE delivery_ledger ADD COLUMN echo_recent text[] NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE delivery_ledger DROP COLUMN echo_recent`);
  }
}
