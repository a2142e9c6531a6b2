import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import type { JobHandler } from './job.types';

/**
 * Job kinds, registered by the feature modules that own them (the recompute in golden-records, later the
 * duplicates scan), so the runner knows how to run a kind without importing any feature. docs/decision-job-runner.md.
 */
@Injectable()
export class JobHandlerRegistry {
  private readonly handlers = new Map<string, JobHandler>();

  register(handler: JobHandler): void {
    if (this.handlers.has(handler.kind)) throw new Error(`job kind ${handler.kind} is registered twice`);
    this.handlers.set(handler.kind, handler);
  }

  get(kind: string): JobHandler {
    const handler = this.handlers.get(kind);
    if (!handler) throw new DomainError('JOB_KIND_UNKNOWN', `no handler for job kind ${kind}`, 'invalid');
    return handler;
  }

  /** the kinds this process can run: a runner only claims those */
  kinds(): string[] {
    return [...this.handlers.keys()];
  }
}
