import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cross-references by (golden_id, system, entity_type): the delivery side looks up "the system's record for this
 * golden record" for every row it claims or enqueues. With only xref_golden (golden_id) PostgreSQL, on statistics
 * that still called the table empty, probed the primary key's (system, entity_type) prefix instead and read every
 * cross-reference of the system per key; an index that matches all three columns is preferred whatever the
 * statistics say (src/delivery/held-record.query.ts). It replaces xref_golden: lookups by golden_id alone use its
 * first column. Building it locks writes to xref for as long as it takes (seconds per million rows).
 */
export class XrefGoldenSystem1763771300000 implements MigrationInterface {
  name = 'XrefGoldenSystem1763771300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX xref_golden_system ON xref (golden_id, system, entity_type)`);
    await q.query(`DROP INDEX xref_golden`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX xref_golden ON xref (golden_id)`);
    await q.query(`DROP INDEX xref_golden_system`);
  }
}
