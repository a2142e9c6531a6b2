import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createHubApp, type HubApp, initHubApp } from '../src/bootstrap';
import { issueKey } from './support/api-keys';
import { CONTACT_SYSTEMS_CONFIG, writeConfigFile } from './support/contact-systems.config';
import { count, startTestHub, type TestHub } from './support/test-hub';
import { SECRETS, signedWebhook } from './support/webhooks';

const CONFIG = `${CONTACT_SYSTEMS_CONFIG.replace('    direction: in\n', '    direction: in\n    rateLimit: { events: 5, per: 1m }\n')}
rateLimits:
  apiKeys: { requests: 5, per: 1m }
  webhooks: { events: 50, per: 1m }
`;

const batch = (n: number, from: number) => ({
  events: Array.from({ length: n }, (_, i) => ({ id: `e-${from + i}`, type: 'customers.updated', data: { customer_id: `b-${from + i}`, email_address: `p${from + i}@example.com` } })),
});

describe('rate limits per API key and per webhook system, shared through PostgreSQL', () => {
  let hub: TestHub;
  let replica: HubApp;
  let config: { file: string; remove(): void };
  let viewer: { Authorization: string };
  let steward: { Authorization: string };

  beforeAll(async () => {
    config = writeConfigFile(CONFIG);
    hub = await startTestHub({ HUB_CONFIG: config.file, HUB_WORKERS: 'off' });
    // A second hub on the same database: what another replica sees.
    replica = await initHubApp(await createHubApp(hub.settings, hub.db.url));
    viewer = await issueKey(hub, 'viewer');
    steward = await issueKey(hub, 'steward');
  });
  afterAll(async () => {
    await replica?.close();
    await hub?.close();
    config?.remove();
  });

  it('answers 429 RATE_LIMITED with Retry-After once a key has spent its budget, on every replica, REST and GraphQL', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await hub.http.get('/api/events').set(viewer)).status);
    for (let i = 0; i < 2; i++) statuses.push((await request(replica.getHttpServer()).get('/api/events').set(viewer)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);

    const refused = await request(replica.getHttpServer()).get('/api/events').set(viewer);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await hub.http.get('/api/events').set(viewer)).status).toBe(429);

    const gql = await hub.http.post('/graphql').set(viewer).send({ query: '{ events { nodes { id } } }' });
    expect(gql.body.errors[0].extensions.code).toBe('RATE_LIMITED');

    // Another key has its own budget.
    expect((await hub.http.get('/api/events').set(steward)).status).toBe(200);
    expect(await count(hub.sql, 'rate_limit')).toBeGreaterThanOrEqual(2);
  });

  it('counts the events of a batch against the system and refuses a batch over the budget without storing it', async () => {
    const send = (body: unknown, app: HubApp | TestHub['app'] = hub.app) => {
      const { raw, headers } = signedWebhook(SECRETS.B, body);
      return request(app.getHttpServer()).post('/webhooks/B/batch').set(headers).send(raw);
    };
    expect((await send(batch(4, 0))).status).toBe(202);
    const before = await count(hub.sql, 'inbox_event');
    const refused = await send(batch(2, 10), replica);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(await count(hub.sql, 'inbox_event')).toBe(before);

    // Once the window has ended, the count starts again from the next write's points.
    await hub.sql.query(`UPDATE rate_limit SET expire = $1 WHERE key LIKE 'webhook:%:B'`, [Date.now() - 1]);
    expect((await send(batch(3, 20), replica)).status).toBe(202);
    expect(await count(hub.sql, 'inbox_event')).toBe(before + 3);
    const { rows: [b] } = await hub.sql.query(`SELECT points, expire FROM rate_limit WHERE key LIKE 'webhook:%:B'`);
    expect(b.points).toBe(3);
    expect(Number(b.expire)).toBeGreaterThan(Date.now() + 50_000);

    // System A has the hub's webhook budget, untouched by B's.
    const { raw, headers } = signedWebhook(SECRETS.A, { type: 'contacts.updated', data: { id: 'c-1', email: 'c1@example.com' } });
    expect((await hub.http.post('/webhooks/A').set(headers).send(raw)).status).toBe(202);
  });

  it('does not let unsigned requests spend a system budget', async () => {
    for (let i = 0; i < 8; i++) {
      const res = await hub.http.post('/webhooks/A').set({ 'content-type': 'application/json' }).send('{}');
      expect(res.status).toBe(401);
    }
    const { raw, headers } = signedWebhook(SECRETS.A, { type: 'contacts.updated', data: { id: 'c-2', email: 'c2@example.com' } });
    expect((await hub.http.post('/webhooks/A').set(headers).send(raw)).status).toBe(202);
  });

  it('counts concurrent webhooks together and still lets exactly the budget through, across replicas', async () => {
    const used = async () => Number((await hub.sql.query(`SELECT coalesce(sum(points), 0) AS n FROM rate_limit WHERE key LIKE 'webhook:%:A'`)).rows[0].n);
    const before = await used();
    const stored = await count(hub.sql, 'inbox_event', `system = 'A'`);
    const sends = Array.from({ length: 60 }, (_, i) => {
      const { raw, headers } = signedWebhook(SECRETS.A, { type: 'contacts.updated', data: { id: `c-${100 + i}`, email: `c${100 + i}@example.com` } });
      return request((i % 2 ? replica : hub.app).getHttpServer()).post('/webhooks/A').set(headers).send(raw);
    });
    const statuses = (await Promise.all(sends)).map((r) => r.status);
    // The hub's webhook budget is 50 a minute: what was left of it passes, every other request is refused.
    expect(statuses.filter((st) => st === 202)).toHaveLength(50 - before);
    expect(statuses.filter((st) => st === 429)).toHaveLength(60 - (50 - before));
    expect(await count(hub.sql, 'inbox_event', `system = 'A'`)).toBe(stored + 50 - before);
    expect(await used()).toBe(before + 60);
  });
});
