import { randomBytes } from 'node:crypto';
import { type BenchServer, countRows, createDatabase, fmt, runAsScript, startHub } from './bench-env';
import { runLoadInChild } from './load-runner';

/** Changes per second through POST /webhooks/{system}/batch, at 1,000 and 5,000 events per request. */
export async function benchIngestBatch(server: BenchServer): Promise<string[]> {
  const connections = Number(process.env.BENCH_BATCH_CONNECTIONS ?? 2);
  const lines: string[] = [];
  for (const [size, requests] of [[1_000, 150], [5_000, 40]] as const) {
    const db = await createDatabase(server.adminUrl);
    const hub = await startHub(db.url);
    try {
      const r = await runLoadInChild({ baseUrl: hub.baseUrl, kind: 'batch', requests, eventsPerRequest: size, connections, runTag: `b${randomBytes(3).toString('hex')}` });
      const rows = await countRows(db.url, 'inbox_event');
      const changes = r.ok2xx * size;
      lines.push(
        `ingest-batch [${server.label} ${server.version}] ${requests} requests × ${fmt(size)} events, ${connections} connections: `
          + `${fmt(changes / r.durationS)} changes/s (${fmt(r.reqPerSec, 1)} req/s), p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms per request, `
          + `non-2xx ${r.non2xx}, errors ${r.errors}; inbox rows ${fmt(rows)} ${rows === changes ? '= accepted (OK)' : `≠ ${changes} (MISMATCH)`}`,
      );
    } finally {
      await hub.close();
      await db.drop();
    }
  }
  return lines;
}

if (require.main === module) runAsScript(benchIngestBatch);
