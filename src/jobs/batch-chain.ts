import type { BatchSteps, JobBatch } from './job.types';

export interface ChainOptions {
  /** where the first batch starts */
  start: string | null;
  /** batches to run at most in this chain */
  max: number;
  /** batches in flight at once */
  depth: number;
  /**
   * Runs one batch from `cursor` in its own transaction; before its checkpoint it awaits `previousCommitted`, and
   * rolls back when that rejects.
   */
  run(cursor: string | null, steps: BatchSteps, previousCommitted: Promise<void>): Promise<JobBatch>;
  /** checked before each new batch: the process is shutting down */
  stopping(): boolean;
}

export interface ChainResult {
  /** the committed batches, in order */
  batches: JobBatch[];
  /** why the chain stopped early, if a batch failed (the batches after it were rolled back) */
  error?: unknown;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * Consecutive batches of one job, overlapped: the next batch starts as soon as the previous one knows where it ends
 * (its database reads and its decisions run while the previous one writes), takes its locks only once the previous
 * one holds its own (so batches lock in key order, as every writer does), and checkpoints and commits only after
 * the previous one committed. The job's cursor therefore only ever moves over committed work, and a batch that
 * fails takes the ones after it down with it.
 */
export async function runChain(opts: ChainOptions): Promise<ChainResult> {
  const inFlight: Promise<JobBatch>[] = [];
  let cursor = opts.start;
  let previousCommitted: Promise<void> = Promise.resolve();
  let previousLocked: Promise<void> = Promise.resolve();
  for (let i = 0; i < opts.max && !opts.stopping(); i++) {
    if (inFlight.length >= opts.depth && !(await inFlight[inFlight.length - opts.depth].then(() => true, () => false))) break;
    const planned = deferred<string | null>();
    const locked = deferred<void>();
    const turn = previousLocked;
    const steps: BatchSteps = { planned: (next) => planned.resolve(next), turnToLock: () => turn, locked: () => locked.resolve() };
    const done = opts.run(cursor, steps, previousCommitted);
    // A batch that never says where it ends (or fails first) lets the next one start when it is over.
    done.then((b) => (planned.resolve(b.nextCursor), locked.resolve()), () => (planned.resolve(null), locked.resolve()));
    previousCommitted = done.then(() => undefined);
    previousCommitted.catch(() => undefined); // awaited by the next batch, if any
    previousLocked = locked.promise;
    inFlight.push(done);
    const next = await planned.promise;
    if (next === null) break;
    cursor = next;
  }
  const batches: JobBatch[] = [];
  let error: unknown;
  for (const done of inFlight) {
    try {
      const batch = await done;
      if (error === undefined) batches.push(batch);
    } catch (err) {
      error ??= err;
    }
  }
  return { batches, ...(error === undefined ? {} : { error }) };
}
