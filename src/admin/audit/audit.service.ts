import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import { isISO8601 } from 'class-validator';
import { ValidationError } from '../../common/domain-error';
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

export interface AuditFilter {
  action?: string | null;
  /** as recorded: `key:<name>`, `hub:hub`, `system:<key>` */
  actor?: string | null;
  /** ISO 8601 instants, checked strictly here so both transports refuse an impossible date alike */
  from?: string | null;
  to?: string | null;
}

function instant(value: string | null | undefined, path: string): Date | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isISO8601(value, { strict: true, strictSeparator: true })) {
    throw new ValidationError('INVALID_REQUEST', `${path} must be an ISO 8601 date-time`, [{ path, message: 'must be an ISO 8601 date-time', value }]);
  }
  return new Date(value);
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

  /** Newest first; every filter is optional and they combine (`from` inclusive, `to` exclusive). */
  async list(filter: AuditFilter, first?: number | null, after?: string | null): Promise<Page<AuditLogEntity>> {
    const from = instant(filter.from, 'from');
    const to = instant(filter.to, 'to');
    if (from && to && from >= to) {
      throw new ValidationError('INVALID_TIME_RANGE', 'from must be before to', [{ path: 'to', message: 'must be after from' }]);
    }
    const page = await newestBySerialPage<AuditLogEntity & { key_text: string }>(this.log.manager, {
      kind: 'audit',
      select: 'SELECT a.id::text AS id, a.id::text AS key_text, a.at, a.actor, a.action, a.target, a.before, a.after FROM audit_log a',
      key: 'a.id',
      equal: [['a.action', filter.action], ['a.actor', filter.actor]],
      range: [['a.at', from, to]],
      first,
      after,
    });
    return { ...page, items: page.items.map(({ key_text: _key, ...entry }) => entry) };
  }
}

function json(v: Record<string, unknown> | undefined): string | null {
  return v === undefined ? null : JSON.stringify(v);
}
