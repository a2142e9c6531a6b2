import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { newestBySerialPage } from '../common/newest-first-page';
import type { Page } from '../common/page-cursor';
import type { EventStatus } from './events.dto';

export interface EventFilter {
  status?: EventStatus | null;
  system?: string | null;
  entityType?: string | null;
  externalId?: string | null;
  goldenId?: string | null;
}

export interface EventRow {
  id: string; system: string; event_id: string; event_type: string; entity_type: string; action: string; external_id: string;
  origin: string; status: string; reason: string | null; errors: unknown; golden_id: string | null; golden_version: number | null;
  attempts: number; source_timestamp: Date | null; received_at: Date; processed_at: Date | null; payload?: unknown;
  correlation_id: string | null;
}

export interface TrailVersionRow { golden_id: string; version: number; created_at: Date; correlation_id: string | null }
export interface TrailDeliveryRow {
  id: string; system: string; golden_version: number; status: string; attempts: number; correlation_id: string | null;
  last_error: string | null; delivered_at: Date | null;
}

const CURSOR_KIND = 'event';
const COLUMNS = `e.id::text AS id, e.id::text AS key_text, e.system, e.event_id, e.event_type, e.entity_type, e.action, e.external_id,
  e.origin, e.status, e.reason, e.errors, e.golden_id, e.golden_version, e.attempts, e.source_timestamp, e.received_at, e.processed_at, e.correlation_id`;

/** The inbox_event reads and the replay write of the events admin API (ingest writes through InboxWriterService). */
@Injectable()
export class EventsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest first by id: the order events were stored in. */
  list(filter: EventFilter, first?: number | null, after?: string | null): Promise<Page<EventRow>> {
    return newestBySerialPage<EventRow & { key_text: string }>(this.dataSource, {
      kind: CURSOR_KIND,
      select: `SELECT ${COLUMNS} FROM inbox_event e`,
      key: 'e.id',
      equal: [
        ['e.status', filter.status], ['e.system', filter.system], ['e.entity_type', filter.entityType],
        ['e.external_id', filter.externalId], ['e.golden_id', filter.goldenId],
      ],
      first,
      after,
    });
  }

  async find(id: string): Promise<EventRow | undefined> {
    const [row]: EventRow[] = await this.dataSource.query(`SELECT ${COLUMNS}, e.payload FROM inbox_event e WHERE e.id = $1::bigint`, [id]);
    return row;
  }

  /**
   * An event's trail: the version it produced and, per target system, the first delivery of that version or of a
   * later one it was compressed into. A read across the pipeline's and delivery's tables for this operator view
   * (docs/architecture.md allows such reads; nothing is written).
   */
  async trail(goldenId: string, version: number): Promise<{ version: TrailVersionRow | undefined; deliveries: TrailDeliveryRow[] }> {
    const [versionRow]: TrailVersionRow[] = await this.dataSource.query(
      `SELECT golden_id, version, created_at, cause->>'correlationId' AS correlation_id FROM golden_version WHERE golden_id = $1 AND version = $2`,
      [goldenId, version],
    );
    const deliveries: TrailDeliveryRow[] = await this.dataSource.query(
      `SELECT DISTINCT ON (system) id::text AS id, system, golden_version, status, attempts, correlation_id, last_error, delivered_at
         FROM outbox WHERE golden_id = $1 AND golden_version >= $2 AND status <> 'superseded'
        ORDER BY system, id`,
      [goldenId, version],
    );
    return { version: versionRow, deliveries };
  }

  async lockForReplay(m: EntityManager, id: string): Promise<EventRow | undefined> {
    const [row]: EventRow[] = await m.query(`SELECT ${COLUMNS} FROM inbox_event e WHERE e.id = $1::bigint FOR UPDATE`, [id]);
    return row;
  }

  /** Back to pending with attempts reset; the caller's transaction also audits it and wakes the worker. */
  async markPending(m: EntityManager, id: string): Promise<EventRow> {
    // Wrapped in a SELECT: TypeORM hands back UPDATE … RETURNING as [rows, count], a SELECT as rows.
    const [row]: EventRow[] = await m.query(
      `WITH e AS (
         UPDATE inbox_event SET status = 'pending', attempts = 0, reason = NULL, errors = NULL, processed_at = NULL,
           golden_id = NULL, golden_version = NULL
         WHERE id = $1::bigint RETURNING *)
       SELECT ${COLUMNS} FROM e`,
      [id],
    );
    return row;
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
