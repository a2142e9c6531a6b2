import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dropSystemC, setupSystemC, type SystemCDatabase } from '../examples/system-c/system-c';
import { Warehouse } from '../examples/system-c/warehouse';
import { bySource, fixture, getRun, listRuns, waitFor, waitForRun } from './fixtures/polling/polling-support';
import { gql } from './support/graphql';
import { startTestHub, type TestHub } from './support/test-hub';
import { waitForInboxDrained } from './support/webhooks';

/**
 * Two real warehouse databases (System C's table, trigger-maintained modified_at) that never send
 * webhooks: the hub keeps them in sync by polling every second, and finds hard deletes by reconciliation.
 */
describe('polling and reconciliation of PostgreSQL systems without webhooks', () => {
  const adminUrl = inject('adminDatabaseUrl');
  const suffix = randomBytes(4).toString('hex');
  let hub: TestHub;
  let c: SystemCDatabase;
  let d: SystemCDatabase;
  let whC: Warehouse;
  let whD: Warehouse;
  let dFirstId = '';

  beforeAll(async () => {
    c = await setupSystemC(adminUrl, { database: `poll_c_${suffix}` });
    d = await setupSystemC(adminUrl, { database: `poll_d_${suffix}` });
    process.env.POLL_TEST_C_URL = c.url;
    process.env.POLL_TEST_D_URL = d.url;
    whC = new Warehouse(c.url);
    whD = new Warehouse(d.url);
    hub = await startTestHub({ HUB_CONFIG: fixture('warehouse.config.yaml') });
  });

  afterAll(async () => {
    await hub?.close();
    await whC?.close();
    await whD?.close();
    if (c) await dropSystemC(adminUrl, { database: c.database });
    if (d) await dropSystemC(adminUrl, { database: d.database });
  });

  const golden = (system: string, id: string) => bySource(hub, system, 'inventory', id);
  const watermark = async (system: string) => {
    const res = await hub.http.get(`/api/systems/${system}/sync-status`).set(hub.auth);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.entityTypes.find((e: { entityType: string }) => e.entityType === 'inventory');
  };

  it('keeps a system that never sends webhooks in sync by polling alone, page by page', async () => {
    // One transaction: seven separate inserts could straddle a poll, and no single run would then page through them.
    const items = await whC.receiveAll(['SKU-1', 'SKU-2', 'SKU-3', 'SKU-4', 'SKU-5', 'SKU-6', 'SKU-7'].map((sku, i) =>
      ({ sku, name: `Item ${i + 1}`, quantity: i * 10, location: 'A-1' })));
    for (const item of items) {
      const g = await waitFor(`golden record for C/${item.id}`, () => golden('C', item.id));
      expect(g.data).toMatchObject({ sku: item.sku, name: item.name, quantity: item.quantity, location: 'A-1' });
    }

    await whC.update('SKU-3', { quantity: 99, location: 'B-7' });
    const changed = await waitFor('the update to reach the golden record', async () => {
      const g = await golden('C', items[2].id);
      return g?.data.quantity === 99 ? g : undefined;
    });
    expect(changed.data.location).toBe('B-7');

    const runs = await listRuns(hub, { system: 'C', kind: 'poll' });
    expect(runs.length).toBeGreaterThan(1);
    expect(runs.every((r) => r.trigger === 'schedule' && r.entityType === 'inventory')).toBe(true);
    expect(runs.filter((r) => r.status === 'failed')).toEqual([]);
    // pageSize 3: the 7 rows came in pages chained by the adapter's cursor
    const bulk = runs.find((r) => r.queued >= 7);
    expect(bulk?.details.pages).toBeGreaterThanOrEqual(3);
    const settled = await waitForRun(hub, bulk!.id);
    expect(settled).toMatchObject({ status: 'succeeded', rejected: 0, pending: 0 });
    expect(settled.changed).toBeGreaterThanOrEqual(7);
    // Re-read rows (overlap window) are duplicates: no run queued the unchanged rows again.
    expect(runs.filter((r) => r.queued > 0).reduce((n, r) => n + r.queued, 0)).toBe(8);

    const status = await watermark('C');
    const latest = await whC.get('SKU-3');
    expect(status.watermark.lastId).toBe(latest!.id);
    expect(status.lastSuccessAt).toBeTruthy();
    expect(status.lastRun.kind).toBe('poll');
  });

  it('does not lose rows sharing the watermark timestamp, even with an id below the last one and no overlap', async () => {
    const first = await whD.receive({ sku: 'D-1', quantity: 1 });
    dFirstId = first.id;
    const second = await whD.receive({ sku: 'D-2', quantity: 2 });
    const wm = await waitFor('D watermark at D-2', async () => {
      const s = await watermark('D');
      return s.watermark?.lastId === second.id ? s.watermark : undefined;
    });
    await waitFor('golden D-1', () => golden('D', first.id));

    // Rows stamped with exactly the watermark instant, one sorting before lastId ("10000" < "2" as text),
    // written the way a bulk import with its own timestamps would (triggers off).
    const admin = new pg.Client({ connectionString: d.url });
    await admin.connect();
    try {
      await admin.query('SET session_replication_role = replica');
      await admin.query(
        `INSERT INTO stock_items (id, sku, quantity, modified_at) OVERRIDING SYSTEM VALUE
         VALUES (10000, 'D-TIE-LOW', 3, $1), (90000, 'D-TIE-HIGH', 4, $1)`,
        [wm.updatedAt],
      );
    } finally {
      await admin.end();
    }
    const low = await waitFor('golden D-TIE-LOW', () => golden('D', '10000'));
    const high = await waitFor('golden D-TIE-HIGH', () => golden('D', '90000'));
    expect(low.data).toMatchObject({ sku: 'D-TIE-LOW', quantity: 3 });
    expect(high.data).toMatchObject({ sku: 'D-TIE-HIGH', quantity: 4 });
  });

  it('does not lose a row committed just after a poll with an earlier timestamp (overlap window)', async () => {
    const late = new pg.Client({ connectionString: c.url });
    await late.connect();
    try {
      await late.query('BEGIN');
      const { rows } = await late.query(`INSERT INTO stock_items (sku, quantity) VALUES ('LATE-1', 5) RETURNING id`);
      const lateRow = rows[0] as { id: string };
      const early = await whC.receive({ sku: 'EARLY-1', quantity: 6 });
      // A poll has now moved the watermark past the uncommitted row's timestamp.
      await waitFor('C watermark past the uncommitted row', async () => {
        const s = await watermark('C');
        return s.watermark?.lastId === early.id ? s : undefined;
      });
      await waitFor('golden EARLY-1', () => golden('C', early.id));
      expect(await golden('C', String(lateRow.id))).toBeNull();
      await late.query('COMMIT');
      const g = await waitFor('golden LATE-1', () => golden('C', String(lateRow.id)));
      expect(g.data).toMatchObject({ sku: 'LATE-1', quantity: 5 });
      // Compared in SQL: the two timestamps may share a millisecond and differ only in microseconds.
      const order = await late.query(
        `SELECT (SELECT modified_at FROM stock_items WHERE id = $1) < (SELECT modified_at FROM stock_items WHERE id = $2) AS earlier`,
        [lateRow.id, early.id]);
      expect(order.rows[0].earlier).toBe(true);
    } finally {
      await late.end();
    }
  });

  it('detects a row hard-deleted in C and holds the delete for a steward (policy review)', async () => {
    const doomed = (await whC.get('SKU-5'))!;
    expect(await whC.remove('SKU-5')).toBe(true);

    const res = await hub.http.post('/api/systems/C/reconcile').set(hub.auth).send({ entityType: 'inventory' });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body.run).toMatchObject({ kind: 'reconcile', trigger: 'manual', status: 'running', system: 'C' });
    const run = await waitForRun(hub, res.body.runId);
    expect(run).toMatchObject({ status: 'succeeded', queued: 0 });
    expect(run.details).toMatchObject({ policy: 'review', missingRemotely: 1, missingLocally: 0, heldForReview: 1 });

    const pending = await hub.http.get('/api/inferred-deletes').query({ status: 'pending', system: 'C' }).set(hub.auth);
    expect(pending.body.items).toHaveLength(1);
    const item = pending.body.items[0];
    expect(item).toMatchObject({ system: 'C', entityType: 'inventory', externalId: doomed.id, runId: run.id });
    expect((await golden('C', doomed.id))!.deleted).toBe(false);

    // A second reconciliation does not queue it twice.
    const again = await hub.http.post('/api/systems/C/reconcile').set(hub.auth).send({});
    expect((await waitForRun(hub, again.body.runId)).details).toMatchObject({ heldForReview: 0, missingRemotely: 1 });

    const approved = await hub.http.post(`/api/inferred-deletes/${item.id}/approve`).set(hub.auth).send();
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: expect.stringContaining('key:') });
    await waitForInboxDrained(hub.sql);
    expect((await golden('C', doomed.id))!.deleted).toBe(true);

    const twice = await hub.http.post(`/api/inferred-deletes/${item.id}/dismiss`).set(hub.auth).send();
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('INFERRED_DELETE_DECIDED');
    const audit = await hub.sql.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'inferred-delete.approve'`);
    expect(audit.rows[0].n).toBe(1);
  });

  it('propagates an inferred delete, and the mass-delete guard stops a run that would delete most records', async () => {
    expect(await whD.remove('D-1')).toBe(true);
    const first = await hub.http.post('/api/systems/D/reconcile').set(hub.auth).send({ entityType: 'inventory' });
    const run = await waitForRun(hub, first.body.runId);
    expect(run).toMatchObject({ status: 'succeeded', queued: 1, changed: 1 });
    expect(run.details).toMatchObject({ policy: 'propagate', deletesQueued: 1 });
    await waitFor('D-1 tombstoned', async () => (await golden('D', dFirstId))?.deleted === true);

    // 3 live records left (D-2, D-TIE-LOW, D-TIE-HIGH); deleting 2 of them is 67% > 50%.
    await whD.remove('D-2');
    await whD.remove('D-TIE-LOW');
    const guarded = await hub.http.post('/api/systems/D/reconcile').set(hub.auth).send({});
    const stopped = await waitForRun(hub, guarded.body.runId);
    expect(stopped.status).toBe('aborted');
    expect(stopped.queued).toBe(0);
    expect(stopped.errors[0].code).toBe('MASS_DELETE_GUARD');
    expect(stopped.details).toMatchObject({ known: 3, listed: 1, missingRemotely: 2 });
    const alert = await hub.sql.query(`SELECT target, after FROM audit_log WHERE action = 'reconcile.mass-delete-guard'`);
    expect(alert.rows).toHaveLength(1);
    expect(alert.rows[0].target).toBe('D/inventory');
    expect(alert.rows[0].after.runId).toBe(stopped.id);
    await waitForInboxDrained(hub.sql);
    expect((await golden('D', '10000'))!.deleted).toBe(false);

    // A steward who has checked can run it with the guard off.
    const forced = await hub.http.post('/api/systems/D/reconcile').set(hub.auth).send({ maxDeleteShare: 1 });
    expect(await waitForRun(hub, forced.body.runId)).toMatchObject({ status: 'succeeded', queued: 2, changed: 2 });
    expect((await golden('D', '10000'))!.deleted).toBe(true);
    expect((await golden('D', '90000'))!.deleted).toBe(false);
  });

  it('reports runs through GraphQL and refuses what cannot be done', async () => {
    const { syncRuns } = await gql(hub, `{ syncRuns(system: "C", kind: "reconcile", first: 1) { nodes { id kind status details } pageInfo { hasNextPage } } }`);
    expect(syncRuns.nodes).toHaveLength(1);
    expect(syncRuns.pageInfo.hasNextPage).toBe(true);
    const one = await getRun(hub, syncRuns.nodes[0].id);
    expect(one.kind).toBe('reconcile');

    // Another replica holding the reconciliation's lock: a second run is refused instead of running twice.
    const other = new pg.Client({ connectionString: hub.db.url });
    await other.connect();
    try {
      await other.query(`SELECT pg_advisory_lock(hashtextextended('hub-sync:reconcile:C:inventory', 0))`);
      const busy = await hub.http.post('/api/systems/C/reconcile').set(hub.auth).send({});
      expect(busy.status).toBe(409);
      expect(busy.body.error.code).toBe('SYNC_RUN_IN_PROGRESS');
    } finally {
      await other.end();
    }

    const unknown = await hub.http.post('/api/systems/Z/refresh').set(hub.auth).send({});
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('SYSTEM_NOT_FOUND');
    const noType = await hub.http.post('/api/systems/C/refresh').set(hub.auth).send({ externalId: '1' });
    expect(noType.status).toBe(400);
    expect(noType.body.error.code).toBe('EXTERNAL_ID_NEEDS_ENTITY_TYPE');
    const badShare = await hub.http.post('/api/systems/C/reconcile').set(hub.auth).send({ maxDeleteShare: 2 });
    expect(badShare.status).toBe(400);
  });
});
