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
    await (manager ?? this.log.manager).query(
      'INSERT INTO audit_log (actor, action, target, before, after) VALUES ($1, $2, $3, $4, $5)',
      [entry.actor, entry.action, entry.target ?? null, json(entry.before), json(entry.after)],
    );
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

function json(v: Record<string, unknown> | undefined): string | null {
  return v === undefined ? null : JSON.stringify(v);
}
