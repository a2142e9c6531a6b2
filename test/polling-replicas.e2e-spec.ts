import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RestSystem } from '../examples/shared/rest-system';
import { startSystemB } from '../examples/system-b/system-b';
import { createHubApp, initHubApp } from '../src/bootstrap';
import { bySource, fixture, waitFor } from './fixtures/polling/polling-support';
import { startTestHub, type TestHub } from './support/test-hub';

/** Two hub processes (two Nest applications) on one database: every scheduled poll runs once. */
describe('scheduled polling across two hub replicas', () => {
  let hub: TestHub;
  let second: INestApplication | undefined;
  let b: RestSystem;
  const requests: string[] = [];

  beforeAll(async () => {
    b = await startSystemB({ port: 0, webhooks: false, log: (line) => requests.push(line) });
    process.env.POLL_REPLICAS_B_URL = b.url;
    hub = await startTestHub({ HUB_CONFIG: fixture('replicas.config.yaml') });
  });

  let hubClosed = false;

  afterAll(async () => {
    await second?.close();
    if (hub && hubClosed) {
      await hub.sql.end();
      await hub.db.drop();
    } else {
      await hub?.close();
    }
    await b?.close();
  });

  it('runs each tick on one replica only, and the system sees one listing per tick', async () => {
    second = await initHubApp(await createHubApp(hub.settings, hub.db.url));
    const started = Date.now();
    const ids = ['ann', 'bob'].map((n) =>
      b.edit({ entity: 'customers', action: 'create', data: { email_address: `${n}@example.com`, first_name: n } }).customer_id as string);
    for (const id of ids) await waitFor(`golden record B/${id}`, () => bySource(hub, 'B', 'contact', id));
    await new Promise((r) => setTimeout(r, 5_000));

    // Shutdown waits for running syncs, so afterwards every run has made all its requests.
    await second.close();
    second = undefined;
    await hub.app.close();
    hubClosed = true;
    const elapsedS = (Date.now() - started) / 1000;

    const { rows: runs } = await hub.sql.query(
      `SELECT details->>'tick' AS tick, details->>'replica' AS replica, status FROM sync_run WHERE kind = 'poll' ORDER BY started_at`);
    const listings = requests.filter((line) => /^B GET \/customers\?/.test(line));
    expect(runs.length).toBeGreaterThanOrEqual(5);
    expect(new Set(runs.map((r) => r.tick)).size).toBe(runs.length);
    expect(runs.every((r) => r.status === 'succeeded')).toBe(true);
    // Both replicas tick every second; without the claim there would be about two runs per second.
    expect(runs.length).toBeLessThanOrEqual(Math.ceil(elapsedS) + 3);
    expect(listings).toHaveLength(runs.length);
    const claims = await hub.sql.query(`SELECT count(*)::int AS n FROM schedule_claim WHERE job = 'poll:B:contact'`);
    expect(claims.rows[0].n).toBe(1);
  });
});
