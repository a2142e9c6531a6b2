import pg from 'pg';
import { InboxWorkerService } from '../src/golden-records/pipeline/inbox-worker.service';
import { type BenchServer, createDatabase, fmt, runAsScript, startHub } from './bench-env';
import { type LookupResult, measureLookups } from './lookups';
import { type MixPlan, mixEvents, postInterleaved } from './mix';
import { closeQuietly, gc, settle, tally, vacuum } from './processing';
import { checkSeeding } from './scale-check';
import { seedContacts, type SeedTimings } from './scale-seed';
import { startSqlTiming, stopSqlTiming } from './sql-timing';

/**
 * Processing throughput and lookup latency with 10 k, 100 k and 1 M golden records already in the database
 * (seeded with SQL, see scale-seed.ts; checked against the hub's own rows by scale-check.ts first). At each
 * size: the processing benchmark's mix (20,000 events over persons spread across the whole table) is stored in
 * the inbox, the database vacuumed, then InboxWorkerService.drain() is timed; then lookups through the APIs.
 */

/** Records the second, fixed-working-set mix is confined to. */
const WORKING_SET = 10_000;

interface TimedMix {
  handled: number;
  ms: number;
  before: Awaited<ReturnType<typeof tally>>;
  after: Awaited<ReturnType<typeof tally>>;
  counts: ReturnType<typeof mixEvents>['counts'];
  sqlTop: string[];
}

/** Stores the mix in the inbox (hub up, workers off), vacuums and settles, then times drain() on a fresh hub. */
async function timedMix(server: BenchServer, url: string, plan: MixPlan): Promise<TimedMix> {
  let hub = await startHub(url);
  const { events, counts } = mixEvents(plan);
  await postInterleaved(hub.baseUrl, events, 1_000, plan.tag ?? 'mix');
  await closeQuietly(hub.close);
  await vacuum(url);
  const before = await tally(url);
  await settle(server.adminUrl);

  hub = await startHub(url);
  const profile = process.env.BENCH_PROFILE === '1';
  gc();
  if (profile) startSqlTiming();
  const t0 = performance.now();
  const handled = await hub.app.get(InboxWorkerService, { strict: false }).drain();
  const ms = performance.now() - t0;
  const sqlTop = profile ? stopSqlTiming() : [];
  await closeQuietly(hub.close);
  return { handled, ms, before, after: await tally(url), counts, sqlTop };
}

interface SizeResult {
  /** changes/s of the fixed-working-set mix (the spread mix's at sizes not above the working set) */
  workingRate: number;
  size: number;
  seed: SeedTimings;
  dbBytes: number;
  events: number;
  ms: number;
  lines: string[];
  lookups: LookupResult[];
}

async function databaseBytes(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return Number((await c.query<{ b: string }>('SELECT pg_database_size(current_database()) AS b')).rows[0].b);
  } finally {
    await c.end();
  }
}

async function atSize(server: BenchServer, size: number, total: number, lookups: number): Promise<SizeResult> {
  const db = await createDatabase(server.adminUrl);
  try {
    await closeQuietly((await startHub(db.url)).close); // migrations and configuration
    // The seeded records were last changed a day ago: every event of the mix is newer.
    const sourceAt = new Date(Math.floor(Date.now() / 1000) * 1000 - 86_400_000);
    const seed = await seedContacts(db.url, 0, size, sourceAt);

    const spread = await timedMix(server, db.url, { base: size, total });
    // The mix's update pool: persons neither deleted nor in conflict, spread over the whole table.
    const pool = size - Math.max(1, Math.floor(size * 0.1)) - Math.max(1, Math.floor(size * 0.05));
    const hub = await startHub(db.url);
    const found = await measureLookups(hub.baseUrl, pool, lookups);
    await closeQuietly(hub.close);
    // The same mix on a fixed working set of the first 10,000 persons (new persons numbered past the table): the
    // spread mix touches up to 2.5 × more distinct records at 1 M than at 10 k (fewer changes compress into one
    // outbox row), so this one isolates what the table's size alone costs.
    const working = size > WORKING_SET
      ? await timedMix(server, db.url, { base: WORKING_SET, total, createFrom: size + total, tag: 'ws' })
      : undefined;
    const dbBytes = await databaseBytes(db.url);
    const { handled, ms, before, after, counts, sqlTop } = spread;
    const lines = [
      `  ${fmt(size)} records: seeded in ${fmt((seed.insertMs + seed.indexMs + seed.vacuumMs) / 1000, 1)} s (insert ${fmt(seed.insertMs / 1000, 1)} s, `
        + `indexes and constraints ${fmt(seed.indexMs / 1000, 1)} s, vacuum analyze ${fmt(seed.vacuumMs / 1000, 1)} s); database ${fmt(dbBytes / 2 ** 20)} MiB`,
      `    processing: ${fmt(handled)} events (updates ${counts.updates}, new ${counts.creates}, conflicting ${counts.conflicting}, deletes ${counts.deletes}) `
        + `in ${fmt(ms)} ms = ${fmt(handled / (ms / 1000))} changes/s; +${fmt(after.versions - before.versions)} versions, `
        + `+${fmt(after.outbox - before.outbox)} outbox rows, +${fmt(after.conflicts - before.conflicts)} conflicts`,
      `    outcomes: ${after.statuses}`,
      ...(sqlTop.length ? ['    SQL wall time per statement during the drain (BENCH_PROFILE=1):', ...sqlTop.map((t) => `      ${t}`)] : []),
      ...found.map((l) => `    lookup ${l.name}: p50 ${fmt(l.p50, 2)} ms, p99 ${fmt(l.p99, 2)} ms${l.wrong ? ` ✘ ${l.wrong} wrong answers` : ''}`),
      ...(working ? [
        `    processing within a ${fmt(WORKING_SET)}-record working set: ${fmt(working.handled)} events in ${fmt(working.ms)} ms = `
          + `${fmt(working.handled / (working.ms / 1000))} changes/s; +${fmt(working.after.versions - working.before.versions)} versions, `
          + `+${fmt(working.after.outbox - working.before.outbox)} outbox rows`,
      ] : []),
    ];
    const rateOf = (m: TimedMix) => m.handled / (m.ms / 1000);
    return { size, seed, dbBytes, events: handled, ms, lines, lookups: found, workingRate: rateOf(working ?? spread) };
  } finally {
    await db.drop();
  }
}

export async function benchScale(server: BenchServer): Promise<string[]> {
  const sizes = (process.env.BENCH_SCALE_SIZES ?? '10000,100000,1000000').split(',').map(Number);
  const total = Number(process.env.BENCH_EVENTS ?? 20_000);
  const lookups = Number(process.env.BENCH_LOOKUPS ?? 1_000);
  const lines = [
    `scale [${server.label} ${server.version}] golden records seeded with SQL (A's create + B's link, nothing to deliver), then the `
      + `processing mix of ${fmt(total)} events over the whole table, drain() timed (batches of 500); ${fmt(lookups)} lookups of each kind, one at a time`,
  ];
  lines.push(`  ${await checkSeeding(server)}`);
  const results: SizeResult[] = [];
  for (const size of sizes) {
    const r = await atSize(server, size, total, lookups);
    results.push(r);
    lines.push(...r.lines);
  }
  if (results.length > 1) {
    const rate = (r: SizeResult) => r.events / (r.ms / 1000);
    const first = results[0];
    const last = results[results.length - 1];
    lines.push(`  throughput at ${fmt(last.size)} / at ${fmt(first.size)} = ${fmt(rate(last))} / ${fmt(rate(first))} = ${(rate(last) / rate(first)).toFixed(2)} (target ≥ 0.80), mix spread over the whole table`);
    lines.push(`  throughput at ${fmt(last.size)} / at ${fmt(first.size)} = ${fmt(last.workingRate)} / ${fmt(first.workingRate)} = ${(last.workingRate / first.workingRate).toFixed(2)}, `
      + `mix within the first ${fmt(WORKING_SET)} records (the table's size alone)`);
  }
  return lines;
}

if (require.main === module) runAsScript(benchScale);
