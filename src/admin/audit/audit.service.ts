import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, LessThan, Repository } from 'typeorm';
import { AuditLogEntity } from './audit-log.entity';

export interface AuditEntry {
  actor: string;
  action: string;
  target?: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditLogEntity) private readonly log: Repository<AuditLogEntity>) {}

  /** Pass the caller's transaction manager so the audit row commits or rolls back with the change it describes. */
  async record(entry: AuditEntry, manager?: EntityManager): Promise<void> {
    const repo = manager ? manager.getRepository(AuditLogEntity) : this.log;
    await repo.insert({
      actor: entry.actor,
      action: entry.action,
      target: entry.target ?? null,
      before: entry.before ?? null,
      after: entry.after ?? null,
    });
  }

  /** Newest first; `before` is the id cursor from the previous page. */
  list(opts: { limit: number; before?: string; action?: string }): Promise<AuditLogEntity[]> {
    return this.log.find({
      where: { ...(opts.before ? { id: LessThan(opts.before) } : {}), ...(opts.action ? { action: opts.action } : {}) },
      order: { id: 'DESC' },
      take: opts.limit,
    });
  }
}
