import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, actorLabel } from '../admin/auth/actor';
import { AuditService } from '../admin/audit/audit.service';
import { DomainError, NotFoundError } from '../common/domain-error';
import { bindingByEntityType } from '../config/active-config';
import { HubConfigService } from '../config/hub-config.service';
import type { EventDetailView, EventStatus, EventView } from './events.dto';
import { INBOX_CHANNEL } from '../inbox/inbox.types';
import { maskPayload, sensitiveSystemPaths } from './payload-mask';

export interface EventFilter {
  status?: EventStatus;
  system?: string;
  entityType?: string;
  externalId?: string;
  goldenId?: string;
  limit: number;
  before?: string;
}

/** Only events the pipeline gave up on go back to pending; the others either succeeded or are still queued. */
const REPLAYABLE: readonly string[] = ['rejected', 'failed'];

const COLUMNS = `id::text AS id, system, event_id, event_type, entity_type, action, external_id, origin, status, reason, errors,
  golden_id, golden_version, attempts, source_timestamp, received_at, processed_at`;

interface EventRow {
  id: string; system: string; event_id: string; event_type: string; entity_type: string; action: string; external_id: string;
  origin: string; status: string; reason: string | null; errors: unknown; golden_id: string | null; golden_version: number | null;
  attempts: number; source_timestamp: Date | null; received_at: Date; processed_at: Date | null; payload?: unknown;
}

function toView(r: EventRow): EventView {
  return {
    id: r.id, system: r.system, eventId: r.event_id, eventType: r.event_type, entityType: r.entity_type, action: r.action,
    externalId: r.external_id, origin: r.origin, status: r.status, reason: r.reason, errors: r.errors, goldenId: r.golden_id,
    goldenVersion: r.golden_version, attempts: r.attempts, sourceTimestamp: r.source_timestamp, receivedAt: r.received_at, processedAt: r.processed_at,
  };
}

/** Read and replay inbox events for the admin API. Processing itself belongs to the inbox worker. */
@Injectable()
export class EventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hubConfig: HubConfigService,
    private readonly audit: AuditService,
  ) {}

  /** Newest first; page with `before` = the last id of the previous page. */
  async list(filter: EventFilter): Promise<EventView[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.status) add('status = ?', filter.status);
    if (filter.system) add('system = ?', filter.system);
    if (filter.entityType) add('entity_type = ?', filter.entityType);
    if (filter.externalId) add('external_id = ?', filter.externalId);
    if (filter.goldenId) add('golden_id = ?', filter.goldenId);
    if (filter.before) add('id < ?::bigint', filter.before);
    params.push(filter.limit);
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM inbox_event ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(toView);
  }

  async get(id: string, reader: Actor): Promise<EventDetailView> {
    const [row]: EventRow[] = await this.dataSource.query(`SELECT ${COLUMNS}, payload FROM inbox_event WHERE id = $1::bigint`, [id]);
    if (!row) throw new NotFoundError('EVENT_NOT_FOUND', `no inbox event ${id}`);
    return { ...toView(row), payload: reader.role === 'admin' ? row.payload : this.masked(row) };
  }

  /** Back to pending with attempts reset, audited in the same transaction; the worker is woken at commit. */
  async replay(id: string, by: Actor): Promise<EventView> {
    return this.dataSource.transaction(async (m: EntityManager) => {
      const [before]: EventRow[] = await m.query(`SELECT ${COLUMNS} FROM inbox_event WHERE id = $1::bigint FOR UPDATE`, [id]);
      if (!before) throw new NotFoundError('EVENT_NOT_FOUND', `no inbox event ${id}`);
      if (!REPLAYABLE.includes(before.status)) {
        throw new DomainError('EVENT_NOT_REPLAYABLE', `event ${id} is ${before.status}; only rejected or failed events can be replayed`, 'conflict');
      }
      // Wrapped in a SELECT: TypeORM hands back UPDATE … RETURNING as [rows, count], a SELECT as rows.
      const [after]: EventRow[] = await m.query(
        `WITH upd AS (
           UPDATE inbox_event SET status = 'pending', attempts = 0, reason = NULL, errors = NULL, processed_at = NULL,
             golden_id = NULL, golden_version = NULL
           WHERE id = $1::bigint RETURNING *)
         SELECT ${COLUMNS} FROM upd`,
        [id],
      );
      await this.audit.record({
        actor: actorLabel(by), action: 'event.replay', target: `event:${id}`,
        before: { status: before.status, reason: before.reason, errors: before.errors, attempts: before.attempts },
        after: { status: 'pending', attempts: 0 },
      }, m);
      await m.query(`SELECT pg_notify('${INBOX_CHANNEL}', '')`);
      return toView(after);
    });
  }

  private masked(row: EventRow): unknown {
    const binding = bindingByEntityType(this.hubConfig.current(), row.system, row.entity_type);
    // Without the mapping in force the sensitive fields cannot be found, so non-admins see no payload at all.
    return binding ? maskPayload(row.payload, sensitiveSystemPaths(binding.entityType, binding.mapping)) : null;
  }
}
