import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueKey } from './support/api-keys';
import { type DeliveryHarness, startDeliveryHarness, waitFor, waitForOutboxIdle } from './fixtures/delivery/delivery-harness';

/** Batch windows of a batch-mode system (C, whose cron window is far away) are recorded as sync runs. */
describe('batch windows as sync runs', () => {
  let h: DeliveryHarness;
  let steward: { Authorization: string };
  beforeAll(async () => {
    h = await startDeliveryHarness();
    steward = await issueKey(h.hub, 'steward', 'window-steward');
  });
  afterAll(async () => {
    await h?.close();
  });

  const windowRuns = async () => {
    const res = await h.hub.http.get('/api/sync-runs?kind=batch-window').set(h.hub.auth);
    expect(res.status).toBe(200);
    return res.body.items as Record<string, unknown>[];
  };
  /** Waits until `n` window runs exist and none is running; returns them newest first. */
  const settledRuns = (n: number) =>
    waitFor(`${n} finished batch-window runs`, async () => {
      const runs = await windowRuns();
      return runs.length === n && runs.every((r) => r.status !== 'running') && runs;
    });

  async function contactInA(email: string, lastNames: string[]): Promise<string> {
    const aId = h.A.put({ email, firstName: 'Win', lastName: lastNames[0] });
    await h.send('A', 'contacts.created', h.A.records.get(aId)!);
    for (const lastName of lastNames.slice(1)) {
      h.A.records.set(aId, { ...h.A.records.get(aId)!, lastName });
      await h.send('A', 'contacts.updated', h.A.records.get(aId)!);
    }
    return (await h.goldenIdOf('A', aId))!;
  }

  it('a flushed window sends the latest state of each record once and records one manual run with its counts', async () => {
    const emails = ['w1@example.com', 'w2@example.com', 'w3@example.com'];
    for (const email of emails) await contactInA(email, ['One', 'Two', 'Three']);
    await waitForOutboxIdle(h.hub);
    expect(h.C.requests).toHaveLength(0);
    // Rows waiting for a window that has not come are not a run yet.
    expect(await windowRuns()).toEqual([]);

    const flushedAt = Date.now();
    const flush = await h.hub.http.post('/api/deliveries/flush').set(steward).send({ system: 'C' });
    expect(flush.status).toBe(200);
    expect(flush.body.count).toBe(3);
    const [run] = await settledRuns(1);
    await waitForOutboxIdle(h.hub);

    const writes = h.C.writes();
    expect(writes).toHaveLength(3);
    for (const email of emails) {
      expect(writes.filter((w) => w.body?.email === email)).toEqual([
        expect.objectContaining({ method: 'POST', path: '/people', body: { email, first: 'Win', last: 'Three' } }),
      ]);
    }
    expect(run).toMatchObject({
      system: 'C', entityType: null, kind: 'batch-window', trigger: 'manual', triggeredBy: 'key:window-steward', status: 'succeeded',
      seen: 3, queued: 3, changed: 3, rejected: 0, pending: 0, errors: [],
    });
    expect(run.details).toMatchObject({ retried: 0, paused: 0, entityTypes: { contact: { seen: 3, changed: 3, rejected: 0 } } });
    const startedAt = new Date(run.startedAt as string).getTime();
    const finishedAt = new Date(run.finishedAt as string).getTime();
    expect(startedAt).toBeGreaterThanOrEqual(flushedAt - 1000);
    expect(finishedAt).toBeGreaterThanOrEqual(startedAt);
    expect(run.durationMs).toBeGreaterThanOrEqual(0);
    expect(run.durationMs).toBeLessThanOrEqual(finishedAt - startedAt + 1);

    // The run is the same one the single-run endpoint returns; nothing else was recorded for the window.
    const one = await h.hub.http.get(`/api/sync-runs/${run.id as string}`).set(h.hub.auth);
    expect(one.body).toMatchObject({ id: run.id, seen: 3, changed: 3 });
    const { rows } = await h.hub.sql.query(`SELECT count(*)::int AS n FROM outbox WHERE window_at IS NOT NULL`);
    expect(rows[0].n).toBe(0);
  });

  it('a second window with a record the system refuses counts it as rejected, with its error', async () => {
    h.C.failWith((r) => (r.method === 'POST' && r.body?.email === 'refused@example.com' ? { status: 400, body: { error: 'email domain not allowed' } } : undefined));
    try {
      await contactInA('fine@example.com', ['Fine', 'Finer']);
      const refusedId = await contactInA('refused@example.com', ['Nope']);
      await waitForOutboxIdle(h.hub);
      const mark = h.C.requests.length;

      const flush = await h.hub.http.post('/api/deliveries/flush').set(h.hub.auth).send({ system: 'C' });
      expect(flush.body.count).toBe(2);
      const runs = await settledRuns(2);
      await waitForOutboxIdle(h.hub);

      expect(h.C.writes(mark).filter((w) => w.body?.email === 'fine@example.com')).toEqual([
        expect.objectContaining({ method: 'POST', body: { email: 'fine@example.com', first: 'Win', last: 'Finer' } }),
      ]);
      expect((await h.rows('C', refusedId)).map((r) => r.status)).toEqual(['dead']);
      const [second, first] = runs;
      expect(first).toMatchObject({ seen: 3, changed: 3, rejected: 0 });
      expect(second).toMatchObject({
        kind: 'batch-window', trigger: 'manual', triggeredBy: 'key:bootstrap-admin', status: 'succeeded', seen: 2, queued: 2, changed: 1, rejected: 1,
      });
      expect(second.errors).toEqual([
        expect.objectContaining({ code: 'HTTP_CLIENT_ERROR', status: 400, goldenId: refusedId, entityType: 'contact', retryable: false }),
      ]);
      expect((second.errors as { message: string }[])[0].message).toContain('400');
      expect(second.details).toMatchObject({ entityTypes: { contact: { seen: 2, changed: 1, rejected: 1 } } });
    } finally {
      h.C.heal();
    }
  });

  it('a flush with nothing waiting is recorded as an empty window; one of a system not in batch mode is not', async () => {
    const before = (await windowRuns()).length;
    const flush = await h.hub.http.post('/api/deliveries/flush').set(steward).send({ system: 'C' });
    expect(flush.body.count).toBe(0);
    const runs = await windowRuns();
    expect(runs).toHaveLength(before + 1);
    expect(runs[0]).toMatchObject({ trigger: 'manual', status: 'succeeded', seen: 0, changed: 0, rejected: 0 });
    expect(runs[0].durationMs).toBeLessThan(1000);
    expect(runs[0].finishedAt).toBeTruthy();

    expect((await h.hub.http.post('/api/deliveries/flush').set(steward).send({ system: 'B' })).body.count).toBe(0);
    expect(await windowRuns()).toHaveLength(before + 1);
    expect((await h.hub.http.post('/api/deliveries/flush').set(steward).send({ system: 'nope' })).body.error.code).toBe('SYSTEM_NOT_FOUND');
  });
});
