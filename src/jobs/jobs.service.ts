import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, actorLabel } from '../admin/auth/actor';
import { AuditService } from '../admin/audit/audit.service';
import { DomainError, NotFoundError, ValidationError } from '../common/domain-error';
import { pageSize, type Page, toPage } from '../common/page-cursor';
import { cancelJob, findJob, insertJob, listJobs, requeueJob } from './job.repository';
import { JOB_STATUSES, type JobRecord, type NewJob } from './job.types';
import { JobRunnerService } from './job-runner.service';

export interface JobView {
  id: string;
  kind: string;
  /** what the job is about (a recompute's entity type) */
  key: string;
  status: string;
  params: Record<string, unknown>;
  processed: number;
  total: number | null;
  changed: number;
  /** processed / total, 0..1; null before the total is counted */
  progress: number | null;
  configVersion: number | null;
  createdBy: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  heartbeatAt: Date | null;
}

export interface ListJobsArgs {
  status?: string | null;
  kind?: string | null;
  first?: number | null;
  after?: string | null;
}

const CURSOR_KIND = 'job';

/**
 * Jobs for the API (REST and GraphQL share it) and for the feature modules that start them: `enqueue` runs in the
 * caller's transaction, so a job exists exactly when what made it necessary was committed.
 */
@Injectable()
export class JobsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly runner: JobRunnerService,
  ) {}

  /** Queues a job in `m`'s transaction; an open job of the same kind and key is cancelled as superseded. */
  async enqueue(m: EntityManager, job: NewJob): Promise<{ job: JobRecord; superseded: JobRecord[] }> {
    return insertJob(m, job);
  }

  async list(args: ListJobsArgs): Promise<Page<JobView>> {
    if (args.status !== undefined && args.status !== null && !(JOB_STATUSES as readonly string[]).includes(args.status)) {
      throw new ValidationError('INVALID_JOB_STATUS', `status must be one of ${JOB_STATUSES.join(', ')}`, [
        { path: 'status', message: `must be one of ${JOB_STATUSES.join(', ')}`, value: args.status },
      ]);
    }
    const size = pageSize(args.first);
    const rows = await listJobs(this.db, {
      status: args.status, kind: args.kind, beforeId: args.after ? decodeJobCursor(args.after) : null, limit: size + 1,
    });
    const page = toPage(rows, size, (r) => encodeJobCursor(r.id));
    return { ...page, items: page.items.map(toJobView) };
  }

  async get(id: string): Promise<JobView> {
    const job = await findJob(this.db, requireJobId(id));
    if (!job) throw jobNotFound(id);
    return toJobView(job);
  }

  async find(id: string): Promise<JobView | null> {
    const job = await findJob(this.db, requireJobId(id));
    return job ? toJobView(job) : null;
  }

  /** Stops a queued or running job (a running one stops at its next checkpoint; the batch in progress is rolled back). */
  async cancel(id: string, actor: Actor): Promise<JobView> {
    requireJobId(id);
    const job = await this.db.transaction(async (m) => {
      const before = await findJob(m, id, true);
      if (!before) throw jobNotFound(id);
      const cancelled = await cancelJob(m, id, actorLabel(actor));
      if (!cancelled) {
        throw new DomainError('JOB_NOT_CANCELLABLE', `job ${id} is ${before.status}: only queued or running jobs can be cancelled`, 'conflict');
      }
      await this.audit.record({
        actor: actorLabel(actor), action: 'job.cancel', target: `job:${id}`,
        before: { status: before.status, processed: before.processed, cursor: before.cursor }, after: { status: 'cancelled' },
      }, m);
      return cancelled;
    });
    return toJobView(job);
  }

  /** Queues a failed or cancelled job again; it resumes from its last checkpoint. */
  async retry(id: string, actor: Actor): Promise<JobView> {
    requireJobId(id);
    const job = await this.db.transaction(async (m) => {
      const before = await findJob(m, id, true);
      if (!before) throw jobNotFound(id);
      const requeued = await requeueJob(m, id);
      if (!requeued) {
        const why = before.status === 'failed' || before.status === 'cancelled'
          ? `another ${before.kind} job for ${before.key || 'it'} is open and supersedes it`
          : `it is ${before.status}; only failed or cancelled jobs can be retried`;
        throw new DomainError('JOB_NOT_RETRYABLE', `job ${id} cannot be retried: ${why}`, 'conflict');
      }
      await this.audit.record({
        actor: actorLabel(actor), action: 'job.retry', target: `job:${id}`,
        before: { status: before.status, processed: before.processed, cursor: before.cursor, error: before.error }, after: { status: 'queued' },
      }, m);
      return requeued;
    });
    this.runner.wake();
    return toJobView(job);
  }
}

export function toJobView(j: JobRecord): JobView {
  return {
    id: j.id, kind: j.kind, key: j.key, status: j.status, params: j.params, processed: j.processed, total: j.total, changed: j.changed,
    progress: j.total === null ? null : j.total === 0 ? 1 : Math.min(1, j.processed / j.total),
    configVersion: j.configVersion, createdBy: j.createdBy, attempts: j.attempts, lastError: j.error,
    createdAt: j.createdAt, startedAt: j.startedAt, finishedAt: j.finishedAt, heartbeatAt: j.heartbeatAt,
  };
}

function requireJobId(id: string): string {
  if (!/^[1-9][0-9]{0,17}$/.test(id)) {
    throw new ValidationError('INVALID_ID', `"${id}" is not a job id (a positive integer)`, [{ path: 'id', message: 'must be a positive integer', value: id }]);
  }
  return id;
}

function jobNotFound(id: string): NotFoundError {
  return new NotFoundError('JOB_NOT_FOUND', `no job ${id}`);
}

// Cursors as every list's: base64url JSON [kind, key], so a cursor from another list is refused.
function encodeJobCursor(id: string): string {
  return Buffer.from(JSON.stringify([CURSOR_KIND, id]), 'utf8').toString('base64url');
}

function decodeJobCursor(cursor: string): string {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && parsed[0] === CURSOR_KIND && typeof parsed[1] === 'string' && /^[1-9][0-9]{0,17}$/.test(parsed[1])) {
      return parsed[1];
    }
  } catch {
    // falls through to the error below
  }
  throw new ValidationError('INVALID_CURSOR', 'the cursor is malformed or belongs to another list; use an endCursor from this list');
}
