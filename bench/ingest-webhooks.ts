import { randomBytes } from 'node:crypto';
import { type BenchServer, countRows, createDatabase, fmt, runAsScript, startHub } from './bench-env';
import { cpuPerRequestInProcess, cpuSnapshot } from './cpu-meter';
import { profiled } from './cpu-profile';
import { runLoadInChild } from './load-runner';

/** Signed single webhooks per second accepted into the inbox (workers off: ingest only). */
export async function benchIngestWebhooks(server: BenchServer): Promise<string[]> {
  return (await measureIngestWebhooks(server)).lines;
}

export async function measureIngestWebhooks(server: BenchServer): Promise<{ reqPerSec: number; lines: string[] }> {
  const requests = Number(process.env.BENCH_WEBHOOKS ?? 30_000);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
  const db = await createDatabase(server.adminUrl);
  const hub = await startHub(db.url);
  try {
    // A short warm-up (JIT, pool connections), on its own ids; its rows are subtracted from the count.
    const warm = await runLoadInChild({ baseUrl: hub.baseUrl, kind: 'webhook', requests: 1_000, eventsPerRequest: 1, connections, runTag: `warm${randomBytes(3).toString('hex')}` });
    const cpu0 = cpuSnapshot([]);
    const { value: r, top } = await profiled(process.env.BENCH_PROFILE === '1', 'ingest-webhooks.cpuprofile', () =>
      runLoadInChild({ baseUrl: hub.baseUrl, kind: 'webhook', requests, eventsPerRequest: 1, connections, runTag: `run${randomBytes(3).toString('hex')}` }));
    const cpu = cpuPerRequestInProcess(cpu0, cpuSnapshot([]), r.requests);
    const rows = (await countRows(db.url, 'inbox_event')) - warm.ok2xx;
    const lines = [
      `ingest-webhooks [${server.label} ${server.version}] ${fmt(r.requests)} signed webhooks, ${connections} connections: `
        + `${fmt(r.reqPerSec)} req/s (2xx), p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts}; `
        + `inbox rows ${fmt(rows)} ${rows === r.ok2xx ? '= 2xx count (OK)' : `≠ 2xx count ${r.ok2xx} (MISMATCH)`}; signing took ${fmt(r.signMs)} ms before the clock`
        + (cpu ? `; ${cpu} (the hub is the server; the load generator's figure includes that signing)` : ''),
      ...top.map((t) => `  hub self time ${t}`),
    ];
    return { reqPerSec: r.reqPerSec, lines };
  } finally {
    await hub.close();
    await db.drop();
  }
}

if (require.main === module) runAsScript(benchIngestWebhooks);
