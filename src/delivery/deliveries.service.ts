import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, actorLabel } from '../admin/auth/actor';
import { AuditService } from '../admin/audit/audit.service';
import { DomainError, NotFoundError } from '../common/domain-error';
import { HubConfigService } from '../config/hub-config.service';
import type { DeliveryDetailView, DeliveryView, LedgerView } from './deliveries.dto';
import { FLUSH_WINDOW_AT, openManualWindow } from './batch-window.repository';
import { lockGolden } from '../golden-records/system-records/system-records.repository';
import type { DeliveryStatus } from './delivery.types';
import { OUTBOX_CHANNEL } from './outbox-enqueue.repository';

export interface DeliveryFilter {
  system?: string;
  status?: DeliveryStatus;
  entityType?: string;
  goldenId?: string;
  limit: number;
  before?: string;
}

const COLUMNS = `id::text AS id, system, entity_type, golden_id, golden_version, operation, status, attempts, next_attempt_at,
  last_error, last_code, last_status, idempotency_key, external_id, created_at, updated_at, delivered_at`;

interface Row {
  id: string; system: string; entity_type: string; golden_id: string; golden_version: number; operation: string; status: string;
  attempts: number; next_attempt_at: Date; last_error: string | null; last_code: string | null; last_status: number | null;
  idempotency_key: string | null; external_id: string | null; created_at: Date; updated_at: Date; delivered_at: Date | null;
  payload?: unknown; canonical?: unknown; mapping_errors?: unknown;
}

function toView(r: Row): DeliveryView {
  return {
    id: r.id, system: r.system, entityType: r.entity_type, goldenId: r.golden_id, goldenVersion: r.golden_version, operation: r.operation,
    status: r.status, attempts: r.attempts, nextAttemptAt: r.next_attempt_at, lastError: r.last_error, lastCode: r.last_code,
    lastStatus: r.last_status, idempotencyKey: r.idempotency_key, externalId: r.external_id, createdAt: r.created_at,
    updatedAt: r.updated_at, deliveredAt: r.delivered_at,
  };
}

/** A dead row is stale once a newer row for the same record and system exists: replaying it would write old state. */
const NEWEST_FOR_RECORD = `NOT EXISTS (SELECT 1 FROM outbox n WHERE n.system = o.system AND n.golden_id = o.golden_id AND n.id > o.id)`;

/** Deliveries, dead letters and the ledger for the admin API. Delivering itself is the worker's job. */
@Injectable()
export class DeliveriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly hubConfig: HubConfigService,
  ) {}

  /** Newest first; page with `before` = the last id of the previous page. */
  async list(filter: DeliveryFilter): Promise<DeliveryView[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.system) add('system = ?', filter.system);
    if (filter.status) add('status = ?', filter.status);
    if (filter.entityType) add('entity_type = ?', filter.entityType);
    if (filter.goldenId) add('golden_id = ?::uuid', filter.goldenId);
    if (filter.before) add('id < ?::bigint', filter.before);
    params.push(filter.limit);
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM outbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(toView);
  }

  async get(id: string): Promise<DeliveryDetailView> {
    const [row]: Row[] = await this.dataSource.query(`SELECT ${COLUMNS}, payload, canonical, mapping_errors FROM outbox WHERE id = $1::bigint`, [id]);
    if (!row) throw new NotFoundError('DELIVERY_NOT_FOUND', `no delivery ${id}`);
    return { ...toView(row), payload: row.payload, canonical: row.canonical, mappingErrors: row.mapping_errors ?? null };
  }

  /**
   * A dead letter or a paused row goes back to pending, due now, with its attempts reset; resuming a paused record
   * also closes its circuit breaker. Audited in the same transaction.
   */
  async retry(id: string, by: Actor): Promise<DeliveryView> {
    return this.dataSource.transaction(async (m: EntityManager) => {
      const [record]: { golden_id: string }[] = await m.query(`SELECT golden_id FROM outbox WHERE id = $1::bigint`, [id]);
      if (!record) throw new NotFoundError('DELIVERY_NOT_FOUND', `no delivery ${id}`);
      // The record's lock first, as the pipeline takes it before it enqueues: no newer row can appear before the
      // update, and no deadlock with a batch compressing into a paused row.
      await lockGolden(m, [record.golden_id]);
      const [before]: Row[] = await m.query(`SELECT ${COLUMNS} FROM outbox o WHERE id = $1::bigint FOR UPDATE`, [id]);
      if (before.status !== 'dead' && before.status !== 'paused') {
        throw new DomainError('DELIVERY_NOT_RETRYABLE', `delivery ${id} is ${before.status}; only dead or paused deliveries can be retried`, 'conflict');
      }
      const [newer]: { id: string; status: string }[] = await m.query(
        `SELECT id::text AS id, status FROM outbox WHERE system = $1 AND golden_id = $2 AND id > $3::bigint ORDER BY id DESC LIMIT 1`,
        [before.system, before.golden_id, id],
      );
      if (newer) {
        throw new DomainError(
          'DELIVERY_SUPERSEDED',
          `delivery ${newer.id} (${newer.status}) carries a newer state of this record for ${before.system}; retry that one instead`,
          'conflict',
        );
      }
      const [after]: Row[] = await m.query(
        `WITH upd AS (
           UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL, last_code = NULL,
                  last_status = NULL, updated_at = now()
            WHERE id = $1::bigint RETURNING *)
         SELECT ${COLUMNS} FROM upd`,
        [id],
      );
      await m.query(
        `UPDATE delivery_ledger SET paused_at = NULL, writes_in_window = 0, writes_window_start = NULL, updated_at = now()
          WHERE system = $1 AND golden_id = $2`,
        [before.system, before.golden_id],
      );
      await this.audit.record({
        actor: actorLabel(by), action: 'delivery.retry', target: `delivery:${id}`,
        before: { status: before.status, attempts: before.attempts, lastError: before.last_error },
        after: { status: 'pending', attempts: 0 },
      }, m);
      await m.query(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
      return toView(after);
    });
  }

  /** Every dead letter matching the filter (and still the newest row of its record) back to pending, in one statement. */
  async replay(filter: { system?: string; entityType?: string }, by: Actor): Promise<{ count: number }> {
    return this.dataSource.transaction(async (m: EntityManager) => {
      const dead: { golden_id: string }[] = await m.query(
        `SELECT DISTINCT golden_id FROM outbox WHERE status = 'dead' AND ($1::text IS NULL OR system = $1) AND ($2::text IS NULL OR entity_type = $2)`,
        [filter.system ?? null, filter.entityType ?? null],
      );
      await lockGolden(m, dead.map((d) => d.golden_id));
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
      await this.audit.record({
        actor: actorLabel(by), action: 'delivery.replay', target: filter.system ? `system:${filter.system}` : 'deliveries',
        after: { system: filter.system ?? null, entityType: filter.entityType ?? null, replayed: count },
      }, m);
      if (count > 0) await m.query(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
      return { count };
    });
  }

  /**
   * Opens a batch-mode system's window now: what waits for its schedule is sent at once (still compressed), as a
   * manual window with its own sync run.
   */
  async flush(system: string, by: Actor): Promise<{ count: number }> {
    const config = this.hubConfig.current().config.systems;
    if (!Object.hasOwn(config, system)) throw new NotFoundError('SYSTEM_NOT_FOUND', `no system ${system}`);
    return this.dataSource.transaction(async (m: EntityManager) => {
      const [{ count }]: { count: number }[] = await m.query(
        `WITH upd AS (
           UPDATE outbox SET next_attempt_at = now(), window_at = ${FLUSH_WINDOW_AT}, updated_at = now()
            WHERE system = $1 AND status = 'pending' AND next_attempt_at > now() AND attempts = 0
            RETURNING 1)
         SELECT count(*)::int AS count FROM upd`,
        [system],
      );
      // A system not in batch mode has a window only when rows left from an earlier batch schedule were flushed.
      if (count > 0 || config[system].schedule) await openManualWindow(m, system, actorLabel(by), count);
      await this.audit.record({ actor: actorLabel(by), action: 'delivery.flush', target: `system:${system}`, after: { flushed: count } }, m);
      if (count > 0) await m.query(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
      return { count };
    });
  }

  async ledger(filter: { system?: string; goldenId?: string; paused?: boolean; limit: number }): Promise<LedgerView[]> {
    const rows: LedgerRow[] = await this.dataSource.query(
      `SELECT system, entity_type, golden_id, external_id, last_sent_hash, last_sent_at, last_acked_hash, last_acked_at,
              last_outbox_id::text AS last_outbox_id, attempts, last_error, writes_in_window, paused_at
         FROM delivery_ledger
        WHERE ($1::text IS NULL OR system = $1) AND ($2::uuid IS NULL OR golden_id = $2)
          AND ($3::bool IS NULL OR (paused_at IS NOT NULL) = $3)
        ORDER BY updated_at DESC, system, golden_id LIMIT $4`,
      [filter.system ?? null, filter.goldenId ?? null, filter.paused ?? null, filter.limit],
    );
    return rows.map((r) => ({
      system: r.system, entityType: r.entity_type, goldenId: r.golden_id, externalId: r.external_id, lastSentHash: r.last_sent_hash,
      lastSentAt: r.last_sent_at, lastAckedHash: r.last_acked_hash, lastAckedAt: r.last_acked_at, lastOutboxId: r.last_outbox_id,
      attempts: r.attempts, lastError: r.last_error, writesInWindow: r.writes_in_window, pausedAt: r.paused_at,
    }));
  }
}

interface LedgerRow {
  system: string; entity_type: string; golden_id: string; external_id: string | null; last_sent_hash: string | null;
  last_sent_at: Date | null; last_acked_hash: string | null; last_acked_at: Date | null; last_outbox_id: string | null;
  attempts: number; last_error: string | null; writes_in_window: number; paused_at: Date | null;
}
