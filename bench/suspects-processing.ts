import path from 'node:path';
import pg from 'pg';
import { InboxWorkerService } from '../src/golden-records/pipeline/inbox-worker.service';
import { type BenchServer, createDatabase, fmt, runAsScript, startHub } from './bench-env';
import { baseEvents, mixEvents, type MixPlan, postInterleaved } from './mix';
import { closeQuietly, gc, settle, vacuum } from './processing';
import { startSqlTiming, stopSqlTiming } from './sql-timing';
import { profiled as cpuProfiled } from './cpu-profile';
import { tmpdir } from 'node:os';

/**
 * bench/processing's workload (base persons in A and B, then the mix of updates, creates, conflicting edits and
 * deletes) drained by the hub with similarity rules on contacts (suspects-config.yaml) and without
 * (bench-config.yaml), each from an identical copy of one template database, in the order off, on, on, off.
 * The template is built WITH the rules, so the base records carry their blocking keys; the runs without rules
 * simply never read them.
 */

const SUSPECTS_CONFIG = path.resolve(__dirname, '../../bench/suspects-config.yaml');

async function suspects(url: string): Promise<{ open: number; blocks: number }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const n = async (sql: string) => (await c.query<{ n: number }>(sql)).rows[0].n;
    return { open: await n(`SELECT count(*)::int AS n FROM match_suspect WHERE status = 'open'`), blocks: await n('SELECT count(*)::int AS n FROM match_block') };
  } finally {
    await c.end();
  }
}

export async function benchSuspectsProcessing(server: BenchServer): Promise<string[]> {
  const plan: MixPlan = { base: Number(process.env.BENCH_BASE ?? 10_000), total: Number(process.env.BENCH_EVENTS ?? 20_000) };
  const db = await createDatabase(server.adminUrl);
  try {
    const hub = await startHub(db.url, { HUB_CONFIG: SUSPECTS_CONFIG });
    await postInterleaved(hub.baseUrl, baseEvents(plan), 5_000, 'base');
    await hub.app.get(InboxWorkerService, { strict: false }).drain();
    const { events } = mixEvents(plan);
    await postInterleaved(hub.baseUrl, events, 1_000, 'mix');
    await closeQuietly(hub.close);
    await vacuum(db.url);
    const before = await suspects(db.url);

    const profile = process.env.BENCH_PROFILE === '1';
    const sqlLines: string[] = [];
    const runs: { rules: boolean; events: number; ms: number; after: { open: number; blocks: number } }[] = [];
    for (const rules of [false, true, true, false]) {
      const copy = await createDatabase(server.adminUrl, db.name);
      try {
        await settle(server.adminUrl);
        const run = await startHub(copy.url, rules ? { HUB_CONFIG: SUSPECTS_CONFIG } : {});
        const worker = run.app.get(InboxWorkerService, { strict: false });
        gc();
        // BENCH_PROFILE=1: SQL time per statement of the first run of each side (slower: not for the figures).
        const profiled = profile && !runs.some((r) => r.rules === rules);
        if (profiled) startSqlTiming();
        const t0 = performance.now();
        const { value: events, top } = await cpuProfiled(profiled, path.join(tmpdir(), `bench-suspects-${rules ? 'with' : 'without'}.cpuprofile`), () => worker.drain());
        const ms = performance.now() - t0;
        if (profiled) {
          sqlLines.push(`  SQL of the first run ${rules ? 'with' : 'without'} rules:`, ...stopSqlTiming().map((l) => `    ${l}`));
          sqlLines.push(`  CPU of the first run ${rules ? 'with' : 'without'} rules:`, ...top.map((l) => `    ${l}`));
        }
        await closeQuietly(run.close);
        runs.push({ rules, events, ms, after: await suspects(copy.url) });
      } finally {
        await copy.drop();
      }
    }
    const rate = (rules: boolean) => {
      const mine = runs.filter((r) => r.rules === rules);
      return mine.reduce((a, r) => a + r.events, 0) / (mine.reduce((a, r) => a + r.ms, 0) / 1000);
    };
    const slower = 1 - rate(true) / rate(false);
    return [
      `suspects-processing [${server.label} ${server.version}] base ${fmt(plan.base)} persons in A and B (with blocking keys: ${fmt(before.blocks)} rows), `
        + `mix ${fmt(plan.total)} events, batches of 500; runs in order without, with, with, without`,
      ...runs.map((r) => `  ${r.rules ? 'with rules   ' : 'without rules'}: ${fmt(r.events)} events in ${fmt(r.ms)} ms = ${fmt(r.events / (r.ms / 1000))} changes/s; `
        + `open suspects after: ${fmt(r.after.open)}, blocking rows: ${fmt(r.after.blocks)}`),
      `  mean: without ${fmt(rate(false))} changes/s, with ${fmt(rate(true))} changes/s: ${(slower * 100).toFixed(1)} % slower (target ≤ 20 %)`,
      ...sqlLines,
    ];
  } finally {
    await db.drop();
  }
}

if (require.main === module) runAsScript(benchSuspectsProcessing);
