import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type Actor, actorLabel } from '../admin/auth/actor';
import { AuditService } from '../admin/audit/audit.service';
import { DomainError, NotFoundError, ValidationError } from '../common/domain-error';
import { type Page, uuidFilter } from '../common/page-cursor';
import { bindingByEntityType } from '../config/active-config';
import { HubConfigService } from '../config/hub-config.service';
import type { EventDetailView, EventTrailView, EventView } from './events.dto';
import { type EventFilter, type EventRow, EventsRepository } from './events.repository';
import { INBOX_CHANNEL } from '../inbox/inbox.types';
import { maskPayload, sensitiveSystemPaths } from './payload-mask';

export type { EventFilter } from './events.repository';

/** Only events the pipeline gave up on go back to pending; the others either succeeded or are still queued. */
const REPLAYABLE: readonly string[] = ['rejected', 'failed'];

// bigserial ids as decimal strings; 18 digits keeps every accepted value inside bigint.
export const EVENT_ID_PATTERN = /^[1-9]\d{0,17}$/;

function toView(r: EventRow): EventView {
  return {
    id: r.id, system: r.system, eventId: r.event_id, eventType: r.event_type, entityType: r.entity_type, action: r.action,
    externalId: r.external_id, origin: r.origin, status: r.status, reason: r.reason, errors: r.errors, goldenId: r.golden_id,
    goldenVersion: r.golden_version, attempts: r.attempts, sourceTimestamp: r.source_timestamp, receivedAt: r.received_at, processedAt: r.processed_at,
    correlationId: r.correlation_id,
  };
}

/** Read and replay inbox events for the admin API (REST and GraphQL). Processing itself belongs to the inbox worker. */
@Injectable()
export class EventsService {
  constructor(
    private readonly events: EventsRepository,
    private readonly hubConfig: HubConfigService,
    private readonly audit: AuditService,
  ) {}

  /** Newest first; page with `after` = the previous page's endCursor. */
  async list(filter: EventFilter, first?: number | null, after?: string | null): Promise<Page<EventView>> {
    const page = await this.events.list({ ...filter, goldenId: uuidFilter('goldenId', filter.goldenId) }, first, after);
    return { ...page, items: page.items.map(toView) };
  }

  /** The event with its payload (masked for non-admins); null when there is none. */
  async find(id: string, reader: Actor): Promise<EventDetailView | null> {
    const row = await this.events.find(checkId(id));
    if (!row) return null;
    return { ...toView(row), payload: reader.role === 'admin' ? row.payload : this.masked(row), trail: await this.trail(row) };
  }

  /** received → applied (the version it produced) → delivered per system. */
  private async trail(row: EventRow): Promise<EventTrailView> {
    const none: EventTrailView = { receivedAt: row.received_at, applied: null, deliveries: [] };
    // Only an applied event produced a version (noop and echo events name the version they left alone).
    if (row.status !== 'applied' || !row.golden_id || row.golden_version === null) return none;
    const { version, deliveries } = await this.events.trail(row.golden_id, row.golden_version);
    return {
      receivedAt: row.received_at,
      applied: version ? { goldenId: version.golden_id, version: version.version, at: version.created_at, correlationId: version.correlation_id } : null,
      deliveries: deliveries.map((d) => ({
        id: d.id, system: d.system, goldenVersion: d.golden_version, status: d.status, attempts: d.attempts,
        correlationId: d.correlation_id, lastError: d.last_error, deliveredAt: d.delivered_at,
      })),
    };
  }

  async get(id: string, reader: Actor): Promise<EventDetailView> {
    const found = await this.find(id, reader);
    if (!found) throw new NotFoundError('EVENT_NOT_FOUND', `no inbox event ${id}`);
    return found;
  }

  /** Back to pending with attempts reset, audited in the same transaction; the worker is woken at commit. */
  async replay(id: string, by: Actor): Promise<EventView> {
    checkId(id);
    return this.events.transaction(async (m: EntityManager) => {
      const before = await this.events.lockForReplay(m, id);
      if (!before) throw new NotFoundError('EVENT_NOT_FOUND', `no inbox event ${id}`);
      if (!REPLAYABLE.includes(before.status)) {
        throw new DomainError('EVENT_NOT_REPLAYABLE', `event ${id} is ${before.status}; only rejected or failed events can be replayed`, 'conflict');
      }
      const after = await this.events.markPending(m, id);
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

/** GraphQL ids arrive unchecked (REST checks them in the DTO): a non-numeric id must be a 400, not a SQL error. */
function checkId(id: string): string {
  if (!EVENT_ID_PATTERN.test(id)) {
    throw new ValidationError('INVALID_ID', 'the event id must be a positive integer', [{ path: 'id', message: 'must be an event id' }]);
  }
  return id;
}
