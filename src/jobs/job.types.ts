import type { EntityManager } from 'typeorm';

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** NOTIFY channel a new or re-queued job wakes idle runners on. */
export const JOB_CHANNEL = 'hub_job';

/** A row of the job table. */
export interface JobRecord {
  id: string;
  kind: string;
  /** what the job is about (a recompute's entity type): one open job per kind and key */
  key: string;
  params: Record<string, unknown>;
  status: JobStatus;
  /** where the next batch starts: the handler's own cursor, null before the first batch */
  cursor: string | null;
  processed: number;
  total: number | null;
  changed: number;
  error: string | null;
  configVersion: number | null;
  createdBy: string | null;
  runner: string | null;
  attempts: number;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  heartbeatAt: Date | null;
}

/** What one batch did; `nextCursor` null when the job is done. */
export interface JobBatch {
  processed: number;
  changed: number;
  nextCursor: string | null;
}

/**
 * How a batch lets the runner overlap it with the next one (see runChain). A handler may ignore them: the next batch
 * then starts when this one is over.
 */
export interface BatchSteps {
  /** the batch knows its range: `next` is the cursor the next batch starts from (null: nothing after this one) */
  planned(next: string | null): void;
  /** resolves when the previous batch holds its locks: take yours after it, so batches lock in key order */
  turnToLock(): Promise<void>;
  /** this batch holds every lock it takes before writing */
  locked(): void;
}

/**
 * A kind of job: what the runner calls. Each batch runs in the transaction that also checkpoints the job's cursor
 * and counters, so a batch's writes and its checkpoint commit together or not at all: after a crash the job resumes
 * from the last committed batch and no batch is applied twice. A handler keys its batches on something stable and
 * ordered (a golden record id), writes set-based, and never commits by itself.
 */
export interface JobHandler {
  readonly kind: string;
  /**
   * Whether this process can run the job now; false makes the runner try again a moment later (a recompute waits
   * until this replica has activated the configuration version the job was made for).
   */
  ready?(job: JobRecord): Promise<boolean>;
  /** how many items the job will go through, counted once when it first starts (for progress) */
  total(m: EntityManager, job: JobRecord): Promise<number>;
  /** one batch of at most `size` items after `cursor`, inside the runner's transaction */
  runBatch(m: EntityManager, job: JobRecord, cursor: string | null, size: number, steps: BatchSteps): Promise<JobBatch>;
}

export interface NewJob {
  kind: string;
  key?: string;
  params: Record<string, unknown>;
  configVersion?: number | null;
  createdBy: string;
  /**
   * The open job of the same kind and key, if any, is cancelled as superseded by the new one; this gives the new
   * job's parameters knowing the older one's (a recompute takes over the fields the older one had not finished).
   */
  mergeWith?: (older: JobRecord) => Record<string, unknown>;
}
