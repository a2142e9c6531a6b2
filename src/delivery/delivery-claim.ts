import type { EntityManager } from 'typeorm';
import { actorLabel, HUB_ACTOR } from '../admin/auth/actor';
import type { AuditService } from '../admin/audit/audit.service';
import { type ActiveConfig, bindingByEntityType } from '../config/active-config';
import { lockBreakers, recordSent, type SentEntry } from './delivery-ledger.repository';
import type { ClaimedDelivery } from './delivery.types';
import { BREAKER_MAX_WRITES_PER_WINDOW, BREAKER_WINDOW_MS, countWrite } from './domain/circuit-breaker';
import { echoHash } from './domain/echo-projection';
import { lockDueRows, markInFlight, markPaused, releaseExpiredLeases } from './outbox-claim.repository';
import { targetKey } from './target-state.repository';

export interface ClaimOptions {
  limit: number;
  leaseMs: number;
  now: Date;
}

export interface ClaimResult {
  claimed: ClaimedDelivery[];
  /** rows the circuit breaker paused instead of sending */
  paused: ClaimedDelivery[];
  released: number;
}

/**
 * One short transaction: return expired leases, lock due rows, run them through the circuit breaker, mark the
 * rest in flight and note in the ledger what is about to be sent. The systems are called after it commits.
 */
export async function claimDeliveries(m: EntityManager, active: ActiveConfig, audit: AuditService, opts: ClaimOptions): Promise<ClaimResult> {
  const released = await releaseExpiredLeases(m);
  const due = await lockDueRows(m, opts.limit);
  if (due.length === 0) return { claimed: [], paused: [], released };

  const breakers = await lockBreakers(m, due.map((r) => ({ system: r.system, goldenId: r.goldenId })));
  const claimed: ClaimedDelivery[] = [];
  const paused: ClaimedDelivery[] = [];
  const tripped: { row: ClaimedDelivery; writes: number }[] = [];
  const sent: SentEntry[] = [];
  for (const row of due) {
    const current = breakers.get(targetKey(row.system, row.goldenId));
    const base = { system: row.system, entityType: row.entityType, goldenId: row.goldenId, outboxId: row.id, attempts: row.attempts };
    if (current?.pausedAt) {
      paused.push(row);
      sent.push({ ...base, payloadHash: null, echoHash: null, windowStart: current.windowStart, writesInWindow: current.writesInWindow, pausedAt: current.pausedAt });
      continue;
    }
    const { window, trip } = countWrite({ start: current?.windowStart ?? null, writes: current?.writesInWindow ?? 0 }, opts.now);
    if (trip) {
      paused.push(row);
      tripped.push({ row, writes: window.writes });
      sent.push({ ...base, payloadHash: null, echoHash: null, windowStart: window.start, writesInWindow: window.writes, pausedAt: opts.now });
      continue;
    }
    claimed.push(row);
    const binding = bindingByEntityType(active, row.system, row.entityType);
    sent.push({
      ...base,
      payloadHash: row.payloadHash,
      echoHash: binding && row.operation === 'upsert' ? echoHash(binding, row.canonical) : null,
      windowStart: window.start,
      writesInWindow: window.writes,
      pausedAt: null,
    });
  }
  await markInFlight(m, claimed, opts.leaseMs);
  // Paused rows keep their attempts: a pause is not a failed attempt.
  await markPaused(m, paused.map((r) => r.id), `paused by the circuit breaker: more than ${BREAKER_MAX_WRITES_PER_WINDOW} writes of this record in ${BREAKER_WINDOW_MS / 1000} s; resume with POST /api/deliveries/{id}/retry`);
  await recordSent(m, sent.map((s) => (paused.some((p) => p.id === s.outboxId) ? { ...s, attempts: s.attempts - 1 } : s)));
  for (const { row, writes } of tripped) {
    await audit.record({
      actor: actorLabel(HUB_ACTOR),
      action: 'delivery.circuit-open',
      target: `delivery:${row.id}`,
      after: { system: row.system, entityType: row.entityType, goldenId: row.goldenId, writesInWindow: writes, windowSeconds: BREAKER_WINDOW_MS / 1000 },
    }, m);
  }
  return { claimed, paused, released };
}
