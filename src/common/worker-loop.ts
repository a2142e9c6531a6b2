import pg from 'pg';
import { isDatabaseUnavailable } from '../database/database-errors';

interface LoopLogger {
  error(message: string): void;
  warn(message: string): void;
}

/** A failing loop waits idleMs, then twice that, … up to this, so an outage is neither hammered nor slow to end. */
const MAX_ERROR_BACKOFF_MS = 2_000;
/** While failures go on, one line about them at most this often (the first one always). */
const FAILURE_LOG_EVERY_MS = 30_000;

/**
 * N loops calling `runOnce` until it reports no work, then idling until `idleMs` passes or `wake()` is
 * called (a NOTIFY arrived). Shared by the inbox and delivery workers so both stop the same way: `stop()`
 * lets every loop finish its current batch. A loop whose `runOnce` throws (the database went away) backs
 * off and tries again: workers outlive a database restart and resume by themselves.
 */
export class WorkerLoop {
  private stopping = false;
  private loops: Promise<void>[] = [];
  private readonly waiters = new Set<() => void>();
  private listener?: WakeUpListener;
  private lastFailureLog = 0;
  private readonly lingering = new Set<() => void>();

  constructor(
    private readonly runOnce: () => Promise<number>,
    private readonly idleMs: number,
    private readonly logger: LoopLogger,
    /**
     * Under a trickle of work, runs would take one or two items each and pay a batch's fixed statements for
     * them. After a run of fewer than `below` items, or a wake-up from idle, a loop waits `ms` so work can
     * gather: a little latency for far fewer round trips (at 200 changes/s, socket writes to PostgreSQL were
     * a fifth of the hub's CPU).
     */
    private readonly linger: { ms: number; below: number } = { ms: 0, below: 0 },
  ) {}

  /** `wakeOn`: a NOTIFY channel that wakes idle loops at once (the idle poll still covers lost notifications). */
  async start(concurrency: number, wakeOn?: { url?: string; channel: string }): Promise<void> {
    if (wakeOn?.url) {
      this.listener = new WakeUpListener(wakeOn.url, wakeOn.channel, () => this.wake(), this.logger);
      await this.listener.start();
    }
    for (let i = 0; i < concurrency; i++) this.loops.push(this.loop());
  }

  /** Runs until there is no work this process can take (tests, benchmarks); returns the items handled. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.runOnce();
      if (n === 0) return total;
      total += n;
    }
  }

  wake(): void {
    for (const w of [...this.waiters]) w();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    for (const end of [...this.lingering]) end();
    await Promise.all(this.loops);
    await this.listener?.stop();
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      let n = 0;
      try {
        n = await this.runOnce();
        if (failures > 0) this.logger.warn(`worker loop working again after ${failures} failed attempt(s)`);
        failures = 0;
      } catch (err) {
        failures++;
        this.reportFailure(err as Error, failures);
      }
      if (this.stopping) break;
      if (failures > 0) await this.idle(Math.min(MAX_ERROR_BACKOFF_MS, this.idleMs * 2 ** (failures - 1)));
      else if (n === 0) {
        if ((await this.idle(this.idleMs)) === 'woken') await this.gather();
      } else if (n < this.linger.below) await this.gather();
    }
  }

  /** The linger pause: ended early only by stop(), not by notifications (those are what it waits for). */
  private gather(): Promise<void> {
    if (this.linger.ms <= 0 || this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const end = () => {
        clearTimeout(timer);
        this.lingering.delete(end);
        resolve();
      };
      const timer = setTimeout(end, this.linger.ms);
      this.lingering.add(end);
    });
  }

  private reportFailure(err: Error, failures: number): void {
    const now = Date.now();
    if (failures > 1 && now - this.lastFailureLog < FAILURE_LOG_EVERY_MS) return;
    this.lastFailureLog = now;
    if (isDatabaseUnavailable(err)) {
      this.logger.warn(`worker loop: database unavailable (${err.message}); retrying with backoff (${failures} failed attempt(s) so far)`);
    } else {
      this.logger.error(`worker loop error: ${err.message}${failures > 1 ? ` (${failures} failed attempts in a row)` : ''}`);
    }
  }

  private idle(ms: number): Promise<'woken' | 'timeout'> {
    return new Promise((resolve) => {
      const done = (how: 'woken' | 'timeout') => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(how);
      };
      const wake = () => done('woken');
      const timer = setTimeout(() => done('timeout'), ms);
      this.waiters.add(wake);
    });
  }
}

/** Wait before reconnecting a lost listener, by failed attempts so far: 0.5 s, 0.5 s, 1 s, 2 s, 4 s, then every 5 s. */
const relistenDelay = (failures: number): number => Math.min(5_000, 500 * 2 ** Math.max(0, failures - 1));

/**
 * LISTEN on a dedicated connection, re-established whenever it is lost (database restart, network cut). A lost
 * listener only costs latency meanwhile, since the loops also poll; once it listens again it wakes them, in
 * case notifications were missed.
 */
class WakeUpListener {
  private client?: pg.Client;
  private stopped = false;
  private failures = 0;
  /** the connection was lost since it last listened: notifications may have been missed */
  private lost = false;
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly onNotify: () => void,
    private readonly logger: LoopLogger,
  ) {}

  start(): Promise<void> {
    return this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    this.retry = undefined;
    if (this.stopped) return;
    // keepAlive: a peer gone without a word (network cut) is noticed by TCP rather than never.
    const client = new pg.Client({ connectionString: this.url, keepAlive: true });
    // Without a listener a lost connection would be an uncaught error; 'end' (below) starts the reconnection.
    client.on('error', (err) => {
      if (this.client === client) this.logger.warn(`${this.channel} listener lost: ${err.message}; polling until it is back`);
    });
    client.on('end', () => {
      if (this.client !== client) return;
      this.client = undefined;
      this.lost = true;
      this.scheduleReconnect();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(this.channel)}`);
    } catch (err) {
      this.failures++;
      if (this.failures === 1) this.logger.warn(`LISTEN ${this.channel} failed (${(err as Error).message}); polling until it succeeds`);
      await client.end().catch(() => undefined);
      this.scheduleReconnect();
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    client.on('notification', this.onNotify);
    this.client = client;
    if (this.lost || this.failures > 0) {
      this.logger.warn(`LISTEN ${this.channel} restored`);
      this.onNotify();
    }
    this.lost = false;
    this.failures = 0;
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(() => void this.connect(), relistenDelay(this.failures));
    // A pending reconnection must not keep a finished process alive.
    this.retry.unref();
  }
}
