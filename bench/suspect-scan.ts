import { randomUUID } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { type BenchServer, createDatabase, fmt, runAsScript, startHub } from './bench-env';
import { profiled } from './cpu-profile';
import { names, personAt } from './suspect-lookup';

/**
 * The suspect scan over existing records: BENCH_SCAN_RECORDS golden contacts (default 100,000) written before the
 * similarity rules (no blocking keys, never compared), then POST /api/match-suspects/scan?entityType=contact and the
 * job followed through GET /api/jobs/{id} until it succeeds; records/s from the job's own startedAt/finishedAt.
 * Persons as in suspect-lookup (pools of 2,000 first and 20,000 last names, 1 % near-duplicates).
 *
 * Baseline in the same sitting: the same records read in the same batches (500, in id order, one transaction each)
 * without detecting anything: the floor any pass over the records pays on this machine at this moment.
 */

const SUSPECTS_CONFIG = path.resolve(__dirname, '../../bench/suspects-config.yaml');
const ADMIN = { authorization: 'Bearer bench-admin-key-0123456789abcdef' };
const CHUNK = 20_000;
const BATCH = 500;

async function seed(url: string, total: number): Promise<number> {
  const first = names(2_000, 1, [1, 2]);
  const last = names(20_000, 2, [2, 3]);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const t0 = performance.now();
  try {
    await c.query('SET synchronous_commit = off');
    for (let from = 0; from < total; from += CHUNK) {
      const rows: { id: string; data: Record<string, unknown> }[] = [];
      for (let n = from; n < Math.min(total, from + CHUNK); n++) rows.push({ id: randomUUID(), data: personAt(n, first, last) });
      await c.query(
        `INSERT INTO golden_record (id, entity_type, version, data) SELECT id, 'contact', 1, data FROM unnest($1::uuid[], $2::jsonb[]) AS u(id, data)`,
        [rows.map((r) => r.id), rows.map((r) => JSON.stringify(r.data))],
      );
      await c.query(
        `INSERT INTO xref (system, entity_type, external_id, golden_id) SELECT 'A', 'contact', 'a-' || n, id FROM unnest($1::uuid[], $2::int[]) AS u(id, n)`,
        [rows.map((r) => r.id), rows.map((_r, i) => from + i)],
      );
    }
    await c.query('VACUUM (ANALYZE) golden_record');
  } finally {
    await c.end();
  }
  return performance.now() - t0;
}

/** Every record read in batches of BATCH, one transaction each, nothing else: the baseline. */
async function readPass(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const t0 = performance.now();
  let cursor: string | null = null;
  let read = 0;
  try {
    for (;;) {
      await c.query('BEGIN');
      const { rows }: { rows: { id: string; data: unknown }[] } = await c.query(
        `SELECT id, data FROM golden_record WHERE entity_type = 'contact' AND NOT deleted AND ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`,
        [cursor, BATCH],
      );
      await c.query('COMMIT');
      read += rows.length;
      if (rows.length < BATCH) break;
      cursor = rows[rows.length - 1].id;
    }
  } finally {
    await c.end();
  }
  return read / ((performance.now() - t0) / 1000);
}

interface ScanJob { status: string; processed: number; changed: number; startedAt: string; finishedAt: string | null; lastError: string | null }

async function runScan(baseUrl: string): Promise<ScanJob> {
  const res = await fetch(`${baseUrl}/api/match-suspects/scan?entityType=contact`, { method: 'POST', headers: ADMIN });
  if (res.status !== 202) throw new Error(`scan answered ${res.status}: ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  for (;;) {
    const job = (await (await fetch(`${baseUrl}/api/jobs/${id}`, { headers: ADMIN })).json()) as ScanJob;
    if (!['queued', 'running'].includes(job.status)) return job;
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function benchSuspectScan(server: BenchServer): Promise<string[]> {
  const total = Number(process.env.BENCH_SCAN_RECORDS ?? 100_000);
  const db = await createDatabase(server.adminUrl);
  try {
    const hub = await startHub(db.url, { HUB_CONFIG: SUSPECTS_CONFIG, HUB_WORKERS: 'on', HUB_JOB_BATCH_SIZE: String(BATCH) });
    try {
      const seedMs = await seed(db.url, total);
      const baseline = await readPass(db.url);
      // BENCH_PROFILE=1: the hub's CPU profile over the scan (it runs in this process), top self-time frames printed.
      const { value: job, top } = await profiled(process.env.BENCH_PROFILE === '1', 'suspect-scan.cpuprofile', () => runScan(hub.baseUrl));
      if (job.status !== 'succeeded') throw new Error(`scan job ${job.status}: ${job.lastError}`);
      const seconds = (Date.parse(job.finishedAt!) - Date.parse(job.startedAt)) / 1000;
      const open = new pg.Client({ connectionString: db.url });
      await open.connect();
      const { rows } = await open.query<{ n: number; keys: number }>(
        `SELECT (SELECT count(*)::int FROM match_suspect WHERE status = 'open') AS n, (SELECT count(*)::int FROM match_block) AS keys`,
      );
      await open.end();
      return [
        `suspect-scan [${server.label} ${server.version}] ${fmt(total)} golden contacts written before the rules (seeded in ${fmt(seedMs / 1000, 1)} s)`,
        `  scan job (POST /api/match-suspects/scan, batches of ${BATCH}): ${fmt(job.processed)} records in ${fmt(seconds, 1)} s = ${fmt(job.processed / seconds)} records/s (target ≥ 2,000)`,
        `  ${fmt(rows[0].keys)} blocking keys written, ${fmt(rows[0].n)} open suspects found (near-duplicates are 1 % of the records)`,
        `  baseline, the same records read in the same batches without detection: ${fmt(baseline)} records/s`,
        ...top,
      ];
    } finally {
      await hub.close();
    }
  } finally {
    await db.drop();
  }
}

if (require.main === module) runAsScript(benchSuspectScan);
