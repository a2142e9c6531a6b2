import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSystem } from '../fixtures/delivery/fake-system';
import { eventually } from '../support/demo-helpers';
import { type HubProcess, spawnHub } from '../support/hub-process';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { SECRETS, signedWebhook } from '../support/webhooks';
import { FULL, freePort, openWork, outboxByStatus, printSummary, size } from './support/reliability';
import { checkWrites, fakeSystemWrites } from './support/target-report';

const CONFIG = path.resolve(__dirname, 'fixtures/recompute.config.yaml');
const RECORDS = size(2_000, 50_000);
const PER_REQUEST = 1_000;
const ADMIN_KEY = 'reliability-recompute-admin-key-0123';
/** kill -9 once the recompute has committed this share of the records */
const KILL_AT = 0.3;

/**
 * A rule change recomputes every contact (precedence [A, B] → [B, A], and B disagrees on every first name); the hub
 * is killed with -9 in the middle of the job and restarted. The job is taken over from its last checkpoint and
 * finishes; every record has exactly one `rules` version, holds B's value, and the target receives each new value
 * once (it honours Idempotency-Key, so a write the killed hub sent but never recorded is not applied twice).
 */
describe('reliability: kill -9 during a recompute job', () => {
  let db: TestDatabase;
  let sql: pg.Pool;
  let target: FakeSystem;
  let hub: HubProcess | undefined;
  beforeAll(async () => {
    db = await createTestDatabase('hub_rel_recompute');
    sql = new pg.Pool({ connectionString: db.url, max: 2 });
    target = await new FakeSystem('people', 'person_id', 'p').start();
    target.delayMs = 5;
  });
  afterAll(async () => {
    if (hub && hub.child.exitCode === null) {
      hub.child.kill('SIGKILL');
      await hub.waitForExit().catch(() => undefined);
    }
    await sql?.end();
    await db?.drop();
    await target?.stop();
  });

  const post = async (system: 'A' | 'B', events: Record<string, unknown>[], id: string) => {
    const { raw, headers } = signedWebhook(SECRETS[system], { events }, id);
    const res = await fetch(`http://127.0.0.1:${hub!.port}/webhooks/${system}/batch`, { method: 'POST', headers, body: raw });
    expect([200, 202]).toContain(res.status);
  };
  const api = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(`http://127.0.0.1:${hub!.port}${p}`, {
      method, headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  const jobRow = async (id: string) => (await sql.query(`SELECT status, processed::int AS processed, attempts FROM job WHERE id = $1`, [id])).rows[0];

  it(`recomputes ${RECORDS} records exactly once across a kill -9, each new value written to the target once`, async () => {
    const started = Date.now();
    const port = await freePort();
    const env = {
      DATABASE_URL: db.url, HUB_CONFIG: CONFIG, RELIABILITY_TARGET_URL: target.url, LOG_LEVEL: 'warn', HUB_ADMIN_API_KEY: ADMIN_KEY,
      HUB_DELIVERY_LEASE_MS: '10000', HUB_JOB_LEASE_MS: '3000', HUB_JOB_BATCH_SIZE: String(size(50, 500)),
    };
    hub = await spawnHub(env, port);
    const at = '2026-01-01T00:00:00Z';
    for (let from = 0; from < RECORDS; from += PER_REQUEST) {
      const n = Array.from({ length: Math.min(PER_REQUEST, RECORDS - from) }, (_, i) => from + i);
      await post('A', n.map((i) => ({ id: `a-${i}`, type: 'contacts.created', timestamp: at, data: { id: `a-${i}`, email: `r${i}@example.com`, firstName: `Ada ${i}`, lastName: `L${i}` } })), `seed-a-${from}`);
      await post('B', n.map((i) => ({ id: `b-${i}`, type: 'customers.created', timestamp: at, data: { customer_id: `b-${i}`, email_address: `r${i}@example.com`, first_name: `Bea ${i}` } })), `seed-b-${from}`);
    }
    await eventually(async () => expect(await openWork(sql)).toEqual({ inbox: 0, outbox: 0 }), size(120_000, 900_000), 250);
    const seededWrites = fakeSystemWrites(target).length;
    expect(Object.values(Object.fromEntries(target.records)).every((r) => String(r.firstName).startsWith('Ada '))).toBe(true);

    const change = await api('PUT', '/api/entity-types/contact/rules', { precedence: ['B', 'A'] });
    expect(change.status).toBe(200);
    const jobId = change.body.jobs[0].id as string;
    await eventually(async () => {
      const job = await jobRow(jobId);
      return job.processed >= RECORDS * KILL_AT;
    }, size(120_000, 600_000), 10);
    hub.child.kill('SIGKILL');
    await hub.waitForExit();
    const atKill = await jobRow(jobId);
    const inFlightAtKill = (await outboxByStatus(sql, 'T')).in_flight ?? 0;
    expect(atKill.status).toBe('running');
    expect(atKill.processed).toBeLessThan(RECORDS);

    hub = await spawnHub(env, port);
    await eventually(async () => expect((await jobRow(jobId)).status).toBe('succeeded'), size(120_000, 900_000), 250);
    await eventually(async () => expect(await openWork(sql)).toEqual({ inbox: 0, outbox: 0 }), size(120_000, 900_000), 250);
    hub.child.kill('SIGTERM');
    await hub.waitForExit();

    const job = await jobRow(jobId);
    expect(job).toMatchObject({ status: 'succeeded', processed: RECORDS });
    expect(job.attempts).toBeGreaterThanOrEqual(2);
    const { rows: [v] } = await sql.query(`
      WITH per_record AS (SELECT golden_id, count(*) FILTER (WHERE cause->>'kind' = 'rules') AS rules, min(version) AS lo, max(version) AS hi, count(*) AS n
                            FROM golden_version GROUP BY golden_id)
      SELECT count(*)::int AS records, count(*) FILTER (WHERE rules = 1)::int AS once, count(*) FILTER (WHERE rules > 1)::int AS twice,
             count(*) FILTER (WHERE lo <> 1 OR hi <> n)::int AS gapped FROM per_record`);
    expect(v).toEqual({ records: RECORDS, once: RECORDS, twice: 0, gapped: 0 });
    const { rows: [g] } = await sql.query(`SELECT count(*) FILTER (WHERE data->>'firstName' LIKE 'Bea %')::int AS bea, count(*)::int AS n FROM golden_record`);
    expect(g).toEqual({ bea: RECORDS, n: RECORDS });
    const outbox = await outboxByStatus(sql, 'T');
    expect(Object.keys(outbox).filter((s) => s !== 'delivered' && s !== 'superseded')).toEqual([]);

    // the target: one record per contact, each holding B's name, every delivery applied once
    expect(target.records.size).toBe(RECORDS);
    expect([...target.records.values()].filter((r) => !String(r.firstName).startsWith('Bea '))).toEqual([]);
    const w = await checkWrites(sql, 'T', fakeSystemWrites(target));
    expect(w).toMatchObject({ appliedTwice: [], appliedWithoutCause: [], deliveredNotReceived: 0 });
    // A key sent again was answered from the target's memory, not applied: each belongs to a row whose first attempt
    // was cut off by the kill (its lease expired; the retry that delivered it cleared the row's unacked mark).
    const replayedRows = w.replayedWithoutCause.map((k) => k.replace(/^mdh-T-(\d+)(?:-\d+)?$/, '$1'));
    const { rows: retried } = await sql.query(`SELECT count(*)::int AS n FROM outbox WHERE id = ANY($1::bigint[]) AND attempts >= 2`, [replayedRows]);
    expect(retried[0].n).toBe(replayedRows.length);
    const recomputeWrites = fakeSystemWrites(target).slice(seededWrites).filter((x) => x.applied).length;
    expect(recomputeWrites).toBe(RECORDS);

    printSummary(`recompute-kill-9${FULL ? '' : ' (fast)'}`, {
      records: RECORDS, processedAtKill: atKill.processed, attempts: job.attempts, rulesVersionsOnce: v.once, twice: v.twice,
      targetApplied: w.applied, targetReplayed: w.replayed, recomputeWrites, inFlightAtKill, seconds: Math.round((Date.now() - started) / 1000),
    });
  });
});
