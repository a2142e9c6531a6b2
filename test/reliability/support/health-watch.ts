import { pause } from './reliability';

/** Polls a hub's /health until stopped and counts the answers: 200, 503, anything else, no answer in time. */
export class HealthWatch {
  readonly counts = { ok: 0, unavailable: 0, other: 0, noAnswer: 0 };
  /** the last database error /health reported while it answered 503 */
  lastError = '';
  private stopped = false;
  private readonly done: Promise<void>;

  constructor(private readonly url: string, private readonly everyMs = 100) {
    this.done = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.done;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        const res = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(5_000) });
        const body = (await res.json().catch(() => null)) as { checks?: { database?: { error?: string } } } | null;
        if (res.status === 200) this.counts.ok++;
        else if (res.status === 503) {
          this.counts.unavailable++;
          this.lastError = body?.checks?.database?.error ?? '';
        } else this.counts.other++;
      } catch {
        this.counts.noAnswer++;
      }
      await pause(this.everyMs);
    }
  }
}
