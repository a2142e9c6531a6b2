import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, startTestHub, type TestHub } from './support/test-hub';

describe('API keys, roles and the audit log', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('refuses the admin API without a key, or with an unknown one', async () => {
    const none = await hub.http.get('/api/api-keys');
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('API_KEY_MISSING');
    const wrong = await hub.http.get('/api/api-keys').set('Authorization', 'Bearer nope');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('API_KEY_INVALID');
  });

  it('issues a key shown once, stores only its hash, enforces roles, and revokes it', async () => {
    const issued = await hub.http.post('/api/api-keys').set(hub.auth).send({ name: 'steward-1', role: 'viewer' });
    expect(issued.status).toBe(201);
    expect(issued.body.key).toMatch(/^mdh_/);
    const { rows } = await hub.sql.query('SELECT key_hash FROM api_key WHERE id = $1', [issued.body.id]);
    expect(rows[0].key_hash).not.toContain(issued.body.key);

    const forbidden = await hub.http.get('/api/api-keys').set('x-api-key', issued.body.key);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('ROLE_FORBIDDEN');

    const listed = await hub.http.get('/api/api-keys').set(hub.auth);
    expect(listed.body.items.map((k: { name: string }) => k.name)).toContain('steward-1');
    expect(JSON.stringify(listed.body)).not.toContain('key_hash');

    expect((await hub.http.delete(`/api/api-keys/${issued.body.id}`).set(hub.auth)).status).toBe(204);
    const revoked = await hub.http.get('/api/audit-log').set('x-api-key', issued.body.key);
    expect(revoked.status).toBe(401);
  });

  it('answers invalid input with 400, the field, and writes nothing', async () => {
    const before = await count(hub.sql, 'api_key');
    const res = await hub.http.post('/api/api-keys').set(hub.auth).send({ name: 'x', role: 'root' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_REQUEST');
    expect(res.body.error.details[0].path).toBe('role');
    expect(await count(hub.sql, 'api_key')).toBe(before);
  });

  it('audits key issue and revoke with the actor', async () => {
    const res = await hub.http.get('/api/audit-log').set(hub.auth);
    const actions = res.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['api-key.issue', 'api-key.revoke']));
    expect(res.body.items[0].actor).toBe('key:bootstrap-admin');
  });
});
