import pg from 'pg';

interface LivenessLogger {
  warn(message: string): void;
}

/**
 * First key of the two-key advisory locks that mark live hub processes ('mdh'). Two-key locks are a space apart
 * from single-bigint ones, so other advisory locks in the database cannot collide with these.
 */
export const HUB_INSTANCE_LOCK_CLASS = 0x6d6468;

/** Wait before re-establishing a lost liveness connection, by failed attempts so far. */
const reconnectDelay = (failures: number): number => Math.min(5_000, 250 * 2 ** Math.max(0, failures - 1));

/**
 * This process's liveness, visible to every other session of the database: a number from the
 * `hub_instance_key` sequence, held as a session advisory lock (HUB_INSTANCE_LOCK_CLASS, key) on a dedicated
 * connection for as long as the process lives. When the process dies (kill -9, crash, power loss) PostgreSQL
 * ends its session and frees the lock, so anyone can tell its claims are orphaned by trying the lock; a
 * network cut is noticed through TCP keepalive. Claims name the key (`outbox.claimed_by`).
 */
export class ProcessLiveness {
  private client?: pg.Client;
  private stopped = false;
  private failures = 0;
  private retry?: NodeJS.Timeout;
  private key?: number;
  private held = false;

  constructor(
    private readonly url: string,
    private readonly logger: LivenessLogger,
  ) {}

  /** The key claims are tagged with, while the lock is held; undefined otherwise (claims then rely on their lease). */
  get instanceKey(): number | undefined {
    return this.held ? this.key : undefined;
  }

  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    this.held = false;
    // Ending the session frees the lock: claims still open after a clean stop are released by the next claim.
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    this.retry = undefined;
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.url, keepAlive: true, application_name: 'hub-liveness' });
    client.on('error', (err) => {
      if (this.client === client) this.logger.warn(`liveness connection lost: ${err.message}; claims fall back to their lease until it is back`);
    });
    client.on('end', () => {
      if (this.client !== client) return;
      this.client = undefined;
      this.held = false;
      this.scheduleReconnect();
    });
    try {
      await client.connect();
      if (this.key === undefined) {
        const { rows } = await client.query<{ key: number }>(`SELECT nextval('hub_instance_key')::int AS key`);
        this.key = rows[0].key;
      }
      // Try, not wait: after a reconnection another process may hold it for a moment while it releases our
      // claims (they were orphaned while the connection was down); then this process takes a new key.
      const { rows } = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock($1, $2) AS ok`, [HUB_INSTANCE_LOCK_CLASS, this.key]);
      if (!rows[0].ok) {
        this.key = undefined;
        throw new Error('instance key taken');
      }
    } catch (err) {
      this.failures++;
      if (this.failures === 1) this.logger.warn(`liveness lock not taken (${(err as Error).message}); retrying`);
      await client.end().catch(() => undefined);
      this.scheduleReconnect();
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.held = true;
    this.failures = 0;
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(() => void this.connect(), reconnectDelay(this.failures));
    this.retry.unref();
  }
}
