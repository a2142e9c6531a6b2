import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import { newestBySerialPage } from '../../common/newest-first-page';
import type { Page } from '../../common/page-cursor';
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

  /** Newest first. */
  async list(filter: { action?: string | null }, first?: number | null, after?: string | null): Promise<Page<AuditLogEntity>> {
    const page = await newestBySerialPage<AuditLogEntity & { key_text: string }>(this.log.manager, {
      kind: 'audit',
      select: 'SELECT a.id::text AS id, a.id::text AS key_text, a.at, a.actor, a.action, a.target, a.before, a.after FROM audit_log a',
      key: 'a.id',
      equal: [['a.action', filter.action]],
      first,
      after,
    });
    return { ...page, items: page.items.map(({ key_text: _key, ...entry }) => entry) };
  }
}

function json(v: Record<string, unknown> | undefined): string | null {
  return v === undefined ? null : JSON.stringify(v);
}
