import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './fixtures/polling/polling-support';
import { spawnHub } from './support/hub-process';
import { createTestDatabase, type TestDatabase } from './support/test-database';
import { SECRETS, signedWebhook } from './support/webhooks';

const CONFIG = path.resolve(__dirname, 'fixtures/pipeline/hub.config.yaml');
const RECORDS = 200;
const UPDATES = 10;

describe('a hub killed with -9 while processing', () => {
  let db: TestDatabase;
  let sql: pg.Pool;
  beforeAll(async () => {
    db = await createTestDatabase();
    sql = new pg.Pool({ connectionString: db.url, max: 2 });
  });
  afterAll(async () => {
    await sql?.end();
    await db?.drop();
  });

  it('applies every accepted event exactly once after restart', async () => {
    const env = { DATABASE_URL: db.url, HUB_CONFIG: CONFIG, HUB_WORKER_BATCH_SIZE: '40', LOG_LEVEL: 'warn' };
    const port = await freePort();
    const first = await spawnHub(env, port);

    // 2,000 changes: each of 200 contacts updated 10 times, every update a new first name.
    for (let u = 0; u < UPDATES; u++) {
      const events = Array.from({ length: RECORDS }, (_, i) => ({
        id: `evt-${u}-${i}`,
        type: 'contacts.updated',
        timestamp: new Date().toISOString(),
        data: { id: `a-${i}`, email: `crash${i}@example.com`, firstName: `v${u}` },
      }));
      const { raw, headers } = signedWebhook(SECRETS.A, { events }, `batch-${u}`);
      const res = await fetch(`http://127.0.0.1:${port}/webhooks/A/batch`, { method: 'POST', headers, body: raw });
      expect(res.status).toBe(202);
    }
    // kill it mid-way through processing
    for (;;) {
      const { rows } = await sql.query(`SELECT count(*)::int AS n FROM inbox_event WHERE status <> 'pending'`);
      if (rows[0].n > 100) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    first.child.kill('SIGKILL');
    await first.waitForExit();
    const { rows: mid } = await sql.query(`SELECT count(*)::int AS n FROM inbox_event WHERE status = 'pending'`);
    expect(mid[0].n).toBeGreaterThan(0);

    const second = await spawnHub(env, await freePort());
    const deadline = Date.now() + 120_000;
    for (;;) {
      const { rows } = await sql.query(`SELECT count(*)::int AS n FROM inbox_event WHERE status = 'pending'`);
      if (rows[0].n === 0) break;
      if (Date.now() > deadline) throw new Error(`still ${rows[0].n} pending`);
      await new Promise((r) => setTimeout(r, 100));
    }
    second.child.kill('SIGTERM');
    await second.waitForExit();

    const events = await sql.query(`SELECT status, count(*)::int AS n FROM inbox_event GROUP BY status`);
    expect(events.rows).toEqual([{ status: 'applied', n: RECORDS * UPDATES }]);
    const versions = await sql.query(`SELECT count(*)::int AS n, count(DISTINCT cause->>'inboxId')::int AS distinct_events FROM golden_version`);
    expect(versions.rows[0]).toEqual({ n: RECORDS * UPDATES, distinct_events: RECORDS * UPDATES });
    const finals = await sql.query(`SELECT count(*)::int AS n FROM golden_record WHERE data->>'firstName' = $1 AND version = $2`, [`v${UPDATES - 1}`, UPDATES]);
    expect(finals.rows[0].n).toBe(RECORDS);
  });
});
