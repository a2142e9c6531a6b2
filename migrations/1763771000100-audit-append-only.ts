import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log becomes append-only at the database (the trigger golden_version has), and gets an index behind
 * its filter by actor (the time range uses audit_log_at).
 */
export class AuditAppendOnly1763771000100 implements MigrationInterface {
  name = 'AuditAppendOnly1763771000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TRIGGER audit_log_immutable BEFORE UPDATE OR DELETE ON audit_log
                   FOR EACH ROW EXECUTE FUNCTION hub_refuse_change()`);
    // TRUNCATE skips row triggers: refuse it with a statement trigger.
    await q.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
                   FOR EACH STATEMENT EXECUTE FUNCTION hub_refuse_change()`);
    await q.query(`CREATE INDEX audit_log_actor ON audit_log (actor, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS audit_log_actor`);
    await q.query(`DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log`);
    await q.query(`DROP TRIGGER IF EXISTS audit_log_immutable ON audit_log`);
  }
}
