import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { FAILING_DELIVERY_SQL } from '../common/failing-delivery';
import { newestBySerialPage } from '../common/newest-first-page';
import { decodeKeysCursor, encodeKeysCursor, type Page, pageSize, toPage } from '../common/page-cursor';
import { FLUSH_WINDOW_AT } from './batch-window.repository';
import type { DeliveryStatus } from './delivery.types';

export interface DeliveryFilter {
  system?: string | null;
  status?: DeliveryStatus | null;
  entityType?: string | null;
  goldenId?: string | null;
  /** true: only failing deliveries (still on their way after a failed attempt); false: only the others */
  failing?: boolean | null;
}

export interface LedgerFilter {
  system?: string | null;
  goldenId?: string | null;
  paused?: boolean | null;
}

export interface DeliveryRow {
  id: string; system: string; entity_type: string; golden_id: string; golden_version: number; operation: string; status: string;
  attempts: number; next_attempt_at: Date; last_error: string | null; last_code: string | null; last_status: number | null;
  idempotency_key: string | null; external_id: string | null; created_at: Date; updated_at: Date; delivered_at: Date | null;
  payload?: unknown; canonical?: unknown; mapping_errors?: unknown;
}

export interface LedgerRow {
  system: string; entity_type: string; golden_id: string; external_id: string | null; last_sent_hash: string | null;
  last_sent_at: Date | null; last_acked_hash: string | null; last_acked_at: Date | null; last_outbox_id: string | null;
  attempts: number; last_error: string | null; writes_in_window: number; paused_at: Date | null;
}

const CURSOR_KIND = 'delivery';
const LEDGER_CURSOR_KIND = 'delivery-ledger';
const COLUMNS = `o.id::text AS id, o.id::text AS key_text, o.system, o.entity_type, o.golden_id, o.golden_version, o.operation, o.status,
  o.attempts, o.next_attempt_at, o.last_error, o.last_code, o.last_status, o.idempotency_key, o.external_id, o.created_at, o.updated_at,
  o.delivered_at`;


/** A dead row is stale once a newer row for the same record and system exists: replaying it would write old state. */
const NEWEST_FOR_RECORD = `NOT EXISTS (SELECT 1 FROM outbox n WHERE n.system = o.system AND n.golden_id = o.golden_id AND n.id > o.id)`;

/** The outbox reads and the steward actions on it (retry, replay, flush) of the deliveries admin API. */
@Injectable()
export class DeliveriesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest first by id (the order rows were enqueued in). */
  list(filter: DeliveryFilter, first?: number | null, after?: string | null): Promise<Page<DeliveryRow>> {
    return newestBySerialPage<DeliveryRow & { key_text: string }>(this.dataSource, {
      kind: CURSOR_KIND,
      select: `SELECT ${COLUMNS} FROM outbox o`,
      key: 'o.id',
      equal: [['o.system', filter.system], ['o.status', filter.status], ['o.entity_type', filter.entityType], ['o.golden_id', filter.goldenId]],
      where: filter.failing == null ? [] : [filter.failing ? FAILING_DELIVERY_SQL : `NOT ${FAILING_DELIVERY_SQL}`],
      first,
      after,
    });
  }

  async find(id: string): Promise<DeliveryRow | undefined> {
    const [row]: DeliveryRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS}, o.payload, o.canonical, o.mapping_errors FROM outbox o WHERE o.id = $1::bigint`,
      [id],
    );
    return row;
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async goldenIdOf(m: EntityManager, id: string): Promise<string | undefined> {
    const [row]: { golden_id: string }[] = await m.query(`SELECT golden_id FROM outbox WHERE id = $1::bigint`, [id]);
    return row?.golden_id;
  }

  async lock(m: EntityManager, id: string): Promise<DeliveryRow> {
    const [row]: DeliveryRow[] = await m.query(`SELECT ${COLUMNS} FROM outbox o WHERE o.id = $1::bigint FOR UPDATE`, [id]);
    return row;
  }

  async newerOf(m: EntityManager, row: DeliveryRow): Promise<{ id: string; status: string } | undefined> {
    const [newer]: { id: string; status: string }[] = await m.query(
      `SELECT id::text AS id, status FROM outbox WHERE system = $1 AND golden_id = $2 AND id > $3::bigint ORDER BY id DESC LIMIT 1`,
      [row.system, row.golden_id, row.id],
    );
    return newer;
  }

  /** Pending, due now, attempts reset; the record's circuit breaker is closed too. */
  async resetForRetry(m: EntityManager, row: DeliveryRow): Promise<DeliveryRow> {
    const [after]: DeliveryRow[] = await m.query(
      `WITH o AS (
         UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL, last_code = NULL,
                last_status = NULL, updated_at = now()
          WHERE id = $1::bigint RETURNING *)
       SELECT ${COLUMNS} FROM o`,
      [row.id],
    );
    await m.query(
      `UPDATE delivery_ledger SET paused_at = NULL, writes_in_window = 0, writes_window_start = NULL, updated_at = now()
        WHERE system = $1 AND golden_id = $2`,
      [row.system, row.golden_id],
    );
    return after;
  }

  async deadGoldenIds(m: EntityManager, filter: { system?: string; entityType?: string }): Promise<string[]> {
    const rows: { golden_id: string }[] = await m.query(
      `SELECT DISTINCT golden_id FROM outbox WHERE status = 'dead' AND ($1::text IS NULL OR system = $1) AND ($2::text IS NULL OR entity_type = $2)`,
      [filter.system ?? null, filter.entityType ?? null],
    );
    return rows.map((r) => r.golden_id);
  }

  /** Every dead letter matching the filter that is still the newest row of its record, back to pending. */
  async replayDead(m: EntityManager, filter: { system?: string; entityType?: string }): Promise<number> {
    const [{ count }]: { count: number }[] = await m.query(
      `WITH upd AS (
         UPDATE outbox o SET status = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL, last_code = NULL,
                last_status = NULL, updated_at = now()
          WHERE o.status = 'dead' AND ($1::text IS NULL OR o.system = $1) AND ($2::text IS NULL OR o.entity_type = $2)
            AND ${NEWEST_FOR_RECORD}
          RETURNING 1)
       SELECT count(*)::int AS count FROM upd`,
      [filter.system ?? null, filter.entityType ?? null],
    );
    return count;
  }

  /** Rows of `system` waiting for their batch window, made due now in a manual window. */
  async flushWaiting(m: EntityManager, system: string): Promise<number> {
    const [{ count }]: { count: number }[] = await m.query(
      `WITH upd AS (
         UPDATE outbox SET next_attempt_at = now(), window_at = ${FLUSH_WINDOW_AT}, updated_at = now()
          WHERE system = $1 AND status = 'pending' AND next_attempt_at > now() AND attempts = 0
          RETURNING 1)
       SELECT count(*)::int AS count FROM upd`,
      [system],
    );
    return count;
  }

  /** Ledger entries by (system, golden id): a stable order to page through, unlike the last-updated time. */
  async ledger(filter: LedgerFilter, first?: number | null, after?: string | null): Promise<Page<LedgerRow>> {
    const size = pageSize(first);
    const [afterSystem, afterGolden] = after ? decodeKeysCursor(LEDGER_CURSOR_KIND, after, 2) : [null, null];
    const rows: LedgerRow[] = await this.dataSource.query(
      `SELECT system, entity_type, golden_id, external_id, last_sent_hash, last_sent_at, last_acked_hash, last_acked_at,
              last_outbox_id::text AS last_outbox_id, attempts, last_error, writes_in_window, paused_at
         FROM delivery_ledger
        WHERE ($1::text IS NULL OR system = $1) AND ($2::uuid IS NULL OR golden_id = $2)
          AND ($3::bool IS NULL OR (paused_at IS NOT NULL) = $3)
          AND ($4::text IS NULL OR (system, golden_id) > ($4::text, $5::uuid))
        ORDER BY system, golden_id LIMIT $6`,
      [filter.system ?? null, filter.goldenId ?? null, filter.paused ?? null, afterSystem, afterGolden, size + 1],
    );
    return toPage(rows, size, (r) => encodeKeysCursor(LEDGER_CURSOR_KIND, [r.system, r.golden_id]));
  }
}
