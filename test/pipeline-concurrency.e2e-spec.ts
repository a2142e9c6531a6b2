import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubApp, initHubApp } from '../src/bootstrap';
import { startTestHub, type TestHub } from './support/test-hub';
import { envelope, SECRETS, signedWebhook, waitForInboxDrained } from './support/webhooks';

const CONFIG = path.resolve(__dirname, 'fixtures/pipeline/hub.config.yaml');

describe('concurrent webhooks about the same new records', () => {
  let hub: TestHub;
  let second: INestApplication;
  beforeAll(async () => {
    // Small batches and two hub instances on one database: many workers race for the same new keys.
    const env = { HUB_CONFIG: CONFIG, HUB_WORKER_BATCH_SIZE: '7' };
    hub = await startTestHub(env);
    second = await initHubApp(await createHubApp({ ...hub.settings }, hub.db.url));
  });
  afterAll(async () => {
    await second?.close();
    await hub?.close();
  });

  it('500 webhooks about 50 new contacts from A and B give exactly 50 golden records with gap-free versions', async () => {
    const requests = [];
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 50; i++) {
        const email = `person${i}@example.com`;
        requests.push(signedWebhook(SECRETS.A, envelope('contacts.updated', { id: `a-${i}`, email: email.toUpperCase(), firstName: `A${round}` })));
        requests.push(signedWebhook(SECRETS.B, envelope('customers.updated', { customer_id: `b-${i}`, email_address: ` ${email}`, last_name: `B${round}` })));
      }
    }
    // shuffle so A and B, and rounds, interleave on the wire
    requests.sort(() => Math.random() - 0.5);
    const targets = [hub.app, second];
    const statuses = await Promise.all(
      requests.map(async ({ raw, headers }, n) => {
        const system = headers['webhook-signature'] && raw.includes('customer_id') ? 'B' : 'A';
        const { default: request } = await import('supertest');
        const res = await request(targets[n % 2].getHttpServer()).post(`/webhooks/${system}`).set(headers).send(raw);
        return res.status;
      }),
    );
    expect(statuses.filter((s) => s !== 202)).toEqual([]);
    await waitForInboxDrained(hub.sql, 60_000);

    const golden = await hub.sql.query(`SELECT count(*)::int AS n FROM golden_record WHERE entity_type = 'contact'`);
    expect(golden.rows[0].n).toBe(50);
    const xrefs = await hub.sql.query(`SELECT count(*)::int AS n, count(DISTINCT golden_id)::int AS g FROM xref`);
    expect(xrefs.rows[0]).toEqual({ n: 100, g: 50 });
    const gaps = await hub.sql.query(`
      SELECT golden_id FROM golden_version GROUP BY golden_id
      HAVING max(version) <> count(*) OR min(version) <> 1`);
    expect(gaps.rows).toEqual([]);
    const heads = await hub.sql.query(`
      SELECT count(*)::int AS n FROM golden_record g
       WHERE g.version <> (SELECT max(version) FROM golden_version v WHERE v.golden_id = g.id)`);
    expect(heads.rows[0].n).toBe(0);
    const states = await hub.sql.query(`SELECT status, count(*)::int AS n FROM inbox_event GROUP BY status`);
    expect(states.rows.find((r) => r.status === 'failed' || r.status === 'rejected')).toBeUndefined();
  });
});
