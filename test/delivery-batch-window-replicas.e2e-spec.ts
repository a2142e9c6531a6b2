import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubApp, initHubApp } from '../src/bootstrap';
import { type DeliveryHarness, startDeliveryHarness, waitFor, waitForOutboxIdle } from './fixtures/delivery/delivery-harness';
import { waitForInboxDrained } from './support/webhooks';

const RECORDS = 100; // several claim batches (32 rows each)

/**
 * A scheduled window of a batch-mode system delivered by two hub replicas, in several claim batches, with a
 * retry: one sync run for the window.
 */
describe('a scheduled batch window across replicas and claim batches', () => {
  let h: DeliveryHarness;
  let second: INestApplication | undefined;
  beforeAll(async () => {
    h = await startDeliveryHarness();
  });
  afterAll(async () => {
    await second?.close();
    await h?.close();
  });

  it('records one run with trigger schedule, counting the window rows once, the retried one as retried', async () => {
    const emails = Array.from({ length: RECORDS }, (_, i) => `sched-${i}@example.com`);
    for (const email of emails) {
      const aId = h.A.put({ email, firstName: 'Sched', lastName: 'Uled' });
      await h.post('A', 'contacts.created', h.A.records.get(aId)!);
    }
    await waitForInboxDrained(h.hub.sql);
    await waitForOutboxIdle(h.hub);
    const { rows: waiting } = await h.hub.sql.query(
      `SELECT count(*)::int AS n, min(window_at) AS first, max(window_at) AS last, min(next_attempt_at) AS due
         FROM outbox WHERE system = 'C' AND status = 'pending'`,
    );
    expect(waiting[0].n).toBe(RECORDS);
    // every row waits for the same cron occurrence of C's schedule ("0 0 1 1 *": New Year, UTC)
    const windowAt = (waiting[0].first as Date).toISOString();
    expect(windowAt).toMatch(/-01-01T00:00:00\.000Z$/);
    expect((waiting[0].last as Date).toISOString()).toBe(windowAt);
    expect((waiting[0].due as Date).toISOString()).toBe(windowAt);
    expect(h.C.requests).toHaveLength(0);

    second = await initHubApp(await createHubApp(h.hub.settings, h.hub.db.url));
    h.C.delayMs = 15; // slow enough for both replicas' loops to hold claims of the window at once
    let failed = false;
    h.C.failWith((r) => {
      if (r.method !== 'POST' || r.body?.email !== 'sched-7@example.com' || failed) return undefined;
      failed = true;
      return { status: 503, body: { error: 'busy' } };
    });

    // The clock reaches the window: its rows become due, still carrying their window.
    await h.hub.sql.query(`UPDATE outbox SET next_attempt_at = now() WHERE system = 'C' AND status = 'pending'`);
    await h.hub.sql.query(`SELECT pg_notify('hub_outbox', '')`);

    const [run] = await waitFor('the window run to finish', async () => {
      const res = await h.hub.http.get('/api/sync-runs?kind=batch-window').set(h.hub.auth);
      return res.body.items.length > 0 && res.body.items.every((r: { status: string }) => r.status !== 'running') && res.body.items;
    }, 30_000);
    await waitForOutboxIdle(h.hub, 30_000);
    await waitFor('the retried record to reach C', () => h.C.records.size === RECORDS);

    // Each record reached C once; the refused attempt was retried with the same key.
    for (const email of emails) {
      const posts = h.C.writes().filter((w) => w.body?.email === email);
      expect(posts.length, email).toBe(email === 'sched-7@example.com' ? 2 : 1);
      expect(new Set(posts.map((p) => p.idempotencyKey)).size).toBe(1);
    }
    expect([...h.C.records.values()].map((r) => r.email).sort()).toEqual([...emails].sort());

    const res = await h.hub.http.get('/api/sync-runs?kind=batch-window').set(h.hub.auth);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toEqual(run);
    expect(run).toMatchObject({
      system: 'C', entityType: null, trigger: 'schedule', triggeredBy: null, status: 'succeeded',
      seen: RECORDS, queued: RECORDS, changed: RECORDS - 1, rejected: 0,
    });
    expect(run.details).toMatchObject({ windowAt, retried: 1, paused: 0, entityTypes: { contact: { seen: RECORDS, changed: RECORDS - 1, rejected: 0 } } });
    expect(run.errors).toEqual([expect.objectContaining({ code: 'HTTP_UNAVAILABLE', status: 503, retryable: true, entityType: 'contact' })]);
    const firstRequest = Math.min(...h.C.requests.map((r) => r.at));
    expect(new Date(run.startedAt).getTime()).toBeLessThanOrEqual(firstRequest + 50);
    expect(new Date(run.finishedAt).getTime()).toBeGreaterThan(new Date(run.startedAt).getTime());

    const { rows: windows } = await h.hub.sql.query(`SELECT system, trigger, run_id, finished_at FROM batch_window`);
    expect(windows).toEqual([expect.objectContaining({ system: 'C', trigger: 'schedule', run_id: run.id, finished_at: expect.any(Date) })]);
  });
});
