import type pg from 'pg';
import { expect } from 'vitest';
import { inboxByStatus, outboxByStatus, versionCounts } from './reliability';
import type { SystemStats } from '../../../examples/shared/rest-system';
import type { FakeSystem } from '../../fixtures/delivery/fake-system';

/** One write request a target answered: applied, or answered from its Idempotency-Key memory. */
export interface TargetWrite {
  key: string;
  applied: boolean;
}

export interface WriteCheck {
  /** write requests answered (refused by an injected fault: not counted) */
  received: number;
  /** writes applied */
  applied: number;
  /** requests answered from memory: a key sent again after the target had applied it */
  replayed: number;
  /** keys applied more than once */
  appliedTwice: string[];
  /** applied keys whose outbox row is neither delivered nor superseded after an unanswered attempt (a stray write) */
  appliedWithoutCause: string[];
  /** replayed keys whose row never had an unanswered attempt (`unacked`): nothing justified sending them again */
  replayedWithoutCause: string[];
  /** delivered outbox rows */
  delivered: number;
  /** delivered outbox rows whose key never reached the target */
  deliveredNotReceived: number;
}

/**
 * "Each delivery made once", from what a target received, against the hub's outbox: no key applied twice, every
 * applied write belongs to a row that was delivered (or handed its state on after an attempt whose answer was lost),
 * keys sent again only for such rows, and every delivered row really reached the target.
 */
export async function checkWrites(sql: pg.Pool, system: string, writes: TargetWrite[]): Promise<WriteCheck> {
  const { rows } = await sql.query(`SELECT id::text, status, unacked, idempotency_key FROM outbox WHERE system = $1`, [system]);
  const rowById = new Map(rows.map((r) => [r.id as string, r]));
  const rowOf = (key: string) => rowById.get(key.match(/^mdh-[^-]+-(\d+)(?:-\d+)?$/)?.[1] ?? '');
  const appliedCount = new Map<string, number>();
  for (const w of writes) if (w.applied) appliedCount.set(w.key, (appliedCount.get(w.key) ?? 0) + 1);
  const replayed = writes.filter((w) => !w.applied);
  const delivered = rows.filter((r) => r.status === 'delivered');
  const received = new Set(writes.map((w) => w.key));
  return {
    received: writes.length,
    applied: writes.length - replayed.length,
    replayed: replayed.length,
    appliedTwice: [...appliedCount].filter(([, n]) => n > 1).map(([k]) => k),
    appliedWithoutCause: [...appliedCount.keys()].filter((k) => {
      const row = rowOf(k);
      return !row || !(row.status === 'delivered' || (row.status === 'superseded' && row.unacked));
    }),
    replayedWithoutCause: [...new Set(replayed.map((w) => w.key))].filter((k) => !rowOf(k)?.unacked),
    delivered: delivered.length,
    deliveredNotReceived: delivered.filter((r) => !received.has(r.idempotency_key)).length,
  };
}

/** A FakeSystem applies the first request of each key and answers later ones from memory. */
export function fakeSystemWrites(target: FakeSystem): TargetWrite[] {
  const seen = new Set<string>();
  return target.requests
    .filter((r) => r.method !== 'GET' && r.done)
    .map((r) => {
      const key = r.idempotencyKey ?? '';
      const applied = !seen.has(key);
      seen.add(key);
      return { key, applied };
    });
}

/** A demo system's request log (complete only below its 5,000-entry cap: callers check `complete`). */
export function demoSystemWrites(stats: SystemStats): { writes: TargetWrite[]; complete: boolean } {
  const total = Object.values(stats.received).reduce((sum, row) => sum + Object.values(row).reduce((s, n) => s + n, 0), 0);
  const writes = stats.requests
    .filter((r) => r.outcome === 'applied' || r.outcome === 'replayed')
    .map((r) => ({ key: r.idempotencyKey ?? '', applied: r.outcome === 'applied' }));
  return { writes, complete: total === stats.requests.length };
}

/**
 * Per record (by e-mail), the first names a FakeSystem applied, in order: `v3` after `v5` is a record that went
 * back in time. Returns the e-mails where that happened.
 */
export function fakeSystemOutOfOrder(target: FakeSystem): string[] {
  const seen = new Set<string>();
  const last = new Map<string, number>();
  const bad = new Set<string>();
  for (const r of target.requests) {
    if (r.method === 'GET' || !r.done || seen.has(r.idempotencyKey ?? '')) continue;
    seen.add(r.idempotencyKey ?? '');
    const email = String(r.body?.email ?? '');
    const generation = Number(String(r.body?.firstName).replace(/^v/, ''));
    if ((last.get(email) ?? -1) > generation) bad.add(email);
    last.set(email, Math.max(generation, last.get(email) ?? -1));
  }
  return [...bad];
}

/** Records a FakeSystem holds, and how many distinct e-mail addresses among them (a duplicate create shows). */
export function fakeSystemRecords(target: FakeSystem): { records: number; distinctEmails: number } {
  return { records: target.records.size, distinctEmails: new Set([...target.records.values()].map((r) => String(r.email))).size };
}

/**
 * The FakeSystem target after a run: one record per golden record, each holding the final first name, written in
 * version order, each delivery applied once. Returns the counts for the summary line.
 */
export async function expectFakeTargetConverged(target: FakeSystem, sql: pg.Pool, system: string, records: number, finalFirstName: string) {
  const held = fakeSystemRecords(target);
  expect(held).toEqual({ records, distinctEmails: records });
  expect([...target.records.values()].filter((r) => r.firstName !== finalFirstName)).toEqual([]);
  expect(fakeSystemOutOfOrder(target)).toEqual([]);
  const w = await checkWrites(sql, system, fakeSystemWrites(target));
  expect(w).toMatchObject({ appliedTwice: [], appliedWithoutCause: [], deliveredNotReceived: 0 });
  // A key sent again and answered from the target's idempotency memory (not applied) is fine only for a row retried
  // after its first attempt was cut off: the retry that delivered it cleared the row's "maybe applied" mark.
  const replayedRows = w.replayedWithoutCause.map((k) => k.replace(/^mdh-[^-]+-(\d+)(?:-\d+)?$/, '$1'));
  const { rows: retried } = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE id = ANY($1::bigint[]) AND attempts >= 2`, [replayedRows]);
  expect(retried[0].n, `replayed without a retry: ${w.replayedWithoutCause.join(', ')}`).toBe(replayedRows.length);
  return { targetReceived: w.received, targetApplied: w.applied, targetReplayed: w.replayed, targetRecords: held.records, outOfOrder: 0 };
}

/**
 * The end state both the kill -9 and the database-restart runs must reach: every accepted change applied once,
 * one version each, no gap, every record at its last update, nothing left to deliver, and the target holding
 * exactly that. Returns the counts for the summary line.
 */
export async function expectEveryChangeOnce(sql: pg.Pool, target: FakeSystem, run: { accepted: number; records: number; changes: number; updates: number }) {
  expect(run.accepted).toBe(run.changes);
  expect(await inboxByStatus(sql)).toEqual({ applied: run.changes });
  const v = await versionCounts(sql);
  expect(v).toEqual({
    records: run.records, versions: run.changes, gapped: 0, applied: run.changes, changedGolden: run.changes, changedGoldenOnce: run.changes, strayVersions: 0,
  });
  const last = `v${run.updates - 1}`;
  const { rows } = await sql.query(`SELECT count(*)::int AS n FROM golden_record WHERE data->>'firstName' = $1 AND version = $2`, [last, run.updates]);
  expect(rows[0].n).toBe(run.records);
  const outbox = await outboxByStatus(sql, 'T');
  expect(Object.keys(outbox).filter((s) => s !== 'delivered' && s !== 'superseded')).toEqual([]);
  const t = await expectFakeTargetConverged(target, sql, 'T', run.records, last);
  return { accepted: run.accepted, applied: v.applied, versions: v.versions, gapped: v.gapped, outboxDelivered: outbox.delivered ?? 0, outboxSuperseded: outbox.superseded ?? 0, ...t };
}
