import pg from 'pg';
import { Pool } from 'undici';
import { type BenchServer, createDatabase, fmt, runAsScript } from './bench-env';
import { cpuPerUnit, cpuSnapshot } from './cpu-meter';
import { person, recordFor, sign, type SignedRequest } from './contacts';
import { spawnHubChild } from './hub-child';
import { measureRawSetLimit } from './raw-set-limit';
import { startTargetServer, type TargetWrite } from './target-server';

/**
 * The user-visible pipeline, black box: N signed single webhooks from A for N new contacts (then N updates of
 * them), the hub as a child process with workers on, B a local REST target that acknowledges every write
 * (bench/target-server.ts). Each phase is timed from its first send until B holds all N writes, and reported
 * beside the set-based raw limit (raw-set-limit.ts) measured in the same run.
 *
 * BENCH_E2E_RECORDS (20,000), BENCH_E2E_CONNECTIONS (32), BENCH_E2E_CONFIG (a hub configuration; default
 * bench/delivery-config.yaml, bench/delivery-bulk-config.yaml for B with the http `bulk` convention).
 * BENCH_E2E_SPLIT=1: webhooks to a second hub process with workers off (intake and workers in two processes).
 */

const MARK = /^L(\d+)u$/;

function requests(n: number, phase: 'c' | 'u', tag: string): SignedRequest[] {
  return Array.from({ length: n }, (_, i) => {
    const p = { ...person(i), lastName: phase === 'u' ? `L${i}u` : `L${i}c` };
    const body = JSON.stringify({ type: phase === 'c' ? 'contacts.created' : 'contacts.updated', timestamp: new Date().toISOString(), data: recordFor('A', p) });
    return sign('A', '/webhooks/A', body, `${tag}-${phase}-${i}`);
  });
}

/**
 * Sends every request with `connections` in parallel; resolves when all were answered. Through an undici Pool, not
 * fetch(): on two cores the load generator shares the CPU with the hub, and fetch's web streams cost about three
 * times as much per request (bench/RESULTS.md §14).
 */
async function send(baseUrl: string, list: SignedRequest[], connections: number): Promise<{ accepted: number; seconds: number }> {
  const pool = new Pool(baseUrl, { connections });
  let next = 0;
  let accepted = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < list.length) {
      const r = list[next++];
      const res = await pool.request({ method: 'POST', path: r.path, headers: r.headers, body: r.body });
      await res.body.dump();
      if (res.statusCode === 202) accepted++;
    }
  };
  try {
    await Promise.all(Array.from({ length: connections }, worker));
  } finally {
    await pool.close();
  }
  return { accepted, seconds: (performance.now() - t0) / 1000 };
}

interface Backlog { t: number; inbox: number; outbox: number; inFlight: number }

async function sampleBacklog(c: pg.Client, t0: number): Promise<Backlog> {
  const { rows } = await c.query<{ inbox: number; outbox: number; in_flight: number }>(`
    SELECT (SELECT count(*)::int FROM inbox_event WHERE status = 'pending') AS inbox,
           (SELECT count(*)::int FROM outbox WHERE status = 'pending') AS outbox,
           (SELECT count(*)::int FROM outbox WHERE status = 'in_flight') AS in_flight`);
  return { t: (performance.now() - t0) / 1000, inbox: rows[0].inbox, outbox: rows[0].outbox, inFlight: rows[0].in_flight };
}

export async function benchE2e(server: BenchServer): Promise<string[]> {
  const n = Number(process.env.BENCH_E2E_RECORDS ?? 20_000);
  const connections = Number(process.env.BENCH_E2E_CONNECTIONS ?? 32);
  const config = process.env.BENCH_E2E_CONFIG;
  const arrived = { creates: new Set<string>(), updates: new Set<number>() };
  const onWrite = (w: TargetWrite) => {
    if (w.prefix !== 'b') return;
    if (w.method === 'POST') arrived.creates.add(w.id);
    const m = MARK.exec(String(w.body.last_name));
    if (w.method !== 'POST' && m) arrived.updates.add(Number(m[1]));
  };
  const raw = await measureRawSetLimit(server, n);
  console.error(`  raw set-based limit: creates ${fmt(raw.createsPerS)}/s, updates ${fmt(raw.updatesPerS)}/s`);
  const db = await createDatabase(server.adminUrl);
  const target = await startTargetServer(onWrite);
  const sql = new pg.Client({ connectionString: db.url });
  // BENCH_E2E_SPLIT=1: a second hub process with workers off takes the webhooks, the first runs the workers (both
  // on one database, as replicas do): intake and the pipeline then each have a process, so two cores to share.
  const split = process.env.BENCH_E2E_SPLIT === '1';
  let hub;
  let intake;
  const lines: string[] = [];
  try {
    const env = { BENCH_TARGET_URL: target.baseUrl, ...(config ? { HUB_CONFIG: config } : {}) };
    hub = await spawnHubChild(db.url, env);
    // Started after the first has migrated the database.
    if (split) intake = await spawnHubChild(db.url, { ...env, HUB_WORKERS: 'off' });
    await sql.connect();
    for (const phase of ['c', 'u'] as const) {
      const list = requests(n, phase, `e2e${Date.now()}`);
      const done = () => (phase === 'c' ? arrived.creates.size : arrived.updates.size) >= n;
      const hubPids = [hub.pid, ...(intake ? [intake.pid] : [])];
      const cpu0 = cpuSnapshot(hubPids);
      const t0 = performance.now();
      const samples: Backlog[] = [];
      const sampler = setInterval(() => void sampleBacklog(sql, t0).then((s) => samples.push(s), () => undefined), 2_000);
      const sent = await send((intake ?? hub).baseUrl, list, connections);
      const deadline = performance.now() + 600_000;
      while (!done() && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const seconds = (performance.now() - t0) / 1000;
      const cpu = cpuPerUnit(cpu0, cpuSnapshot(hubPids), n);
      clearInterval(sampler);
      const got = phase === 'c' ? arrived.creates.size : arrived.updates.size;
      const limit = phase === 'c' ? raw.createsPerS : raw.updatesPerS;
      const peak = samples.reduce((m, s) => (s.outbox + s.inFlight > m.outbox + m.inFlight ? s : m), { t: 0, inbox: 0, outbox: 0, inFlight: 0 });
      const line = (
        `  ${phase === 'c' ? 'creates' : 'updates'}: ${fmt(sent.accepted)}/${fmt(n)} webhooks accepted at ${fmt(sent.accepted / sent.seconds)}/s;`
          + ` B has ${fmt(got)}${got >= n ? ' ✔' : ' ✘'} after ${fmt(seconds, 1)} s → end to end ${fmt(got / seconds)} changes/s`
          + ` = ${fmt(got / seconds / limit, 2)} × the raw set-based limit (${fmt(limit)}/s);`
          + ` peak outbox backlog ${fmt(peak.outbox)} waiting + ${fmt(peak.inFlight)} in flight at ${fmt(peak.t, 0)} s`
          + (cpu ? `; ${cpu}` : '')
      );
      // Printed at once as well: a long run stopped halfway still leaves its first phase.
      console.error(line);
      lines.push(line);
    }
    return [
      `e2e [${server.label} ${server.version}] ${fmt(n)} signed webhooks from A (${connections} connections), ${split ? 'one hub child process taking them with workers off, another running the workers,' : 'hub child process with workers on,'}`
        + ` B a local REST target (${config ? config.split('/').pop() : 'delivery-config.yaml'}); raw set-based limit measured first in the same run`,
      ...lines,
    ];
  } finally {
    await intake?.stop();
    await hub?.stop();
    await sql.end().catch(() => undefined);
    await target.close();
    await db.drop();
  }
}

if (require.main === module) runAsScript(benchE2e);
