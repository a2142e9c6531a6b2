import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes behind the steward console's reads:
 * - the conflict inbox pages newest first by (created_at, id), with or without a status, so the first page of
 *   10,000 open conflicts is an index range scan that stops after one page;
 * - golden-record search matches word prefixes of any string value (full-text GIN over the record's strings) and
 *   source ids by case-insensitive prefix.
 */
export class ConsoleReads1763770600000 implements MigrationInterface {
  name = 'ConsoleReads1763770600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX conflict_status_created ON conflict (status, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX conflict_created ON conflict (created_at DESC, id DESC)`);
    // The expression must stay identical to the one in golden-read.repository.ts, or the planner will not use it.
    await q.query(`CREATE INDEX golden_record_search ON golden_record USING gin (jsonb_to_tsvector('simple'::regconfig, data, '["string"]'::jsonb))`);
    await q.query(`CREATE INDEX xref_external_id_prefix ON xref (entity_type, lower(external_id) text_pattern_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of ['xref_external_id_prefix', 'golden_record_search', 'conflict_created', 'conflict_status_created']) {
      await q.query(`DROP INDEX IF EXISTS ${index}`);
    }
  }
}
