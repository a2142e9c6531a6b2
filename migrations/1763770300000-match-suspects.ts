import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Match suspects: blocking keys per golden record (candidate lookup), suspect pairs (the review queue) and
 * "not a match" decisions remembered by source cross-references. See docs/decision-match-suspects.md.
 *
 * pg_trgm is a trusted extension since PostgreSQL 13: the database owner may create it without being a superuser.
 */
export class MatchSuspects1763770300000 implements MigrationInterface {
  name = 'MatchSuspects1763770300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    // Blocking keys, derived from golden data and rebuilt by a scan, so no foreign keys (a probe per inserted key).
    // Equality keys are stored as a 64-bit hash of entity type, block and value (hashtextextended): the index entry
    // is 24 bytes instead of four text columns, which halves the write cost per record and keeps a million
    // records' keys in memory. A hash collision only adds a candidate, which scoring then discards.
    await q.query(`
      CREATE TABLE match_block (
        key         bigint NOT NULL,
        golden_id   uuid NOT NULL,
        PRIMARY KEY (key, golden_id)
      )`);
    await q.query(`CREATE INDEX match_block_golden ON match_block (golden_id)`);
    // Trigram keys keep their text: they are searched by similarity through the pg_trgm GIN index.
    await q.query(`
      CREATE TABLE match_block_trgm (
        entity_type text NOT NULL,
        block       text NOT NULL,
        value       text NOT NULL,
        golden_id   uuid NOT NULL,
        PRIMARY KEY (entity_type, block, value, golden_id)
      )`);
    await q.query(`CREATE INDEX match_block_trgm_golden ON match_block_trgm (golden_id)`);
    await q.query(`CREATE INDEX match_block_trgm_value ON match_block_trgm USING gin (value gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE match_suspect (
        id           uuid PRIMARY KEY,
        entity_type  text NOT NULL,
        golden_a     uuid NOT NULL REFERENCES golden_record (id),
        golden_b     uuid NOT NULL REFERENCES golden_record (id),
        score        double precision NOT NULL,
        field_scores jsonb NOT NULL,
        rule         jsonb NOT NULL,
        status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'merged', 'dismissed')),
        resolution   text CHECK (resolution IN ('merged', 'not_a_match', 'record_deleted', 'record_merged', 'no_longer_similar')),
        survivor_id  uuid,
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        resolved_at  timestamptz,
        resolved_by  text,
        CONSTRAINT match_suspect_ordered CHECK (golden_a < golden_b),
        CONSTRAINT match_suspect_pair UNIQUE (golden_a, golden_b)
      )`);
    await q.query(`CREATE INDEX match_suspect_b ON match_suspect (golden_b)`);
    await q.query(`CREATE INDEX match_suspect_queue ON match_suspect (status, score DESC, id DESC)`);

    await q.query(`
      CREATE TABLE match_dismissal (
        entity_type text NOT NULL,
        left_key    text NOT NULL,
        right_key   text NOT NULL,
        suspect_id  uuid REFERENCES match_suspect (id),
        created_by  text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (entity_type, left_key, right_key),
        CONSTRAINT match_dismissal_ordered CHECK (left_key < right_key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS match_dismissal`);
    await q.query(`DROP TABLE IF EXISTS match_suspect`);
    await q.query(`DROP TABLE IF EXISTS match_block_trgm`);
    await q.query(`DROP TABLE IF EXISTS match_block`);
    await q.query(`DROP EXTENSION IF EXISTS pg_trgm`);
  }
}
