import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueKey } from './support/api-keys';
import { sample } from './support/metrics';
import { CONTACT_SYSTEMS_CONFIG, writeConfigFile } from './support/contact-systems.config';
import { startTestHub, type TestHub } from './support/test-hub';
import { envelope, SECRETS, sendWebhook, signedWebhook } from './support/webhooks';

describe('metrics and status after webhooks', () => {
  let hub: TestHub;
  let viewer: { Authorization: string };
  let config: ReturnType<typeof writeConfigFile>;
  const send = (system: 'A' | 'B', type: string, data: Record<string, unknown>) => sendWebhook(hub, system, type, data);

  /** Counters are labelled just after each commit: poll until the scrape shows what the test expects. */
  async function metricsUntil(ready: (text: string) => boolean): Promise<string> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const text = (await hub.http.get('/metrics')).text;
      if (ready(text) || Date.now() > deadline) return text;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  beforeAll(async () => {
    config = writeConfigFile(CONTACT_SYSTEMS_CONFIG, 'hub-obs-');
    hub = await startTestHub({ HUB_CONFIG: config.file });
    viewer = await issueKey(hub, 'viewer', 'night-operator');
  });
  afterAll(async () => {
    await hub?.close();
    config?.remove();
  });

  it('serves Prometheus text without a key, with process metrics and every hub metric declared', async () => {
    const res = await hub.http.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(res.text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
    for (const name of ['hub_inbox_events_total', 'hub_batch_duration_seconds', 'hub_golden_versions_total', 'hub_conflicts_total',
      'hub_http_request_duration_seconds', 'hub_inbox_pending_events', 'hub_inbox_oldest_pending_age_seconds', 'hub_conflicts_open']) {
      expect(res.text).toContain(`# TYPE ${name} `);
    }
    expect(sample(res.text, 'hub_inbox_pending_events', { system: 'A' })).toBe(0);
    expect(sample(res.text, 'hub_batch_duration_seconds_count')).toBe(0);
  });

  it('counts events, versions and conflicts as webhooks go through the pipeline', async () => {
    await send('A', 'contacts.created', { id: 'a-1', email: 'alice@example.com', firstName: 'Alice', lastName: 'Martin', birthDate: '1990-01-01' });
    // same person in B (matched by email): adds a phone (version 2), disagrees on lastName (open conflict)
    await send('B', 'customers.created', { customer_id: 'b-1', email_address: 'alice@example.com', first_name: 'Alice', last_name: 'Martin-Smith', phone_number: '+44 20 7183 8750' });
    await send('A', 'contacts.updated', { id: 'a-1', email: 'alice@example.com', birthDate: '31/02/2024' });
    await send('B', 'customers.created', { customer_id: 'b-2', email_address: 'bob@example.com', first_name: 'Bob' });

    const text = await metricsUntil((t) => sample(t, 'hub_inbox_events_total', { system: 'B', status: 'applied' }) === 2
      && sample(t, 'hub_conflicts_total', { entity_type: 'contact', status: 'open' }) === 1);
    expect(sample(text, 'hub_inbox_events_total', { system: 'A', status: 'applied' })).toBe(1);
    expect(sample(text, 'hub_inbox_events_total', { system: 'A', status: 'rejected' })).toBe(1);
    expect(sample(text, 'hub_inbox_events_total', { system: 'B', status: 'applied' })).toBe(2);
    expect(sample(text, 'hub_inbox_events_total', { system: 'B', status: 'rejected' })).toBeUndefined();
    expect(sample(text, 'hub_golden_versions_total', { entity_type: 'contact' })).toBe(3);
    expect(sample(text, 'hub_conflicts_total', { entity_type: 'contact', status: 'open' })).toBe(1);
    expect(sample(text, 'hub_batch_duration_seconds_count')).toBeGreaterThanOrEqual(4);
    expect(sample(text, 'hub_batch_duration_seconds_sum')).toBeGreaterThan(0);
    expect(sample(text, 'hub_conflicts_open', { entity_type: 'contact' })).toBe(1);
    expect(sample(text, 'hub_inbox_pending_events', { system: 'A' })).toBe(0);
    expect(sample(text, 'hub_inbox_oldest_pending_age_seconds', { system: 'B' })).toBe(0);
    expect(sample(text, 'hub_metrics_errors_total', { source: 'batch_labels' })).toBeUndefined();
  });

  it('times HTTP requests by route pattern and status, never by URL', async () => {
    await hub.http.get('/api/conflicts/00000000-0000-0000-0000-000000000000').set(hub.auth);
    await hub.http.get('/no/such/path-1');
    const text = (await hub.http.get('/metrics')).text;
    expect(sample(text, 'hub_http_request_duration_seconds_count', { method: 'POST', route: '/webhooks/:system', status: '202' })).toBe(4);
    expect(sample(text, 'hub_http_request_duration_seconds_count', { method: 'GET', route: '/api/conflicts/:id', status: '404' })).toBe(1);
    expect(sample(text, 'hub_http_request_duration_seconds_count', { method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
    expect(text).not.toContain('path-1');
    expect(text).not.toContain('00000000-0000');
  });

  it('GET /api/status needs a key: none is 401, a viewer key is enough', async () => {
    const none = await hub.http.get('/api/status');
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('API_KEY_MISSING');
    const wrong = await hub.http.get('/api/status').set('Authorization', 'Bearer not-a-key');
    expect(wrong.status).toBe(401);
    const asViewer = await hub.http.get('/api/status').set(viewer);
    expect(asViewer.status).toBe(200);
  });

  it('reports per system what was synced, rejected and left in conflict', async () => {
    const res = await hub.http.get('/api/status').set(viewer);
    const report = res.body;
    expect(report.health.status).toBe('ok');
    expect(report.warnings).toEqual([]);
    expect(report.systems.map((s: { key: string }) => s.key)).toEqual(['A', 'B']);
    const [a, b] = report.systems;

    expect(a).toMatchObject({ key: 'A', name: 'CRM', direction: 'both', entityTypes: ['contact'] });
    expect(a.records).toEqual({ applied24h: 1, linked: 1 });
    expect(a.errors24h).toMatchObject({ rejected: 1, failed: 0 });
    expect(a.openConflicts).toBe(1);
    expect(a.lastSync.source).toBe('inbox');
    expect(Date.now() - Date.parse(a.lastSync.at)).toBeLessThan(60_000);
    expect(a.executionTime.events.samples).toBe(2);
    expect(a.executionTime.events.p50Ms).toBeGreaterThanOrEqual(0);
    expect(a.executionTime.events.p95Ms).toBeGreaterThanOrEqual(a.executionTime.events.p50Ms);

    expect(b).toMatchObject({ name: 'ERP', direction: 'in' });
    expect(b.records).toEqual({ applied24h: 2, linked: 2 });
    expect(b.errors24h).toMatchObject({ rejected: 0, failed: 0 });
    expect(b.openConflicts).toBe(1);

    for (const s of [a, b]) {
      const e = s.errors24h;
      expect(e.total).toBe(e.rejected + e.failed + (e.failedRuns ?? 0) + (e.deadDeliveries ?? 0));
      expect(s.queue.inboxPending).toBe(0);
      expect(s.queue.total).toBe(s.queue.outboxQueued ?? 0);
      expect(s.queue.outboxQueued === null).toBe(!report.features.outbox);
    }

    expect(report.hub).toMatchObject({ goldenRecords: 2, versions: 3, openConflicts: 1, inboxPending: 0 });
    expect(report.hub.entityTypes.find((t: { entityType: string }) => t.entityType === 'contact'))
      .toEqual({ entityType: 'contact', live: 2, deleted: 0, versions: 3, openConflicts: 1 });
  });
});

/**
 * Delivery (outbox) and polling (sync_run) are other modules; their tables may or may not exist yet. Here
 * they are recreated with exactly the columns those modules promised, so this checks that the hub reads
 * nothing more than that, whatever the real migrations add.
 */
describe('queues, dead letters and sync runs (workers off, optional tables present)', () => {
  let hub: TestHub;
  let config: ReturnType<typeof writeConfigFile>;

  beforeAll(async () => {
    config = writeConfigFile(CONTACT_SYSTEMS_CONFIG, 'hub-obs-');
    hub = await startTestHub({ HUB_CONFIG: config.file, HUB_WORKERS: 'off' });
    await hub.sql.query(`DROP TABLE IF EXISTS outbox, sync_run CASCADE`);
    await hub.sql.query(`CREATE TABLE outbox (id bigserial PRIMARY KEY, system text NOT NULL, status text NOT NULL, next_attempt_at timestamptz, delivered_at timestamptz,
      attempts integer NOT NULL DEFAULT 0, last_error text)`);
    await hub.sql.query(`CREATE TABLE sync_run (id bigserial PRIMARY KEY, system text NOT NULL, entity_type text, kind text, status text NOT NULL,
      started_at timestamptz NOT NULL, finished_at timestamptz, duration_ms integer, seen integer, changed integer, rejected integer, errors integer)`);
    await hub.sql.query(`INSERT INTO outbox (system, status) VALUES ('A', 'pending'), ('A', 'pending'), ('A', 'in_flight'), ('A', 'dead'),
      ('A', 'delivered'), ('A', 'superseded'), ('B', 'dead'), ('B', 'dead'), ('B', 'paused')`);
    await hub.sql.query(`INSERT INTO sync_run (system, entity_type, kind, status, started_at, finished_at, duration_ms) VALUES
      ('B', 'contact', 'poll', 'succeeded', now() - interval '10 minutes', now() - interval '9 minutes', 1000),
      ('B', 'contact', 'poll', 'succeeded', now() - interval '5 minutes', now() - interval '4 minutes', 3000),
      ('B', 'contact', 'poll', 'failed', now() - interval '2 minutes', now() - interval '1 minute', 500),
      ('B', 'contact', 'reconcile', 'aborted', now() - interval '2 days', now() - interval '2 days', 50),
      ('B', 'contact', 'reconcile', 'aborted', now() - interval '3 hours', now() - interval '3 hours', 50),
      ('A', 'contact', 'refresh', 'succeeded', now() - interval '3 days', now() - interval '3 days', 200)`);
    const { raw, headers } = signedWebhook(SECRETS.A, envelope('contacts.created', { id: 'a-1', email: 'x@example.com' }));
    expect((await hub.http.post('/webhooks/A').set(headers).send(raw)).status).toBe(202);
    await hub.sql.query(`UPDATE inbox_event SET received_at = now() - interval '90 seconds'`);
    // Four events from B applied half an hour ago, 100/200/300 ms after receipt, and one whose worker
    // transaction started 5 ms before the event was stored (processed_at is the transaction's start).
    await hub.sql.query(
      `INSERT INTO inbox_event (system, event_id, event_type, entity_type, action, external_id, payload, origin, status, received_at, processed_at)
       SELECT 'B', 'done-' || ms, 'customers.updated', 'contact', 'upsert', 'b-' || ms, '{}', 'webhook', 'applied',
              now() - interval '30 minutes', now() - interval '30 minutes' + ms * interval '1 millisecond'
         FROM unnest(ARRAY[100, 200, 300, -5]) AS ms`,
    );
  });
  afterAll(async () => {
    await hub?.close();
    config?.remove();
  });

  it('exposes inbox backlog, outbox depth, dead letters and the last successful sync as gauges', async () => {
    const text = (await hub.http.get('/metrics')).text;
    expect(sample(text, 'hub_inbox_pending_events', { system: 'A' })).toBe(1);
    expect(sample(text, 'hub_inbox_pending_events', { system: 'B' })).toBe(0);
    expect(sample(text, 'hub_inbox_oldest_pending_age_seconds', { system: 'A' })).toBeGreaterThanOrEqual(90);
    expect(sample(text, 'hub_outbox_rows', { system: 'A', status: 'pending' })).toBe(2);
    expect(sample(text, 'hub_outbox_rows', { system: 'A', status: 'in_flight' })).toBe(1);
    expect(sample(text, 'hub_outbox_rows', { system: 'A', status: 'delivered' })).toBeUndefined();
    expect(sample(text, 'hub_outbox_rows', { system: 'A', status: 'superseded' })).toBeUndefined();
    expect(sample(text, 'hub_outbox_rows', { system: 'B', status: 'paused' })).toBe(1);
    expect(sample(text, 'hub_outbox_dead_letters', { system: 'A' })).toBe(1);
    expect(sample(text, 'hub_outbox_dead_letters', { system: 'B' })).toBe(2);
    const lastB = sample(text, 'hub_sync_last_success_timestamp_seconds', { system: 'B' })!;
    expect(Date.now() / 1000 - lastB).toBeGreaterThan(200);
    expect(Date.now() / 1000 - lastB).toBeLessThan(300);
    expect(sample(text, 'hub_metrics_errors_total', { source: 'hub_outbox_rows' })).toBeUndefined();
  });

  it('folds the outbox and sync runs into the status of each system', async () => {
    const res = await hub.http.get('/api/status').set(hub.auth);
    expect(res.status).toBe(200);
    expect(res.body.features).toEqual({ outbox: true, syncRuns: true, jobs: true });
    const [a, b] = res.body.systems;
    expect(a.queue).toMatchObject({ inboxPending: 1, outboxQueued: 3, outboxPaused: 0, total: 4 });
    expect(Date.now() - Date.parse(a.queue.oldestPendingAt)).toBeGreaterThanOrEqual(90_000);
    expect(a.errors24h).toEqual({ rejected: 0, failed: 0, failedRuns: 0, deadDeliveries: 1, failingDeliveries: 0, total: 1 });
    expect(a.lastSync.source).toBe('sync_run');
    expect(a.executionTime.syncRuns).toEqual({ p50Ms: null, p95Ms: null, samples: 0 });
    expect(b.queue).toMatchObject({ inboxPending: 0, outboxQueued: 1, outboxPaused: 1, total: 1 });
    expect(b.errors24h).toEqual({ rejected: 0, failed: 0, failedRuns: 2, deadDeliveries: 2, failingDeliveries: 0, total: 4 });
    expect(b.lastSync.source).toBe('sync_run');
    expect(b.lastRun).toMatchObject({ entityType: 'contact', kind: 'poll', status: 'failed' });
    expect(b.executionTime.syncRuns).toEqual({ p50Ms: 1000, p95Ms: 2800, samples: 3 });
    expect(b.executionTime.events).toEqual({ p50Ms: 150, p95Ms: 285, samples: 4 });
    expect(b.records.applied24h).toBe(4);
    expect(res.body.hub.inboxPending).toBe(1);
  });
});
