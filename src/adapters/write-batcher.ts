/**
 * Gathers the calls an adapter receives at about the same moment (the delivery worker runs many records at
 * once) and hands them to `flush` as one batch per key: a multi-row statement, one bulk request. Each caller
 * still gets its own answer, or its own error. A batch is sent on the next turn of the event loop
 * (setImmediate: the worker's calls, each behind a few awaits, are all queued by then) or as soon as it holds
 * `maxItems`.
 */
export class WriteBatcher<Op, R> {
  private readonly queues = new Map<string, { op: Op; resolve: (r: R) => void; reject: (e: unknown) => void }[]>();

  constructor(
    /** one answer per op, in order: a value, or an Error for that op alone */
    private readonly flush: (key: string, ops: Op[]) => Promise<(R | Error)[]>,
    private readonly maxItems: number,
  ) {}

  submit(key: string, op: Op): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      let queue = this.queues.get(key);
      if (!queue) {
        queue = [];
        this.queues.set(key, queue);
        setImmediate(() => this.send(key, queue!));
      }
      queue.push({ op, resolve, reject });
      if (queue.length >= this.maxItems) this.send(key, queue);
    });
  }

  private send(key: string, queue: { op: Op; resolve: (r: R) => void; reject: (e: unknown) => void }[]): void {
    // Already sent because it filled up: the timer finds it detached.
    if (this.queues.get(key) !== queue) return;
    this.queues.delete(key);
    this.flush(key, queue.map((q) => q.op)).then(
      (results) => {
        for (const [i, q] of queue.entries()) {
          const r = results[i];
          if (r instanceof Error) q.reject(r);
          else if (i >= results.length) q.reject(new Error('the batch returned fewer answers than it was sent'));
          else q.resolve(r);
        }
      },
      (err: unknown) => {
        for (const q of queue) q.reject(err);
      },
    );
  }
}
