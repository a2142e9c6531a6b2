import os from 'node:os';
import pg from 'pg';
import { type BenchServer, createDatabase, fmt, runAsScript, startHub } from './bench-env';
import { ADMIN_KEY, percentile, sampleRss, spawnHubChild } from './hub-child';
import { closeQuietly, settle, vacuum } from './processing';
import { checkRecomputeSeeding, RECOMPUTE_CONFIG, seedRecomputeContacts } from './recompute-seed';

/**
 * A rule change on 100,000 contacts (three sources each for half of them, two for the others; B's and C's first names
 * lost to A): precedence [A, B, C] → [B, A, C], so every record's first name is re-decided and changes.
 *   - dry run: PUT /api/entity-types/contact/rules?dryRun=true, timed end to end (target: under 60 s);
 *   - recompute: the same PUT applied; the job's own start and finish times (target: ≥ 2,000 golden records/s),
 *     each changed record getting a version, conflicts, a merge base moved and an outbox row for A;
 *   - baseline: the same writes made by plain set-based SQL, batch by batch with a checkpoint, on an identical copy.
 * The hub runs as a child process with the heap cap `npm start` sets (HUB_HEAP_MB, 192 MiB); its RSS is sampled
 * every 500 ms. Runs in order raw, hub, raw, hub on fresh copies of one seeded database.
 */

const BATCH = 500;

interface HubRun { dryRunMs: number; dryRecords: number; jobMs: number; wallMs: number; changed: number; rss: number[]; heapNote: string }

async function one<T extends Record<string, unknown>>(c: pg.Client, sql: string, params: unknown[] = []): Promise<T> {
  return (await c.query<T>(sql, params)).rows[0];
}

/** The writes a recompute makes for the benchmark's change, as plain SQL: one transaction per batch of 500 ids. */
async function rawRecompute(url: string): Promise<{ ms: number; changed: number }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { id: jobId } = await one<{ id: string }>(c, `INSERT INTO job (kind, key, params, status) VALUES ('raw', 'contact', '{}', 'running') RETURNING id::text AS id`);
    const t0 = performance.now();
    let after = '00000000-0000-0000-0000-000000000000';
    let changed = 0;
    for (;;) {
      await c.query('BEGIN');
      const { rows } = await c.query<{ id: string }>(
        `SELECT id FROM golden_record WHERE entity_type = 'contact' AND id > $1 AND NOT deleted ORDER BY id LIMIT $2 FOR UPDATE`, [after, BATCH]);
      const ids = rows.map((r) => r.id);
      if (ids.length) {
        await c.query(
          `UPDATE golden_record g SET version = g.version + 1, data = g.data || jsonb_build_object('firstName', s.data->'firstName'),
                  lineage = g.lineage || jsonb_build_object('firstName', jsonb_build_object('value', s.data->'firstName', 'system', 'B',
                    'rule', 'merge:precedence', 'updatedAt', now(), 'sourceAt', s.source_updated_at)), updated_at = now()
             FROM source_record s WHERE g.id = ANY($1::uuid[]) AND s.golden_id = g.id AND s.system = 'B'`, [ids]);
        await c.query(
          `INSERT INTO golden_version (golden_id, version, deleted, data, diff, cause)
           SELECT id, version, false, data, jsonb_build_array(jsonb_build_object('op', 'replace', 'path', '/firstName', 'value', data->'firstName')),
                  jsonb_build_object('kind', 'rules', 'configVersion', 2, 'jobId', $2::text, 'decisions', jsonb_build_array(jsonb_build_object(
                    'field', 'firstName', 'rule', 'merge:precedence', 'outcome', 'set', 'system', 'B', 'previous', 'x', 'value', data->'firstName')))
             FROM golden_record WHERE id = ANY($1::uuid[])`, [ids, jobId]);
        await c.query(
          `UPDATE conflict SET status = 'superseded', resolved_at = now(), resolved_by = 'job:' || $2
            WHERE golden_id = ANY($1::uuid[]) AND field = 'firstName' AND status = 'auto_resolved'`, [ids, jobId]);
        await c.query(
          `INSERT INTO conflict (id, golden_id, entity_type, field, status, rule, candidates, winner, winning_value, golden_version)
           SELECT gen_random_uuid(), g.id, 'contact', 'firstName', 'auto_resolved', 'merge:precedence',
                  (SELECT jsonb_agg(jsonb_build_object('system', s.system, 'value', s.data->'firstName', 'at', s.source_updated_at) ORDER BY s.system)
                     FROM source_record s WHERE s.golden_id = g.id), 'B', g.data->'firstName', g.version
             FROM golden_record g WHERE g.id = ANY($1::uuid[])`, [ids]);
        await c.query(
          `UPDATE source_record s SET synced = s.synced || jsonb_build_object('firstName', g.data->'firstName'), updated_at = now()
             FROM golden_record g WHERE s.golden_id = g.id AND g.id = ANY($1::uuid[]) AND s.system IN ('A', 'B')`, [ids]);
        await c.query(
          `INSERT INTO outbox (system, entity_type, golden_id, golden_version, operation, payload, canonical, payload_hash, next_attempt_at, window_at)
           SELECT 'A', 'contact', id, version, 'upsert', data - 'status', data - 'status', md5((data - 'status')::text), now() + interval '30 days', now() + interval '30 days'
             FROM golden_record WHERE id = ANY($1::uuid[])`, [ids]);
        after = ids[ids.length - 1];
        changed += ids.length;
      }
      await c.query(`UPDATE job SET cursor = $2, processed = processed + $3, heartbeat_at = now() WHERE id = $1::bigint`, [jobId, after, ids.length]);
      await c.query('COMMIT');
      if (ids.length < BATCH) break;
    }
    return { ms: performance.now() - t0, changed };
  } finally {
    await c.end();
  }
}

async function hubRecompute(url: string, records: number): Promise<HubRun> {
  const heapMb = process.env.HUB_HEAP_MB ?? '192';
  const hub = await spawnHubChild(url, { HUB_CONFIG: RECOMPUTE_CONFIG, HUB_JOB_BATCH_SIZE: String(BATCH) }, [`--max-old-space-size=${heapMb}`, '--heap-growing-percent=100']);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const sampler = sampleRss(hub.pid);
  try {
    const put = async (query: string) => {
      const res = await fetch(`${hub.baseUrl}/api/entity-types/contact/rules${query}`, {
        method: 'PUT', body: JSON.stringify({ precedence: ['B', 'A', 'C'] }),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
      });
      if (res.status !== 200) throw new Error(`rules change refused: ${res.status} ${await res.text()}`);
      return (await res.json()) as { impact?: { records: number }; jobs?: { id: string }[] };
    };
    const d0 = performance.now();
    const dry = await put('?dryRun=true');
    const dryRunMs = performance.now() - d0;
    const w0 = performance.now();
    const applied = await put('');
    const jobId = applied.jobs![0].id;
    for (;;) {
      const job = await one<{ status: string }>(c, `SELECT status FROM job WHERE id = $1`, [jobId]);
      if (job.status !== 'queued' && job.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const wallMs = performance.now() - w0;
    const job = await one<{ status: string; ms: number; changed: number; processed: number; error: string | null }>(c,
      `SELECT status, extract(epoch FROM finished_at - started_at) * 1000 AS ms, changed::int AS changed, processed::int AS processed, error FROM job WHERE id = $1`, [jobId]);
    if (job.status !== 'succeeded' || job.processed !== records) throw new Error(`the recompute ended ${job.status} after ${job.processed}: ${job.error}`);
    const metrics = await (await fetch(`${hub.baseUrl}/metrics`)).text();
    const metric = (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(metrics)?.[1]) / 2 ** 20;
    return {
      dryRunMs, dryRecords: dry.impact?.records ?? 0, jobMs: Number(job.ms), wallMs, changed: job.changed,
      rss: sampler.samples.map((s) => s.rss), heapNote: `heap used ${fmt(metric('nodejs_heap_size_used_bytes'))} of ${fmt(metric('nodejs_heap_size_total_bytes'))} MiB at the end`,
    };
  } finally {
    sampler.stop();
    await c.end();
    await hub.stop();
  }
}

async function counts(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await one<Record<string, number>>(c, `SELECT (SELECT count(*)::int FROM golden_version WHERE cause->>'kind' = 'rules') AS versions,
      (SELECT count(*)::int FROM outbox) AS outbox, (SELECT count(*)::int FROM conflict WHERE status = 'superseded') AS superseded,
      (SELECT count(*)::int FROM conflict WHERE status = 'auto_resolved') AS auto_resolved`);
    return `+${fmt(r.versions)} versions, +${fmt(r.outbox)} outbox rows, ${fmt(r.superseded)} conflicts superseded, ${fmt(r.auto_resolved)} auto_resolved`;
  } finally {
    await c.end();
  }
}

const mib = (bytes: number) => fmt(bytes / 2 ** 20);

export async function benchRecompute(server: BenchServer): Promise<string[]> {
  const records = Number(process.env.BENCH_RECOMPUTE_RECORDS ?? 100_000);
  const lines = [`recompute [${server.label} ${server.version}] load average at start ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`];
  lines.push(`  ${await checkRecomputeSeeding(server)}`);
  const template = await createDatabase(server.adminUrl);
  try {
    await closeQuietly((await startHub(template.url, { HUB_CONFIG: RECOMPUTE_CONFIG })).close);
    const seedMs = await seedRecomputeContacts(template.url, records, new Date(Date.now() - 3_600_000));
    await vacuum(template.url);
    lines.push(`  seeded ${fmt(records)} contacts (${fmt(records * 2.5)} source records, ${fmt(records * 1.5)} conflicts) with SQL in ${fmt(seedMs / 1000, 1)} s`);
    const raw: number[] = [];
    const hub: HubRun[] = [];
    for (const side of ['raw', 'hub', 'raw', 'hub'] as const) {
      const copy = await createDatabase(server.adminUrl, template.name);
      try {
        await settle(server.adminUrl);
        if (side === 'raw') {
          const r = await rawRecompute(copy.url);
          raw.push(r.ms);
          lines.push(`  raw SQL: ${fmt(r.changed)} records in ${fmt(r.ms)} ms = ${fmt(r.changed / (r.ms / 1000))} records/s; ${await counts(copy.url)}`);
        } else {
          const h = await hubRecompute(copy.url, records);
          hub.push(h);
          const sorted = [...h.rss].sort((a, b) => a - b);
          lines.push(`  hub: dry run ${fmt(h.dryRunMs / 1000, 1)} s (${fmt(h.dryRecords)} records would change); recompute job ${fmt(h.jobMs)} ms = `
            + `${fmt(records / (h.jobMs / 1000))} records/s (${fmt(h.changed)} changed; PUT to succeeded ${fmt(h.wallMs / 1000, 1)} s); ${await counts(copy.url)}`);
          lines.push(`       RSS median ${mib(percentile(sorted, 50))} MiB, max ${mib(sorted[sorted.length - 1])} MiB over ${h.rss.length} samples `
            + `(every 5 s: ${h.rss.filter((_, i) => i % 10 === 0).map((b) => Math.round(b / 2 ** 20)).join(' ')}); ${h.heapNote}`);
        }
      } finally {
        await copy.drop();
      }
    }
    const rawRate = (records * raw.length) / (raw.reduce((a, b) => a + b, 0) / 1000);
    const hubRate = (records * hub.length) / (hub.reduce((a, h) => a + h.jobMs, 0) / 1000);
    lines.push(`  => recompute ${fmt(hubRate)} records/s = ${fmt(hubRate / rawRate, 2)} × raw SQL (${fmt(rawRate)} records/s); `
      + `dry run ${hub.map((h) => fmt(h.dryRunMs / 1000, 1)).join(' / ')} s; load average at end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    return lines;
  } finally {
    await template.drop();
  }
}

if (require.main === module) runAsScript(benchRecompute);
