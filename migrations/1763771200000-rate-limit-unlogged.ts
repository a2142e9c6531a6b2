import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rate limiters' counters in an UNLOGGED table: every signed webhook and every admin request spends points with
 * one upsert, and on a logged table each of those commits waited for a WAL flush of its own. A crash of PostgreSQL
 * empties an unlogged table: the counters restart from zero, which only ever lets a little more traffic through for
 * one window. Replicas still share the counters (every session sees the table). See docs/security.md (rate limits).
 */
export class RateLimitUnlogged1763771200000 implements MigrationInterface {
  name = 'RateLimitUnlogged1763771200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rate_limit SET UNLOGGED`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rate_limit SET LOGGED`);
  }
}
