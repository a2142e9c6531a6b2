import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INGEST_CONFIG, librarySigned, SECRETS } from './fixtures/ingest/webhook-signing';
import { issueRawKey, type Role } from './support/api-keys';
import { count, startTestHub, type TestHub } from './support/test-hub';

interface EventJson { id: string; system: string; eventId: string; externalId: string; status: string; entityType: string; goldenId: string | null }

describe('events API', () => {
  let hub: TestHub;
  let viewer: { 'x-api-key': string };
  let steward: { 'x-api-key': string };
  /** inbox ids by name, in the order they were received */
  const ids: Record<string, string> = {};

  async function receive(name: string, system: 'A' | 'B', type: string, data: Record<string, unknown>): Promise<void> {
    const body = JSON.stringify({ type, data });
    const res = await hub.http.post(`/webhooks/${system}`).set(librarySigned(SECRETS[system], body)).send(body);
    expect(res.status).toBe(202);
    ids[name] = res.body.inboxId;
  }

  async function issue(role: Role): Promise<{ 'x-api-key': string }> {
    return { 'x-api-key': await issueRawKey(hub, role) };
  }

  beforeAll(async () => {
    hub = await startTestHub({ HUB_CONFIG: INGEST_CONFIG, HUB_WORKERS: 'off' });
    viewer = await issue('viewer');
    steward = await issue('steward');
    await receive('ada', 'A', 'contacts.created', { id: 'c-ada', email: 'ada@example.com', nationalId: '123-45-6789' });
    await receive('bob', 'B', 'customers.updated', { customer_id: 'b-bob', email_address: 'bob@example.com' });
    await receive('ada2', 'A', 'contacts.updated', { id: 'c-ada', email: 'ada@example.org' });
    await receive('cy', 'B', 'customers.deleted', { customer_id: 'b-cy' });
    // What the inbox worker (not running here) would have recorded.
    await hub.sql.query("UPDATE inbox_event SET status = 'applied', golden_id = $2, golden_version = 1, attempts = 1 WHERE id = $1", [ids.ada, randomUUID()]);
    await hub.sql.query(`UPDATE inbox_event SET status = 'rejected', reason = 'invalid', errors = '[{"field":"email","code":"REQUIRED"}]', attempts = 1
                         WHERE id = $1`, [ids.bob]);
    await hub.sql.query("UPDATE inbox_event SET status = 'failed', reason = 'database timeout', attempts = 5 WHERE id = $1", [ids.cy]);
  });
  afterAll(async () => {
    await hub?.close();
  });

  const list = async (query: string, headers: Record<string, string> = viewer): Promise<EventJson[]> => {
    const res = await hub.http.get(`/api/events${query}`).set(headers);
    expect(res.status).toBe(200);
    return res.body.items;
  };

  it('lists newest first with status, reason, errors and golden id, for any role', async () => {
    const all = await list('');
    expect(all.map((e) => e.id)).toEqual([ids.cy, ids.ada2, ids.bob, ids.ada]);
    expect(all.find((e) => e.id === ids.bob)).toMatchObject({
      status: 'rejected', reason: 'invalid', errors: [{ field: 'email', code: 'REQUIRED' }], eventType: 'customers.updated', origin: 'webhook',
    });
    expect(all.find((e) => e.id === ids.ada)).toMatchObject({ status: 'applied', goldenVersion: 1, goldenId: expect.any(String) });
    expect(all[0]).not.toHaveProperty('payload');
  });

  it('filters by status, system, entity type, external id and golden id, and pages by id cursor', async () => {
    expect((await list('?status=pending')).map((e) => e.id)).toEqual([ids.ada2]);
    expect((await list('?system=B')).map((e) => e.id)).toEqual([ids.cy, ids.bob]);
    expect((await list('?entityType=contact&system=A&externalId=c-ada')).map((e) => e.id)).toEqual([ids.ada2, ids.ada]);
    expect(await list('?entityType=order')).toEqual([]);
    const [ada] = (await list(`?status=applied`));
    expect((await list(`?goldenId=${ada.goldenId}`)).map((e) => e.id)).toEqual([ids.ada]);
    const page1 = (await hub.http.get('/api/events?first=2').set(viewer)).body;
    expect(page1.items.map((e: EventJson) => e.id)).toEqual([ids.cy, ids.ada2]);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await hub.http.get(`/api/events?first=2&after=${page1.pageInfo.endCursor}`).set(viewer)).body;
    expect(page2.items.map((e: EventJson) => e.id)).toEqual([ids.bob, ids.ada]);
    expect(page2.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses bad filters and requests without a key', async () => {
    const bad = await hub.http.get('/api/events?status=done&first=0&goldenId=nope').set(viewer);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['first', 'goldenId', 'status']);
    // The paging parameters of before 0.2 are refused, not silently ignored.
    const old = await hub.http.get('/api/events?limit=2&before=5').set(viewer);
    expect(old.status).toBe(400);
    expect(old.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['before', 'limit']);
    expect((await hub.http.get('/api/events')).status).toBe(401);
  });

  it('shows one event with its payload, sensitive fields masked for non-admins', async () => {
    const asViewer = await hub.http.get(`/api/events/${ids.ada}`).set(viewer);
    expect(asViewer.status).toBe(200);
    expect(asViewer.body.payload).toEqual({ id: 'c-ada', email: 'ada@example.com', nationalId: '***' });
    const asAdmin = await hub.http.get(`/api/events/${ids.ada}`).set(hub.auth);
    expect(asAdmin.body.payload.nationalId).toBe('123-45-6789');
    expect((await hub.http.get('/api/events/999999').set(viewer)).body.error.code).toBe('EVENT_NOT_FOUND');
    expect((await hub.http.get('/api/events/abc').set(viewer)).status).toBe(400);
  });

  it('lets a steward (not a viewer) replay a rejected or failed event, audited', async () => {
    const auditBefore = await count(hub.sql, 'audit_log', "action = 'event.replay'");
    const denied = await hub.http.post(`/api/events/${ids.bob}/replay`).set(viewer);
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('ROLE_FORBIDDEN');
    expect(await count(hub.sql, 'inbox_event', "id = $1 AND status = 'rejected'", [ids.bob])).toBe(1);

    const replayed = await hub.http.post(`/api/events/${ids.bob}/replay`).set(steward);
    expect(replayed.status).toBe(200);
    expect(replayed.body).toMatchObject({ id: ids.bob, status: 'pending', attempts: 0, reason: null, errors: null });
    const failed = await hub.http.post(`/api/events/${ids.cy}/replay`).set(hub.auth);
    expect(failed.body).toMatchObject({ status: 'pending', attempts: 0 });

    const { rows } = await hub.sql.query("SELECT actor, target, before, after FROM audit_log WHERE action = 'event.replay' ORDER BY id");
    expect(rows).toHaveLength(auditBefore + 2);
    expect(rows[0]).toMatchObject({
      actor: 'key:steward-key', target: `event:${ids.bob}`, before: { status: 'rejected', reason: 'invalid', attempts: 1 }, after: { status: 'pending' },
    });
  });

  it('documents the webhook and events endpoints in the OpenAPI document', async () => {
    const doc = await hub.http.get('/api/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining([
      '/webhooks/{system}', '/webhooks/{system}/batch', '/api/events', '/api/events/{id}', '/api/events/{id}/replay',
    ]));
    const params = doc.body.paths['/api/events'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(expect.arrayContaining(['status', 'system', 'entityType', 'externalId', 'goldenId', 'first', 'after']));
  });

  it('refuses to replay events that are pending or applied, and unknown ones', async () => {
    const auditBefore = await count(hub.sql, 'audit_log');
    const applied = await hub.http.post(`/api/events/${ids.ada}/replay`).set(steward);
    expect(applied.status).toBe(409);
    expect(applied.body.error.code).toBe('EVENT_NOT_REPLAYABLE');
    expect((await hub.http.post(`/api/events/${ids.ada2}/replay`).set(steward)).status).toBe(409);
    expect((await hub.http.post('/api/events/424242/replay').set(steward)).status).toBe(404);
    expect(await count(hub.sql, 'audit_log')).toBe(auditBefore);
    expect(await count(hub.sql, 'inbox_event', "id = $1 AND status = 'applied'", [ids.ada])).toBe(1);
  });
});
