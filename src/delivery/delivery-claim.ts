import type { EntityManager } from 'typeorm';
import { actorLabel, HUB_ACTOR } from '../admin/auth/actor';
import type { AuditService } from '../admin/audit/audit.service';
import { type ActiveConfig, bindingByEntityType } from '../config/active-config';
import { updateWindows, type WindowChanges } from './batch-window.repository';
import { lockBreakers, recordSent, type SentEntry } from './ledger/delivery-ledger.repository';
import type { ClaimedDelivery } from './delivery.types';
import { BREAKER_MAX_WRITES_PER_WINDOW, BREAKER_WINDOW_MS, countWrite } from './domain/circuit-breaker';
import { echoHash } from './domain/echo-projection';
import { CLAIM_ORPHANED_MESSAGE, goneClaimHolders, LEASE_EXPIRED_MESSAGE, lockDueRows, markInFlight, markPaused, type ReleasedLease, releaseExpiredLeases } from './outbox-claim.repository';
import { targetKey } from './domain/target-key';

export interface ClaimOptions {
  limit: number;
  leaseMs: number;
  now: Date;
  /** this process's liveness key: its claims are tagged with it */
  holder?: number;
  /** look for claims of processes that are gone (a few lock attempts; done about once a second, not every claim) */
  checkHolders?: boolean;
}

export interface ClaimResult {
  claimed: ClaimedDelivery[];
  /** rows the circuit breaker paused instead of sending */
  paused: ClaimedDelivery[];
  released: number;
}

/**
 * One short transaction: return expired leases and the claims of processes that are gone, lock due rows, run them through the circuit breaker, mark the
 * rest in flight and note in the ledger what is about to be sent, then count the rows in their batch windows.
 * The systems are called after it commits.
 */
export async function claimDeliveries(m: EntityManager, active: ActiveConfig, audit: AuditService, opts: ClaimOptions): Promise<ClaimResult> {
  const gone = opts.checkHolders ? await goneClaimHolders(m, opts.holder) : [];
  const expired = await releaseExpiredLeases(m, gone);
  const released = expired.length;
  const due = await lockDueRows(m, opts.limit);
  if (due.length === 0) {
    await updateWindows(m, windowChanges([], [], expired));
    return { claimed: [], paused: [], released };
  }

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
    const binding = bindingByEntityType(active, row.system, row.entityType);
    const echo = binding && row.operation === 'upsert' ? echoHash(binding, row.canonical) : null;
    // Read with the row, in this transaction: the version belongs to the state the row's payload was merged from.
    claimed.push({ ...row, remoteVersion: current?.remoteVersion ?? null, remoteExternalId: current?.remoteExternalId ?? null, echoHash: echo });
    sent.push({
      ...base,
      payloadHash: row.payloadHash,
      echoHash: echo,
      windowStart: window.start,
      writesInWindow: window.writes,
      pausedAt: null,
    });
  }
  await markInFlight(m, claimed, opts.leaseMs, opts.holder);
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
  // Last: window locks come after every other lock of the transaction (see updateWindows).
  await updateWindows(m, windowChanges(claimed, paused, expired));
  return { claimed, paused, released };
}

/** Claimed and paused rows join their windows; paused rows and lost attempts also leave them at once. */
function windowChanges(claimed: ClaimedDelivery[], paused: ClaimedDelivery[], expired: ReleasedLease[]): WindowChanges {
  const changes: WindowChanges = { joined: [], settled: [] };
  for (const r of claimed) if (r.windowAt) changes.joined.push({ system: r.system, windowAt: r.windowAt, entityType: r.entityType, paused: false });
  for (const r of paused) {
    if (!r.windowAt) continue;
    const at = { system: r.system, windowAt: r.windowAt, entityType: r.entityType };
    changes.joined.push({ ...at, paused: true });
    changes.settled.push({ ...at, goldenId: r.goldenId, outcome: 'paused', code: 'CIRCUIT_OPEN', message: 'paused by the circuit breaker', status: null });
  }
  for (const r of expired) {
    if (!r.windowAt) continue;
    changes.settled.push({
      system: r.system, windowAt: r.windowAt, entityType: r.entityType, goldenId: r.goldenId, outcome: 'retry',
      code: r.code, message: r.code === 'LEASE_EXPIRED' ? LEASE_EXPIRED_MESSAGE : CLAIM_ORPHANED_MESSAGE, status: null,
    });
  }
  return changes;
}
