import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';

export interface HeldLock {
  release(): Promise<void>;
}

/** Enough for every job of a large configuration running at once; a tick finding the pool busy waits. */
const POOL_SIZE = 8;

/**
 * Session-level advisory locks, one per running job, each on its own connection held for the run.
 * A session lock (not a transaction-scoped one) keeps no transaction open while a poll waits on a slow
 * system, and PostgreSQL frees it by itself if this process dies. Own small pool: a lock connection must
 * be destroyed, never returned to a shared pool, when its unlock fails.
 */
@Injectable()
export class SyncLockService implements OnApplicationShutdown {
  private readonly logger = new Logger('sync-lock');
  private pool?: pg.Pool;

  constructor(private readonly db: DataSource) {}

  async tryLock(name: string): Promise<HeldLock | null> {
    const client = await this.connections().connect();
    let locked: boolean;
    try {
      const res = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok', [`hub-sync:${name}`]);
      locked = res.rows[0].ok;
    } catch (err) {
      client.release(err as Error);
      throw err;
    }
    if (!locked) {
      client.release();
      return null;
    }
    let released = false;
    return {
      release: async () => {
        if (released) return;
        released = true;
        try {
          await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [`hub-sync:${name}`]);
          client.release();
        } catch (err) {
          // Destroying the connection ends the session, which frees the lock.
          this.logger.warn(`unlock of ${name} failed (${(err as Error).message}); closing its connection`);
          client.release(err as Error);
        }
      },
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool?.end().catch(() => undefined);
  }

  private connections(): pg.Pool {
    if (!this.pool) {
      const url = (this.db.options as { url?: string }).url;
      this.pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, application_name: 'master-data-hub-sync-lock' });
      // An idle connection dropped by the server emits here; without a listener the process would exit.
      this.pool.on('error', (err) => this.logger.warn(`lock connection lost: ${err.message}`));
    }
    return this.pool;
  }
}
