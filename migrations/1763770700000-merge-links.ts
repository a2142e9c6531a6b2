import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Merges that unmerge exactly and systems holding both records of a merged pair:
 * - `xref.merged_from`: the golden record a cross-reference came from in a steward merge (null otherwise). An
 *   unmerge moves exactly those back; the delivery writes to a system's own record of the survivor, not to one a
 *   merge brought in.
 * - `merge_undo`: per steward merge, both records' values, lineage and match keys before it, so an unmerge restores
 *   them exactly. Kept out of the version's cause, which every viewer reads (it holds sensitive values unmasked).
 * - `delivery_ledger.remote_external_id`: which of the system's records `remote_version` is the version of. A golden
 *   record may hold two records of one system after a merge; the version of one is no precondition for the other.
 */
export class MergeLinks1763770700000 implements MigrationInterface {
  name = 'MergeLinks1763770700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE xref ADD COLUMN merged_from uuid`);
    await q.query(`CREATE INDEX xref_merged_from ON xref (merged_from) WHERE merged_from IS NOT NULL`);
    await q.query(`ALTER TABLE delivery_ledger ADD COLUMN remote_external_id text`);
    await q.query(`
      CREATE TABLE merge_undo (
        survivor_id   uuid NOT NULL REFERENCES golden_record (id),
        merge_version int NOT NULL,
        duplicate_id  uuid NOT NULL REFERENCES golden_record (id),
        undo          jsonb NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (survivor_id, merge_version)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE merge_undo`);
    await q.query(`ALTER TABLE delivery_ledger DROP COLUMN remote_external_id`);
    await q.query(`DROP INDEX xref_merged_from`);
    await q.query(`ALTER TABLE xref DROP COLUMN merged_from`);
  }
}
