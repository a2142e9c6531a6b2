import { rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { FakeSystem } from '../fixtures/delivery/fake-system';
import { eventually } from '../support/demo-helpers';
import { type HubProcess, spawnHub } from '../support/hub-process';
import { HealthWatch } from './support/health-watch';
import { FULL, freePort, openWork, pause, printSummary, size } from './support/reliability';
import { expectEveryChangeOnce } from './support/target-report';
import { contactUpdates, WebhookStream } from './support/webhook-stream';

const CONFIG = path.resolve(__dirname, 'fixtures/target.config.yaml');
const RECORDS = size(100, 500);
const UPDATES = 10;
const CHANGES = RECORDS * UPDATES;
/** how long PostgreSQL stays down */
const OUTAGE_MS = size(6_000, 60_000);
const quiet = { info: () => undefined, warn: () => undefined };

/**
 * The hub's PostgreSQL (a dedicated embedded server, not the shared one) stopped while
 * changes stream in and are delivered, then started again on the same data folder and port. /health says 503
 * while it is down, webhooks get a clear 503 (the sender retries them), and once the database is back the
 * hub, never restarted, finishes: every accepted change applied once, every version delivered once.
 */
describe('reliability: PostgreSQL restarted under the running hub', () => {
  const dataDir = path.resolve(`.data/reliability-pg-${process.pid}`);
  let port: number;
  let database: EmbeddedDatabase | undefined;
  let sql: pg.Pool;
  let target: FakeSystem;
  let hub: HubProcess | undefined;
  beforeAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    port = await freePort();
    database = await startEmbeddedPostgres(dataDir, quiet, port);
    sql = new pg.Pool({ connectionString: database.url, max: 2 });
    // The pool's idle connections die with the server; without a listener that would be an uncaught error.
    sql.on('error', () => undefined);
    target = await new FakeSystem('people', 'person_id', 'p').start();
    target.delayMs = 10;
  });
  afterAll(async () => {
    if (hub && hub.child.exitCode === null) {
      hub.child.kill('SIGKILL');
      await hub.waitForExit().catch(() => undefined);
    }
    await sql?.end().catch(() => undefined);
    await database?.stop();
    await target?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reports the outage, answers webhooks 503 meanwhile, reconnects and applies everything once', async () => {
    const started = Date.now();
    const hubPort = await freePort();
    hub = await spawnHub({
      DATABASE_URL: database!.url, HUB_CONFIG: CONFIG, RELIABILITY_TARGET_URL: target.url, LOG_LEVEL: 'warn',
      HUB_WORKER_BATCH_SIZE: '100', HUB_WORKER_IDLE_MS: '50', HUB_DELIVERY_LEASE_MS: '10000',
    }, hubPort);
    const hubUrl = `http://127.0.0.1:${hubPort}`;
    const stream = new WebhookStream(() => hubUrl, contactUpdates('pg', RECORDS, UPDATES, 25), 15_000, 30);

    await eventually(async () => {
      const { rows } = await sql.query(`SELECT count(*)::int AS n FROM inbox_event WHERE status <> 'pending'`);
      return rows[0].n >= CHANGES * 0.25 && target.requests.length > 0;
    }, 120_000, 50);
    const health = new HealthWatch(hubUrl);
    await database!.stop();
    database = undefined;
    const statusesBefore = { ...stream.stats.statuses };
    await pause(OUTAGE_MS);
    const healthDuringOutage = { ...health.counts };
    const outageError = health.lastError;
    const webhooksDuringOutage = diff(stream.stats.statuses, statusesBefore);
    database = await startEmbeddedPostgres(dataDir, quiet, port);

    await stream.done;
    await eventually(async () => {
      expect(await openWork(sql)).toEqual({ inbox: 0, outbox: 0 });
    }, size(90_000, 300_000), 200);
    await health.stop();
    expect(hub.child.exitCode).toBeNull();
    hub.child.kill('SIGTERM');
    await hub.waitForExit();

    // /health said so while the database was away and answered every probe; webhooks got 503, not 500, not silence.
    expect(healthDuringOutage.unavailable).toBeGreaterThan(0);
    expect(healthDuringOutage.other + healthDuringOutage.noAnswer).toBe(0);
    expect(health.counts.ok).toBeGreaterThan(0);
    expect(webhooksDuringOutage[503] ?? 0).toBeGreaterThan(0);
    expect(Object.keys(stream.stats.statuses).filter((s) => !['200', '202', '503'].includes(s))).toEqual([]);
    expect(stream.stats.timeouts + stream.stats.networkErrors).toBe(0);

    const end = await expectEveryChangeOnce(sql, target, { accepted: stream.stats.acceptedEvents, records: RECORDS, changes: CHANGES, updates: UPDATES });

    printSummary(`postgres-restart${FULL ? '' : ' (fast)'}`, {
      outageSeconds: OUTAGE_MS / 1000, ...end,
      health503: healthDuringOutage.unavailable, webhook503: stream.stats.statuses[503] ?? 0, webhook500: stream.stats.statuses[500] ?? 0,
      seconds: Math.round((Date.now() - started) / 1000),
    });
    console.log(`reliability postgres-restart: /health during the outage said "${outageError}"`);
  });
});

function diff(after: Record<number, number>, before: Record<number, number>): Record<number, number> {
  return Object.fromEntries(Object.entries(after).map(([k, n]) => [k, n - (before[Number(k)] ?? 0)]));
}
