import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate-limit counters shared by every replica (rate-limiter-flexible's PostgreSQL store, in the table layout it
 * expects): one row per API key or webhook system and window; `expire` is epoch milliseconds. The library would
 * create the table itself; it is created here so schema changes stay in migrations.
 */
export class RateLimits1763771000000 implements MigrationInterface {
  name = 'RateLimits1763771000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rate_limit (
        key    varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      )`);
    await q.query(`CREATE INDEX rate_limit_expire ON rate_limit (expire)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS rate_limit`);
  }
}
