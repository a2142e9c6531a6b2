import pg from 'pg';

interface LoopLogger {
  error(message: string): void;
  warn(message: string): void;
}

/**
 * N loops calling `runOnce` until it reports no work, then idling until `idleMs` passes or `wake()` is
 * called (a NOTIFY arrived). Shared by the inbox and delivery workers so both stop the same way: `stop()`
 * lets every loop finish its current batch.
 */
export class WorkerLoop {
  private stopping = false;
  private loops: Promise<void>[] = [];
  private readonly waiters = new Set<() => void>();
  private listener?: pg.Client;

  constructor(
    private readonly runOnce: () => Promise<number>,
    private readonly idleMs: number,
    private readonly logger: LoopLogger,
  ) {}

  /** `wakeOn`: a NOTIFY channel that wakes idle loops at once (the idle poll still covers lost notifications). */
  async start(concurrency: number, wakeOn?: { url?: string; channel: string }): Promise<void> {
    if (wakeOn) this.listener = await listenForWakeUps(wakeOn.url, wakeOn.channel, () => this.wake(), this.logger);
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
    await Promise.all(this.loops);
    await this.listener?.end().catch(() => undefined);
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let n = 0;
      try {
        n = await this.runOnce();
      } catch (err) {
        this.logger.error(`worker loop error: ${(err as Error).message}`);
      }
      if (n === 0 && !this.stopping) await this.idle();
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, this.idleMs);
      this.waiters.add(done);
    });
  }
}

/** LISTEN on a dedicated connection; a lost listener only costs latency, since the loops also poll. */
async function listenForWakeUps(url: string | undefined, channel: string, onNotify: () => void, logger: LoopLogger): Promise<pg.Client | undefined> {
  if (!url) return undefined;
  const client = new pg.Client({ connectionString: url });
  client.on('error', (err) => logger.warn(`${channel} listener lost: ${err.message}; falling back to polling`));
  try {
    await client.connect();
    await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    client.on('notification', onNotify);
    return client;
  } catch (err) {
    logger.warn(`LISTEN ${channel} failed (${(err as Error).message}); polling only`);
    await client.end().catch(() => undefined);
    return undefined;
  }
}
