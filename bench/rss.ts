import pg from 'pg';
import { type BenchServer, createDatabase, fmt, runAsScript } from './bench-env';
import { percentile, sampleRss, spawnHubChild } from './hub-child';
import { runLoadInChild } from './load-runner';
import { startTargetServer } from './target-server';

/**
 * The hub's resident memory under full load: signed webhooks as fast as a forked autocannon client sends them,
 * processed and delivered at the same time (workers on, every event a new person, so every one becomes a
 * write to the other system). The hub is a child process (dist/src/main.js), so the RSS is its own; sampled
 * from /proc/<pid>/status every 500 ms during the load and while the backlog drains afterwards.
 */

async function backlog(c: pg.Client): Promise<{ inbox: number; outbox: number }> {
  const { rows } = await c.query<{ inbox: number; outbox: number }>(
    `SELECT (SELECT count(*)::int FROM inbox_event WHERE status = 'pending') AS inbox,
            (SELECT count(*)::int FROM outbox WHERE status IN ('pending', 'in_flight')) AS outbox`);
  return rows[0];
}

const mib = (bytes: number) => `${fmt(bytes / 2 ** 20)} MiB`;

/** V8 heap in use and external memory, from the hub's /metrics (prom-client's default metrics). */
async function heap(baseUrl: string): Promise<string> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const metric = (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1]);
  return `heap used ${mib(metric('nodejs_heap_size_used_bytes'))} of ${mib(metric('nodejs_heap_size_total_bytes'))}, external ${mib(metric('nodejs_external_memory_bytes'))}`;
}

function timeline(samples: { t: number; rss: number }[], from: number): number[] {
  const out: number[] = [];
  for (const s of samples) {
    const slot = Math.floor((s.t - from) / 5_000);
    if (slot >= 0 && out[slot] === undefined) out[slot] = Math.round(s.rss / 2 ** 20);
  }
  return out.filter((v) => v !== undefined);
}

export async function benchRss(server: BenchServer): Promise<string[]> {
  const requests = Number(process.env.BENCH_RSS_REQUESTS ?? 40_000);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
  const drainCapS = Number(process.env.BENCH_RSS_DRAIN_SECONDS ?? 180);
  const db = await createDatabase(server.adminUrl);
  const target = await startTargetServer();
  const c = new pg.Client({ connectionString: db.url });
  let hub;
  let sampler;
  try {
    hub = await spawnHubChild(db.url, { BENCH_TARGET_URL: target.baseUrl });
    await c.connect();
    await new Promise((r) => setTimeout(r, 2_000));
    sampler = sampleRss(hub.pid);
    const idle = sampler.samples[sampler.samples.length - 1].rss;
    const loadStart = performance.now();
    const load = await runLoadInChild({ baseUrl: hub.baseUrl, kind: 'webhook', requests, eventsPerRequest: 1, connections, runTag: `rss${Date.now()}` });
    const loadEnd = performance.now();
    const atLoadEnd = await backlog(c);
    const heapAtLoadEnd = await heap(hub.baseUrl);
    let left = atLoadEnd;
    while ((left.inbox > 0 || left.outbox > 0) && performance.now() - loadEnd < drainCapS * 1000) {
      await new Promise((r) => setTimeout(r, 1_000));
      left = await backlog(c);
    }
    const drainEnd = performance.now();
    const heapAtDrainEnd = await heap(hub.baseUrl);
    sampler.stop();
    const during = sampler.samples.filter((s) => s.t >= loadStart && s.t <= loadEnd).map((s) => s.rss);
    const secondHalf = sampler.samples.filter((s) => s.t >= (loadStart + loadEnd) / 2 && s.t <= loadEnd).map((s) => s.rss).sort((a, b) => a - b);
    const draining = sampler.samples.filter((s) => s.t > loadEnd).map((s) => s.rss);
    const peak = Math.max(...during, ...draining);
    const { rows } = await c.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM outbox GROUP BY 1 ORDER BY 1');
    return [
      `rss [${server.label} ${server.version}] hub child process, workers on, ${fmt(requests)} signed webhooks (A and B alternating, each a new person `
        + `delivered to the other system), ${connections} connections; RSS sampled every 500 ms (${fmt(sampler.samples.length)} samples)`,
      `  load: ${fmt(load.ok2xx)} accepted in ${fmt(load.durationS, 1)} s = ${fmt(load.reqPerSec)} req/s (non-2xx ${load.non2xx}, errors ${load.errors}); `
        + `backlog at its end: inbox ${fmt(atLoadEnd.inbox)}, outbox ${fmt(atLoadEnd.outbox)}; drained ${left.inbox + left.outbox === 0 ? 'in' : 'NOT within'} `
        + `${fmt((drainEnd - loadEnd) / 1000, 1)} s; outbox ${rows.map((r) => `${r.status}: ${fmt(r.n)}`).join(', ')}; target received ${fmt(target.writes)} writes`,
      `  RSS: idle after boot ${mib(idle)}; during load steady (median of 2nd half) ${mib(percentile(secondHalf, 50))}, max ${mib(Math.max(...during))}; `
        + `while draining max ${mib(draining.length ? Math.max(...draining) : NaN)}; peak ${mib(peak)} (target < 300 MB = ${mib(300e6)})`,
      `  V8 at the end of the load: ${heapAtLoadEnd}; after draining: ${heapAtDrainEnd}`,
      `  RSS every 5 s from the start of the load (MiB): ${timeline(sampler.samples, loadStart).join(' ')}`,
    ];
  } finally {
    sampler?.stop();
    await c.end().catch(() => undefined);
    await hub?.stop();
    await target.close();
    await db.drop();
  }
}

if (require.main === module) runAsScript(benchRss);
