import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RestSystem } from '../examples/shared/rest-system';
import { startSystemA, SYSTEM_A_DEMO_SECRET } from '../examples/system-a/system-a';
import { startSystemB } from '../examples/system-b/system-b';
import { bySource, fixture, freePort, listRuns, waitFor, waitForRun } from './fixtures/polling/polling-support';
import { issueKey } from './support/api-keys';
import { gql } from './support/graphql';
import { startTestHub, type TestHub } from './support/test-hub';
import { waitForInboxDrained } from './support/webhooks';

/**
 * The demo REST systems, real servers on free ports: A sends signed webhooks to the hub (listening on a
 * real port) and is polled every second as a fallback; B sends nothing and has no schedule, so only a
 * manual refresh or a reconciliation reads it.
 */
describe('polling, manual refresh and reconciliation of REST systems', () => {
  let hub: TestHub;
  let a: RestSystem;
  let b: RestSystem;

  beforeAll(async () => {
    const aPort = await freePort();
    b = await startSystemB({ port: 0, webhooks: false });
    process.env.POLL_TEST_A_URL = `http://127.0.0.1:${aPort}`;
    process.env.POLL_TEST_B_URL = b.url;
    process.env.POLL_TEST_A_SECRET = SYSTEM_A_DEMO_SECRET;
    hub = await startTestHub({ HUB_CONFIG: fixture('rest.config.yaml') });
    await hub.app.listen(0, '127.0.0.1');
    const { port } = hub.app.getHttpServer().address() as { port: number };
    a = await startSystemA({ port: aPort, hubUrl: `http://127.0.0.1:${port}`, webhooks: true, webhookRetryDelayMs: 20 });
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await hub?.close();
  });

  const contact = (system: string, id: string) => bySource(hub, system, 'contact', id);
  const inboxFor = async (system: string, externalId: string) =>
    (await hub.sql.query(`SELECT origin, status, reason FROM inbox_event WHERE system = $1 AND external_id = $2 ORDER BY id`, [system, externalId])).rows;

  it('a change already received by webhook is a no-op when the poll reads it', async () => {
    const created = a.edit({ entity: 'contacts', action: 'create', data: { email: 'ada@example.com', firstName: 'Ada', dob: '1815-12-10' } });
    const id = created.id as string;
    const g = await waitFor('golden record from the webhook', () => contact('A', id));
    expect(g.data).toMatchObject({ email: 'ada@example.com', firstName: 'Ada', birthDate: '1815-12-10' });

    const events = await waitFor('a poll to read the same version', async () => {
      await waitForInboxDrained(hub.sql);
      const rows = await inboxFor('A', id);
      return rows.some((r) => r.origin === 'poll') ? rows : undefined;
    });
    // Whichever way the version arrived first (normally the webhook), the second copy changed nothing.
    expect(events.map((r) => r.status)).toEqual(['applied', expect.not.stringMatching(/^applied$/)]);
    expect(new Set(events.map((r) => r.origin))).toEqual(new Set(['webhook', 'poll']));
    expect((await contact('A', id))!.version).toBe(1);
    // The overlap window re-reads the record every second; its event id repeats, so it is stored once.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await inboxFor('A', id)).toHaveLength(2);
  });

  it('a webhook lost on purpose is caught by the next poll', async () => {
    const created = a.edit({ entity: 'contacts', action: 'create', data: { email: 'grace@example.com', firstName: 'Grace' } });
    const id = created.id as string;
    await waitFor('golden Grace', () => contact('A', id));

    a.webhooks.dropNext(1);
    a.edit({ entity: 'contacts', action: 'update', id, data: { firstName: 'Amazing Grace' } });
    const g = await waitFor('the lost change to arrive by polling', async () => {
      const r = await contact('A', id);
      return r?.data.firstName === 'Amazing Grace' ? r : undefined;
    });
    expect(g.version).toBe(2);
    expect(a.webhooks.stats().dropNext).toBe(0);
    const applied = (await inboxFor('A', id)).filter((r) => r.status === 'applied');
    expect(applied.at(-1)!.origin).toBe('poll');
    const viaWebhook = await hub.sql.query(
      `SELECT count(*)::int AS n FROM inbox_event WHERE system = 'A' AND origin = 'webhook' AND payload->>'firstName' = 'Amazing Grace'`);
    expect(viaWebhook.rows[0].n).toBe(0);

    const runs = await listRuns(hub, { system: 'A', kind: 'poll', status: 'succeeded' });
    expect(runs.some((r) => r.changed >= 1)).toBe(true);
  });

  it('a manual refresh of one record pulls it now and reports the run (REST and GraphQL)', async () => {
    const created = b.edit({ entity: 'customers', action: 'create', data: { email_address: 'alan@example.com', first_name: 'Alan', birth_date: '23/06/1912' } });
    const id = created.customer_id as string;
    await new Promise((r) => setTimeout(r, 300));
    expect(await contact('B', id)).toBeNull(); // B sends no webhooks and has no schedule

    const res = await hub.http.post('/api/systems/B/refresh').set(hub.auth).send({ entityType: 'contact', externalId: id });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body.run).toMatchObject({ id: res.body.runId, kind: 'refresh', trigger: 'manual', status: 'running', entityType: 'contact' });
    const run = await waitForRun(hub, res.body.runId);
    expect(run).toMatchObject({ status: 'succeeded', seen: 1, queued: 1, changed: 1, rejected: 0, pending: 0, triggeredBy: expect.stringContaining('key:') });
    expect(run.details).toMatchObject({ found: true, externalId: id });
    expect((await contact('B', id))!.data).toMatchObject({ email: 'alan@example.com', firstName: 'Alan', birthDate: '1912-06-23' });

    b.edit({ entity: 'customers', action: 'update', id, data: { first_name: 'Alan M.' } });
    const { refreshSystem } = await gql(hub,
      `mutation($x: String!) { refreshSystem(system: "B", entityType: "contact", externalId: $x) { id kind trigger status } }`, { x: id });
    expect(refreshSystem).toMatchObject({ kind: 'refresh', trigger: 'manual' });
    await waitForRun(hub, refreshSystem.id);
    const { syncRun } = await gql(hub, `query($id: ID!) { syncRun(id: $id) { status seen queued changed pending } }`, { id: refreshSystem.id });
    expect(syncRun).toEqual({ status: 'succeeded', seen: 1, queued: 1, changed: 1, pending: 0 });
    expect((await contact('B', id))!.data.firstName).toBe('Alan M.');

    // Refreshing a record the system no longer has holds the delete for review (B's policy).
    b.edit({ entity: 'customers', action: 'delete', id });
    const gone = await hub.http.post('/api/systems/B/refresh').set(hub.auth).send({ entityType: 'contact', externalId: id });
    expect((await waitForRun(hub, gone.body.runId)).details).toMatchObject({ found: false, heldForReview: 1 });
    const pending = await hub.http.get('/api/inferred-deletes').query({ system: 'B', status: 'pending' }).set(hub.auth);
    expect(pending.body.items.map((i: { externalId: string }) => i.externalId)).toEqual([id]);
    const dismissed = await hub.http.post(`/api/inferred-deletes/${pending.body.items[0].id}/dismiss`).set(hub.auth).send();
    expect(dismissed.body.status).toBe('dismissed');
  });

  it('a whole-system refresh reads every change since the watermark', async () => {
    const ids = ['kay', 'lin', 'max'].map((n) =>
      b.edit({ entity: 'customers', action: 'create', data: { email_address: `${n}@example.com`, first_name: n } }).customer_id as string);
    const res = await hub.http.post('/api/systems/B/refresh').set(hub.auth).send({});
    expect(res.body.run.entityType).toBeNull();
    const run = await waitForRun(hub, res.body.runId);
    expect(run.status).toBe('succeeded');
    expect(run.queued).toBeGreaterThanOrEqual(3);
    for (const id of ids) expect(await contact('B', id)).not.toBeNull();
    const status = await hub.http.get('/api/systems/B/sync-status').set(hub.auth);
    expect(status.body.entityTypes[0].watermark.lastId).toBe(ids[2]);
    expect(status.body.entityTypes[0].lastRun.id).toBe(run.id);
  });

  it('reconciliation pulls in records missed by webhooks and never infers deletes from a failed listing', async () => {
    const missed = b.edit({ entity: 'customers', action: 'create', data: { email_address: 'missed@example.com', first_name: 'Missed' } }).customer_id as string;
    const known = (await hub.sql.query(`SELECT external_id FROM xref WHERE system = 'B' AND external_id <> ALL($1) ORDER BY external_id DESC LIMIT 1`, [[missed]])).rows[0].external_id as string;
    b.edit({ entity: 'customers', action: 'delete', id: known });

    b.faults.set({ status: 500, count: 1 });
    const failed = await hub.http.post('/api/systems/B/reconcile').set(hub.auth).send({ entityType: 'contact' });
    const failedRun = await waitForRun(hub, failed.body.runId);
    expect(failedRun.status).toBe('failed');
    expect(failedRun.errors[0]).toMatchObject({ code: 'HTTP_SERVER_ERROR', entityType: 'contact' });
    expect((await hub.http.get('/api/inferred-deletes').query({ system: 'B', status: 'pending' }).set(hub.auth)).body.items).toEqual([]);
    expect(await contact('B', missed)).toBeNull();

    const ok = await hub.http.post('/api/systems/B/reconcile').set(hub.auth).send({ entityType: 'contact' });
    const run = await waitForRun(hub, ok.body.runId);
    expect(run).toMatchObject({ status: 'succeeded', queued: 1, changed: 1 });
    expect(run.details).toMatchObject({ missingLocally: 1, pulled: 1, missingRemotely: 2, heldForReview: 1, keptByStewards: 1 });
    expect((await contact('B', missed))!.data.firstName).toBe('Missed');
    const pending = await hub.http.get('/api/inferred-deletes').query({ system: 'B', status: 'pending' }).set(hub.auth);
    expect(pending.body.items.map((i: { externalId: string }) => i.externalId)).toEqual([known]);
  });

  it('needs the steward role to trigger runs', async () => {
    const viewer = await issueKey(hub, 'viewer', 'watcher');
    expect((await hub.http.post('/api/systems/B/refresh').set(viewer).send({})).status).toBe(403);
    expect((await hub.http.get('/api/sync-runs').set(viewer)).status).toBe(200);
    const mutation = await hub.http.post('/graphql').set(viewer).send({ query: 'mutation { refreshSystem(system: "B") { id } }' });
    expect(mutation.body.errors[0].extensions.code).toBe('ROLE_FORBIDDEN');
  });

  it('schedules follow configuration changes: a poll added to B starts, and stops when removed', async () => {
    const exported = await hub.http.get('/api/config').query({ format: 'json' }).set(hub.auth);
    const document = structuredClone(exported.body);
    document.systems.B.poll = { every: '1s', overlap: '1s' };
    const put = await hub.http.put('/api/config').set(hub.auth).send(document);
    expect(put.body, JSON.stringify(put.body)).toMatchObject({ applied: true });

    const id = b.edit({ entity: 'customers', action: 'create', data: { email_address: 'polled@example.com', first_name: 'Polled' } }).customer_id as string;
    await waitFor('B polled after the configuration change', () => contact('B', id));
    const polls = await listRuns(hub, { system: 'B', kind: 'poll' });
    expect(polls.length).toBeGreaterThan(0);

    delete document.systems.B.poll;
    expect((await hub.http.put('/api/config').set(hub.auth).send(document)).body).toMatchObject({ applied: true });
    await new Promise((r) => setTimeout(r, 1_500)); // a tick that had already started may still finish
    const settled = (await listRuns(hub, { system: 'B', kind: 'poll' })).length;
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await listRuns(hub, { system: 'B', kind: 'poll' })).toHaveLength(settled);
  });
});
