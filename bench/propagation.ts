import pg from 'pg';
import { type BenchServer, createDatabase, fmt, runAsScript } from './bench-env';
import { person, recordFor, sign } from './contacts';
import { percentile, spawnHubChild } from './hub-child';
import { startTargetServer, type TargetWrite } from './target-server';

/**
 * Propagation latency A → hub → B with workers on: from the 202 answer of `POST /webhooks/A` to the write
 * arriving at B (a local HTTP server speaking the http adapter's conventions), at a steady open-loop rate.
 * The hub runs as a child process (dist/src/main.js); the sender and B live in this process, so both ends
 * of every measurement are read from the same clock.
 */

interface Send {
  kind: 'create' | 'update';
  scheduled: number;
  sent?: number;
  accepted?: number;
  status?: number;
  arrived?: number;
}

const MARKER = /^[CP](\d+)$/;

/**
 * Send i carries the unique marker `P<i>` as its lastName, so B's write can be matched to it. Even sends create
 * a new person in A (firstName `C<i>`); odd sends update the person created `gap` sends (about 5 s) earlier,
 * changing only its lastName. Should an update still find the create waiting in the outbox, the two are folded
 * into one write (one waiting row per record and system) carrying both markers: both count as arrived then.
 */
function payloadFor(i: number, gap: number): { kind: Send['kind']; data: Record<string, unknown> } {
  const create = (p: number) => ({ kind: 'create' as const, data: recordFor('A', { ...person(p), firstName: `C${i}`, lastName: `P${i}` }) });
  if (i % 2 === 0) return create(i / 2);
  if (i < gap + 1) return create(10_000_000 + i);
  const created = i - gap - 1;
  return { kind: 'update', data: recordFor('A', { ...person(created / 2), firstName: `C${created}`, lastName: `P${i}` }) };
}

async function post(baseUrl: string, i: number, kind: Send['kind'], data: Record<string, unknown>): Promise<Response> {
  const body = JSON.stringify({ type: kind === 'create' ? 'contacts.created' : 'contacts.updated', timestamp: new Date().toISOString(), data });
  const req = sign('A', '/webhooks/A', body, `prop-${i}`);
  return fetch(baseUrl + req.path, { method: 'POST', headers: req.headers, body: req.body });
}

function stats(values: number[]): string {
  const s = [...values].sort((a, b) => a - b);
  return `p50 ${fmt(percentile(s, 50), 1)} / p95 ${fmt(percentile(s, 95), 1)} / p99 ${fmt(percentile(s, 99), 1)} / max ${fmt(s[s.length - 1] ?? NaN, 1)} ms`;
}

/** Where the time went, by the database's clock: inbox wait (received → processed) and outbox wait (enqueued → delivered). */
async function stages(url: string, firstMeasured: number): Promise<string[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const pct = `percentile_cont(array[0.5, 0.99]) WITHIN GROUP (ORDER BY ms) AS p, max(ms)::float8 AS mx`;
    const inbox = (await c.query<{ p: number[]; mx: number }>(
      `SELECT ${pct} FROM (SELECT extract(epoch FROM processed_at - received_at) * 1000 AS ms FROM inbox_event
        WHERE system = 'A' AND split_part(event_id, '-', 2)::int >= $1) t`, [firstMeasured])).rows[0];
    const outbox = (await c.query<{ p: number[]; mx: number }>(
      `SELECT ${pct} FROM (SELECT extract(epoch FROM delivered_at - created_at) * 1000 AS ms FROM outbox
        WHERE system = 'B' AND status = 'delivered' AND created_at >= (SELECT min(received_at) FROM inbox_event
          WHERE system = 'A' AND split_part(event_id, '-', 2)::int >= $1)) t`, [firstMeasured])).rows[0];
    const { rows } = await c.query<{ system: string; status: string; n: number }>(
      'SELECT system, status, count(*)::int AS n FROM outbox GROUP BY 1, 2 ORDER BY 1, 2');
    const show = (r: { p: number[]; mx: number }) => `p50 ${fmt(r.p?.[0], 1)} / p99 ${fmt(r.p?.[1], 1)} / max ${fmt(r.mx, 1)} ms`;
    return [
      `  stages (database clock): inbox received → processed ${show(inbox)}; outbox enqueued → delivered ${show(outbox)}`,
      `  outbox after the run: ${rows.map((r) => `${r.system}/${r.status}: ${fmt(r.n)}`).join(', ') || 'none'}`,
    ];
  } finally {
    await c.end();
  }
}

export async function benchPropagation(server: BenchServer): Promise<string[]> {
  const rate = Number(process.env.BENCH_PROPAGATION_RATE ?? 200);
  const seconds = Number(process.env.BENCH_PROPAGATION_SECONDS ?? 60);
  const warmupS = Number(process.env.BENCH_PROPAGATION_WARMUP ?? 5);
  const gap = 2 * Math.round((rate * 5) / 2);
  const warmup = Math.round(rate * warmupS);
  const total = warmup + Math.round(rate * seconds);
  const sends: Send[] = [];
  const onWrite = (w: TargetWrite) => {
    if (w.prefix !== 'b') return;
    for (const field of ['first_name', 'last_name']) {
      const m = MARKER.exec(String(w.body[field]));
      const send = m ? sends[Number(m[1])] : undefined;
      if (send && send.arrived === undefined) send.arrived = w.at;
    }
  };
  const db = await createDatabase(server.adminUrl);
  const target = await startTargetServer(onWrite);
  let hub;
  try {
    // BENCH_HUB_LOG_LEVEL=info: the hub's default level, its lines going to a pipe this process reads (hub-child.ts).
    const logLevel = process.env.BENCH_HUB_LOG_LEVEL ?? 'warn';
    const config = process.env.BENCH_E2E_CONFIG;
    hub = await spawnHubChild(db.url, { BENCH_TARGET_URL: target.baseUrl, LOG_LEVEL: logLevel, ...(config ? { HUB_CONFIG: config } : {}) });
    const baseUrl = hub.baseUrl;
    const inFlight: Promise<void>[] = [];
    const t0 = performance.now() + 100;
    // Open loop: each send leaves at its scheduled time whatever the earlier ones are doing.
    for (let i = 0; i < total; i++) {
      const { kind, data } = payloadFor(i, gap);
      const send: Send = { kind, scheduled: t0 + (i * 1000) / rate };
      sends.push(send);
      const wait = send.scheduled - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      send.sent = performance.now();
      inFlight.push(post(baseUrl, i, kind, data).then(
        async (res) => {
          send.accepted = performance.now();
          send.status = res.status;
          await res.arrayBuffer();
        },
        () => {
          send.status = -1;
        },
      ));
    }
    await Promise.all(inFlight);
    const deadline = performance.now() + 60_000;
    while (sends.some((s) => s.status === 202 && s.arrived === undefined) && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const measured = sends.slice(warmup);
    const accepted = measured.filter((s) => s.status === 202);
    const arrived = accepted.filter((s) => s.arrived !== undefined);
    const latency = (list: Send[]) => list.map((s) => s.arrived! - s.accepted!);
    const lag = measured.map((s) => s.sent! - s.scheduled);
    const lines = [
      `propagation [${server.label} ${server.version}] A → hub (child process, workers on, LOG_LEVEL=${process.env.BENCH_HUB_LOG_LEVEL ?? 'warn'} piped and read${process.env.BENCH_E2E_CONFIG ? ', B with the bulk convention' : ''}) → B; ${fmt(rate)} changes/s open loop for ${fmt(seconds)} s `
        + `after ${fmt(warmupS)} s warm-up; even sends create a person in A, odd ones update the lastName of one created ${fmt(gap)} sends earlier`,
      `  sent ${fmt(measured.length)}, accepted (202) ${fmt(accepted.length)}, arrived at B ${fmt(arrived.length)}`
        + `${arrived.length === measured.length ? ' ✔' : ` ✘ (${fmt(measured.length - arrived.length)} missing or refused)`}`,
      `  202 → write at B, all:     ${stats(latency(arrived))} (target p99 < 250 ms with LOG_LEVEL=info, issue 14)`,
      `  202 → write at B, creates: ${stats(latency(arrived.filter((s) => s.kind === 'create')))}`,
      `  202 → write at B, updates: ${stats(latency(arrived.filter((s) => s.kind === 'update')))}`,
      `  webhook answer time: ${stats(accepted.map((s) => s.accepted! - s.sent!))}; send lag behind schedule: max ${fmt(Math.max(...lag), 1)} ms`,
      ...(await stages(db.url, warmup)),
      `  B received ${fmt(target.writes)} writes for ${fmt(sends.length)} sends (warm-up included; fewer when updates were folded into waiting creates)`,
    ];
    return lines;
  } finally {
    await hub?.stop();
    await target.close();
    await db.drop();
  }
}

if (require.main === module) runAsScript(benchPropagation);
