/**
 * Group commit for small writes: callers submit one unit each and await their own result, while the units
 * that arrive during a running flush are written together by the next one. Under light load a unit is
 * flushed at once (no timer, no added latency); under heavy load one statement and one WAL flush serve many
 * callers instead of one each.
 *
 * A flush either settles every unit in it or fails as a whole. When a flush of several units fails, each is
 * retried on its own, so one unit the database refuses does not fail the callers that happened to share
 * its statement.
 */

export interface GroupCommitOptions {
  /** upper bound on the summed weight of one flush */
  maxWeight: number;
  /** flushes running at once (each holds one database connection) */
  maxInFlight: number;
}

interface Pending<I, O> {
  item: I;
  weight: number;
  resolve: (value: O) => void;
  reject: (err: unknown) => void;
}

export class GroupCommit<I, O> {
  private readonly queue: Pending<I, O>[] = [];
  private inFlight = 0;

  constructor(
    /** writes all items in one unit of work; returns one result per item, in order */
    private readonly flush: (items: I[]) => Promise<O[]>,
    private readonly weigh: (item: I) => number,
    private readonly options: GroupCommitOptions,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, weight: this.weigh(item), resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const group = this.take();
      this.inFlight++;
      void this.run(group).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  /** Takes queued units in arrival order up to maxWeight; always at least one, however heavy. */
  private take(): Pending<I, O>[] {
    let weight = 0;
    let n = 0;
    while (n < this.queue.length && (n === 0 || weight + this.queue[n].weight <= this.options.maxWeight)) {
      weight += this.queue[n].weight;
      n++;
    }
    return this.queue.splice(0, n);
  }

  private async run(group: Pending<I, O>[]): Promise<void> {
    try {
      const results = await this.flush(group.map((p) => p.item));
      group.forEach((p, i) => p.resolve(results[i]));
    } catch (err) {
      if (group.length === 1) {
        group[0].reject(err);
        return;
      }
      // Isolate: one by one, so only the unit that caused the failure sees it.
      for (const p of group) {
        try {
          p.resolve((await this.flush([p.item]))[0]);
        } catch (own) {
          p.reject(own);
        }
      }
    }
  }
}
