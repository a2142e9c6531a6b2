import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type Actor, actorLabel } from '../admin/auth/actor';
import { AuditService } from '../admin/audit/audit.service';
import { DomainError, NotFoundError, ValidationError } from '../common/domain-error';
import { type Page, uuidFilter } from '../common/page-cursor';
import { HubConfigService } from '../config/hub-config.service';
import type { DeliveryDetailView, DeliveryView, LedgerView } from './deliveries.dto';
import { DeliveriesRepository, type DeliveryFilter, type DeliveryRow, type LedgerFilter } from './deliveries.repository';
import { openManualWindow } from './batch-window.repository';
import { lockGolden } from '../golden-records/system-records/system-records.repository';
import { OUTBOX_CHANNEL } from './outbox-enqueue.repository';

export type { DeliveryFilter, LedgerFilter } from './deliveries.repository';

// bigserial ids as decimal strings; 18 digits keeps every accepted value inside bigint.
export const DELIVERY_ID_PATTERN = /^[1-9]\d{0,17}$/;

function toView(r: DeliveryRow): DeliveryView {
  return {
    id: r.id, system: r.system, entityType: r.entity_type, goldenId: r.golden_id, goldenVersion: r.golden_version, operation: r.operation,
    status: r.status, attempts: r.attempts, nextAttemptAt: r.next_attempt_at, lastError: r.last_error, lastCode: r.last_code,
    lastStatus: r.last_status, idempotencyKey: r.idempotency_key, externalId: r.external_id, createdAt: r.created_at,
    updatedAt: r.updated_at, deliveredAt: r.delivered_at,
  };
}

/** Deliveries, dead letters and the ledger for the admin API (REST and GraphQL). Delivering itself is the worker's job. */
@Injectable()
export class DeliveriesService {
  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly audit: AuditService,
    private readonly hubConfig: HubConfigService,
  ) {}

  /** Newest first; `status: dead` lists the dead letters. */
  async list(filter: DeliveryFilter, first?: number | null, after?: string | null): Promise<Page<DeliveryView>> {
    const page = await this.deliveries.list({ ...filter, goldenId: uuidFilter('goldenId', filter.goldenId) }, first, after);
    return { ...page, items: page.items.map(toView) };
  }

  async find(id: string): Promise<DeliveryDetailView | null> {
    const row = await this.deliveries.find(checkId(id));
    return row ? { ...toView(row), payload: row.payload, canonical: row.canonical, mappingErrors: row.mapping_errors ?? null } : null;
  }

  async get(id: string): Promise<DeliveryDetailView> {
    const found = await this.find(id);
    if (!found) throw new NotFoundError('DELIVERY_NOT_FOUND', `no delivery ${id}`);
    return found;
  }

  /**
   * A dead letter or a paused row goes back to pending, due now, with its attempts reset; resuming a paused record
   * also closes its circuit breaker. Audited in the same transaction.
   */
  async retry(id: string, by: Actor): Promise<DeliveryView> {
    checkId(id);
    return this.deliveries.transaction(async (m: EntityManager) => {
      const goldenId = await this.deliveries.goldenIdOf(m, id);
      if (!goldenId) throw new NotFoundError('DELIVERY_NOT_FOUND', `no delivery ${id}`);
      // The record's lock first, as the pipeline takes it before it enqueues: no newer row can appear before the
      // update, and no deadlock with a batch compressing into a paused row.
      await lockGolden(m, [goldenId]);
      const before = await this.deliveries.lock(m, id);
      if (before.status !== 'dead' && before.status !== 'paused') {
        throw new DomainError('DELIVERY_NOT_RETRYABLE', `delivery ${id} is ${before.status}; only dead or paused deliveries can be retried`, 'conflict');
      }
      const newer = await this.deliveries.newerOf(m, before);
      if (newer) {
        throw new DomainError(
          'DELIVERY_SUPERSEDED',
          `delivery ${newer.id} (${newer.status}) carries a newer state of this record for ${before.system}; retry that one instead`,
          'conflict',
        );
      }
      const after = await this.deliveries.resetForRetry(m, before);
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
  async replay(filter: { system?: string | null; entityType?: string | null }, by: Actor): Promise<{ count: number }> {
    const f = { system: filter.system ?? undefined, entityType: filter.entityType ?? undefined };
    return this.deliveries.transaction(async (m: EntityManager) => {
      await lockGolden(m, await this.deliveries.deadGoldenIds(m, f));
      const count = await this.deliveries.replayDead(m, f);
      await this.audit.record({
        actor: actorLabel(by), action: 'delivery.replay', target: f.system ? `system:${f.system}` : 'deliveries',
        after: { system: f.system ?? null, entityType: f.entityType ?? null, replayed: count },
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
    return this.deliveries.transaction(async (m: EntityManager) => {
      const count = await this.deliveries.flushWaiting(m, system);
      // A system not in batch mode has a window only when rows left from an earlier batch schedule were flushed.
      if (count > 0 || config[system].schedule) await openManualWindow(m, system, actorLabel(by), count);
      await this.audit.record({ actor: actorLabel(by), action: 'delivery.flush', target: `system:${system}`, after: { flushed: count } }, m);
      if (count > 0) await m.query(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
      return { count };
    });
  }

  async ledger(filter: LedgerFilter, first?: number | null, after?: string | null): Promise<Page<LedgerView>> {
    const page = await this.deliveries.ledger({ ...filter, goldenId: uuidFilter('goldenId', filter.goldenId) }, first, after);
    return {
      ...page,
      items: page.items.map((r) => ({
        system: r.system, entityType: r.entity_type, goldenId: r.golden_id, externalId: r.external_id, lastSentHash: r.last_sent_hash,
        lastSentAt: r.last_sent_at, lastAckedHash: r.last_acked_hash, lastAckedAt: r.last_acked_at, lastOutboxId: r.last_outbox_id,
        attempts: r.attempts, lastError: r.last_error, writesInWindow: r.writes_in_window, pausedAt: r.paused_at,
      })),
    };
  }
}

/** GraphQL ids arrive unchecked (REST checks them in the DTO): a non-numeric id must be a 400, not a SQL error. */
function checkId(id: string): string {
  if (!DELIVERY_ID_PATTERN.test(id)) {
    throw new ValidationError('INVALID_ID', 'the delivery id must be a positive integer', [{ path: 'id', message: 'must be a delivery id' }]);
  }
  return id;
}
