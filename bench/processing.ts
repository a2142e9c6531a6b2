import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { INBOX_LOOPS, InboxWorkerService } from '../src/golden-records/pipeline/inbox-worker.service';
import { type BenchServer, createDatabase, fmt, runAsScript, startHub } from './bench-env';
import { profiled } from './cpu-profile';
import { baseEvents, mixEvents, type MixPlan, postInterleaved } from './mix';
import { drainRaw } from './raw-pipeline';
import { measureRawSetLimit } from './raw-set-limit';
import { startSqlTiming, stopSqlTiming } from './sql-timing';

/**
 * Inbox → golden versions + outbox rows: the hub's InboxWorkerService.drain() against a raw-SQL pipeline doing
 * the same row writes, both from identical copies of the same database (CREATE DATABASE … TEMPLATE).
 * The hub drains with as many batches in progress as its running workers have (INBOX_LOOPS, two: one decides in
 * memory while the other waits on the database); BENCH_DRAIN_LOOPS=1 drains one batch after another.
 */

const BATCH_SIZE = 500;
export const DRAIN_LOOPS = Number(process.env.BENCH_DRAIN_LOOPS ?? INBOX_LOOPS);

/** Until nothing is left: DRAIN_LOOPS drains at once, each taking batches until it finds none it can take. */
export async function drainHub(worker: InboxWorkerService): Promise<number> {
  const handled = await Promise.all(Array.from({ length: DRAIN_LOOPS }, () => worker.drain()));
  return handled.reduce((a, b) => a + b, 0);
}

export interface Tally { versions: number; outbox: number; conflicts: number; statuses: string }

export async function tally(url: string): Promise<Tally> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const one = async (sql: string) => (await c.query<{ n: number }>(sql)).rows[0].n;
    const { rows } = await c.query<{ status: string; reason: string; n: number }>(
      `SELECT status, coalesce(reason, '') AS reason, count(*)::int AS n FROM inbox_event WHERE event_id LIKE 'mix%' GROUP BY 1, 2 ORDER BY 3 DESC`);
    return {
      versions: await one('SELECT count(*)::int AS n FROM golden_version'),
      outbox: await one('SELECT count(*)::int AS n FROM outbox'),
      conflicts: await one('SELECT count(*)::int AS n FROM conflict'),
      statuses: rows.map((r) => `${r.status}/${r.reason}: ${r.n}`).join(', '),
    };
  } finally {
    await c.end();
  }
}

export function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export async function closeQuietly(close: () => Promise<void>): Promise<void> {
  await close();
  // Let the pool's sockets finish closing before the database is used as a template.
  await new Promise((r) => setTimeout(r, 300));
}

export async function vacuum(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query('VACUUM (ANALYZE)').finally(() => c.end());
}

/** Waits for a quiet server between timed runs: a checkpoint, then no autovacuum worker (at most 20 s). */
export async function settle(adminUrl: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query('CHECKPOINT');
    for (let i = 0; i < 40; i++) {
      const { rows } = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'`);
      if (rows[0].n === 0) return;
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await c.end();
  }
}

interface Run { side: 'hub' | 'raw'; events: number; ms: number; delta: Tally & { statusesAfter: string }; top: string[] }

async function timedRun(server: BenchServer, template: string, before: Tally, side: 'hub' | 'raw', profile: boolean): Promise<Run> {
  const copy = await createDatabase(server.adminUrl, template);
  try {
    await settle(server.adminUrl);
    let events: number;
    let ms: number;
    let top: string[] = [];
    if (profile) startSqlTiming();
    if (side === 'hub') {
      const hub = await startHub(copy.url);
      const worker = hub.app.get(InboxWorkerService, { strict: false });
      gc();
      const t0 = performance.now();
      const result = await profiled(profile, path.join(tmpdir(), `bench-drain-${server.label}.cpuprofile`), () => drainHub(worker));
      ms = performance.now() - t0;
      events = result.value;
      top = result.top;
      await closeQuietly(hub.close);
    } else {
      gc();
      const t0 = performance.now();
      events = await drainRaw(copy.url, BATCH_SIZE);
      ms = performance.now() - t0;
    }
    if (profile) top = [...top, ...stopSqlTiming()];
    const after = await tally(copy.url);
    return {
      side, events, ms, top,
      delta: { versions: after.versions - before.versions, outbox: after.outbox - before.outbox, conflicts: after.conflicts - before.conflicts, statuses: before.statuses, statusesAfter: after.statuses },
    };
  } finally {
    await copy.drop();
  }
}

function describe(r: Run): string {
  const rate = r.events / (r.ms / 1000);
  return `  ${r.side === 'hub' ? `hub drain() × ${DRAIN_LOOPS}` : 'raw SQL        '}: ${fmt(r.events)} events in ${fmt(r.ms)} ms = ${fmt(rate)} changes/s; +${fmt(r.delta.versions)} versions, `
    + `+${fmt(r.delta.outbox)} outbox rows, +${fmt(r.delta.conflicts)} conflicts`;
}

export async function benchProcessing(server: BenchServer): Promise<string[]> {
  const plan: MixPlan = { base: Number(process.env.BENCH_BASE ?? 10_000), total: Number(process.env.BENCH_EVENTS ?? 20_000) };
  const profile = process.env.BENCH_PROFILE === '1';
  const db = await createDatabase(server.adminUrl);
  try {
    // Setup, untimed: base records in both systems, processed; then the mix, stored in the inbox only.
    // This database is then only a template: every timed run gets its own identical copy.
    const hub = await startHub(db.url);
    await postInterleaved(hub.baseUrl, baseEvents(plan), 5_000, 'base');
    await hub.app.get(InboxWorkerService, { strict: false }).drain();
    const { events, counts } = mixEvents(plan);
    await postInterleaved(hub.baseUrl, events, 1_000, 'mix');
    await closeQuietly(hub.close);
    // Hint bits, visibility map and statistics set once here, not by whichever timed run reads the copy first.
    await vacuum(db.url);
    const before = await tally(db.url);

    // ABBA order, so whatever the server does after a run (autovacuum, checkpoints) weighs on both sides.
    const runs: Run[] = [];
    for (const side of ['hub', 'raw', 'raw', 'hub'] as const) runs.push(await timedRun(server, db.name, before, side, profile && runs.length < 2));
    const rate = (side: 'hub' | 'raw') => {
      const mine = runs.filter((r) => r.side === side);
      return mine.reduce((a, r) => a + r.events, 0) / (mine.reduce((a, r) => a + r.ms, 0) / 1000);
    };
    const hubRuns = runs.filter((r) => r.side === 'hub');
    const lines = [
      `processing [${server.label} ${server.version}] base ${fmt(plan.base)} records in A and B; mix ${fmt(plan.total)} events (updates ${counts.updates}, `
        + `new ${counts.creates}, conflicting ${counts.conflicting}, deletes ${counts.deletes}); batches of ${BATCH_SIZE}; runs in order hub, raw, raw, hub`
        + `${profile ? ' (first hub and raw runs PROFILED: slower)' : ''}`,
      ...runs.map(describe),
      `  hub outcomes: ${hubRuns[hubRuns.length - 1].delta.statusesAfter}`,
      `  mean: hub ${fmt(rate('hub'))} changes/s, raw ${fmt(rate('raw'))} changes/s, hub/raw = ${(rate('hub') / rate('raw')).toFixed(2)} (target ≥ 0.50)`,
    ];
    // Issue 14's yardstick: one change's write set as set-based statements (raw-set-limit.ts), in the same sitting.
    const set = await measureRawSetLimit(server, plan.total);
    lines.push(`  set-based raw limit (same run): creates ${fmt(set.createsPerS)}/s, updates ${fmt(set.updatesPerS)}/s; `
      + `hub = ${(rate('hub') / set.createsPerS).toFixed(2)} × creates, ${(rate('hub') / set.updatesPerS).toFixed(2)} × updates (target ≥ 0.50)`);
    for (const r of runs.filter((x) => x.top.length)) lines.push(`  ${r.side} profile (CPU: ${path.join(tmpdir(), `bench-drain-${server.label}.cpuprofile`)}):`, ...r.top.map((t) => `    ${t}`));
    return lines;
  } finally {
    await db.drop();
  }
}

if (require.main === module) runAsScript(benchProcessing);
