import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RestSystem } from '../shared/rest-system';
import { callSystem } from '../shared/system-client';
import { startSystemA } from './system-a';

describe('System A (CRM) REST conventions', () => {
  let a: RestSystem;
  let clock: Date;
  const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    callSystem(a.url, method, path, body, headers);

  beforeEach(async () => {
    clock = new Date('2024-03-01T10:00:00.000Z');
    a = await startSystemA({ port: 0, now: () => clock });
  });
  afterEach(async () => {
    await a.close();
  });

  it('creates, reads, updates and deletes a contact with server-generated ids', async () => {
    const created = await call('POST', '/contacts', { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', dob: '1815-12-10' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: 'A-000001', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', phone: null, dob: '1815-12-10',
      status: 'active', updatedAt: '2024-03-01T10:00:00.000Z',
    });
    expect(created.headers.get('location')).toBe('/contacts/A-000001');

    expect((await call('GET', '/contacts/A-000001')).body).toEqual(created.body);

    clock = new Date('2024-03-01T11:00:00.000Z');
    const updated = await call('PUT', '/contacts/A-000001', { phone: '+44 20 7183 8750', status: 'inactive' });
    expect(updated.status).toBe(200);
    // fields not sent are kept: a partner that does not know a field cannot clear it
    expect(updated.body).toMatchObject({ firstName: 'Ada', phone: '+44 20 7183 8750', status: 'inactive', updatedAt: '2024-03-01T11:00:00.000Z' });

    const patched = await call('PATCH', '/contacts/A-000001', { phone: null });
    expect(patched.body.phone).toBeNull();

    expect((await call('DELETE', '/contacts/A-000001')).status).toBe(204);
    expect((await call('GET', '/contacts/A-000001')).status).toBe(404);
    expect((await call('DELETE', '/contacts/A-000001')).status).toBe(404);
    expect((await call('PUT', '/contacts/A-000001', { phone: '1' })).status).toBe(404);
    expect((await call('POST', '/contacts', { email: 'b@example.com' })).body.id).toBe('A-000002');
  });

  it('conditional updates: ETag is the updatedAt, If-Match on another version answers 412 and changes nothing', async () => {
    const created = await call('POST', '/contacts', { email: 'ada@example.com', lastName: 'Lovelace' });
    expect(created.headers.get('etag')).toBe('"2024-03-01T10:00:00.000Z"');
    // the clock has not moved, yet the version must: updatedAt goes one millisecond past the previous one
    const edited = await call('PUT', '/contacts/A-000001', { lastName: 'King' }, { 'if-match': '"2024-03-01T10:00:00.000Z"' });
    expect(edited.status).toBe(200);
    expect(edited.body.updatedAt).toBe('2024-03-01T10:00:00.001Z');
    expect(edited.headers.get('etag')).toBe('"2024-03-01T10:00:00.001Z"');

    const stale = await call('PUT', '/contacts/A-000001', { lastName: 'Byron' }, { 'if-match': '"2024-03-01T10:00:00.000Z"', 'idempotency-key': 'k1' });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('PRECONDITION_FAILED');
    expect((await call('GET', '/contacts/A-000001')).body).toMatchObject({ lastName: 'King', updatedAt: '2024-03-01T10:00:00.001Z' });
    expect((await call('GET', '/contacts/A-000001')).headers.get('etag')).toBe('"2024-03-01T10:00:00.001Z"');
    // a refused precondition is not remembered under its idempotency key: the same key may try the right version
    const retried = await call('PUT', '/contacts/A-000001', { lastName: 'Byron' }, { 'if-match': '"2024-03-01T10:00:00.001Z"', 'idempotency-key': 'k1' });
    expect(retried.status).toBe(200);
    expect((await call('PATCH', '/contacts/A-000001', { phone: null }, { 'if-match': '*' })).status).toBe(200);
    expect((await call('PATCH', '/contacts/A-000001', { phone: null }, { 'if-match': 'W/"2024-03-01T10:00:00.003Z"' })).status).toBe(412);
  });

  it('rejects records that break its rules with field details', async () => {
    const isoOnly = await call('POST', '/contacts', { email: 'ada@example.com', dob: '10/12/1815' });
    expect(isoOnly.status).toBe(400);
    expect(isoOnly.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'dob', message: 'must be a date in the format yyyy-MM-dd' }] });

    expect((await call('POST', '/contacts', { firstName: 'No email' })).body.error.details).toEqual([{ field: 'email', message: 'is required' }]);
    expect((await call('POST', '/contacts', { email: 'a@example.com', first_name: 'x' })).body.error.details).toEqual([
      { field: 'first_name', message: 'is not a known field' },
    ]);
    expect((await call('POST', '/contacts', { email: 'a@example.com', status: 'A' })).status).toBe(400);
    expect((await call('POST', '/contacts', '{not json')).body.error.code).toBe('INVALID_JSON');
    expect((await call('POST', '/contacts', [])).body.error.code).toBe('INVALID_BODY');

    const ok = await call('POST', '/contacts', { email: 'a@example.com', id: 'ignored', updatedAt: '1999-01-01T00:00:00Z' });
    expect(ok.body).toMatchObject({ id: 'A-000001', updatedAt: '2024-03-01T10:00:00.000Z' });
    expect((await call('PUT', '/contacts/A-000001', { id: 'A-000009' })).body.error.code).toBe('ID_MISMATCH');
    expect((await call('PUT', '/contacts/A-000001', { email: null })).status).toBe(400);
    expect((await call('GET', '/nothing')).status).toBe(404);
    expect((await call('POST', '/contacts/A-000001')).status).toBe(405);
  });

  it('keeps usernames unique and fills user defaults', async () => {
    const user = await call('POST', '/users', { username: 'ada', email: 'ada@example.com' });
    expect(user.body).toMatchObject({ id: 'U-000001', username: 'ada', roles: [], active: true, displayName: null });
    const dup = await call('POST', '/users', { username: 'ADA' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('DUPLICATE');
    expect((await call('PUT', '/users/U-000001', { username: 'ada', roles: ['admin'] })).status).toBe(200);
    expect((await call('PUT', '/users/U-000001', { roles: 'admin' })).status).toBe(400);
    expect((await call('PUT', '/users/U-000001', { active: 'yes' })).status).toBe(400);
  });

  it('pages by (updatedAt, id) with an opaque cursor, also through equal timestamps', async () => {
    for (let i = 0; i < 5; i++) await call('POST', '/contacts', { email: `c${i}@example.com` });
    clock = new Date('2024-03-01T10:00:01.000Z');
    await call('POST', '/contacts', { email: 'late@example.com' });
    // updating the first contact moves it to the end of the order
    await call('PUT', '/contacts/A-000001', { firstName: 'moved' });

    const seen: string[] = [];
    let next: string | null = null;
    let pages = 0;
    do {
      const res = await call('GET', `/contacts?limit=2${next ? `&cursor=${encodeURIComponent(next)}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((r: { id: string }) => r.id));
      next = res.body.next;
      pages++;
    } while (next);
    expect(seen).toEqual(['A-000002', 'A-000003', 'A-000004', 'A-000005', 'A-000001', 'A-000006']);
    expect(pages).toBe(3);

    const since = await call('GET', '/contacts?updatedSince=2024-03-01T10:00:01.000Z');
    expect(since.body).toEqual({ data: [expect.objectContaining({ id: 'A-000001' }), expect.objectContaining({ id: 'A-000006' })], next: null });
    const after = await call('GET', '/contacts?updatedSince=2024-03-01T10:00:00Z&afterId=A-000003');
    expect(after.body.data.map((r: { id: string }) => r.id)).toEqual(['A-000004', 'A-000005', 'A-000001', 'A-000006']);
    const offset = await call('GET', '/contacts?updatedSince=2024-03-01T11:00:00%2B01:00');
    expect(offset.body.data).toHaveLength(6);

    expect((await call('GET', '/contacts?cursor=garbage')).body.error.code).toBe('INVALID_CURSOR');
    expect((await call('GET', '/contacts?limit=0')).status).toBe(400);
    expect((await call('GET', '/contacts?limit=1001')).status).toBe(400);
    expect((await call('GET', '/contacts?updatedSince=yesterday')).status).toBe(400);
  });

  it('filters on a field, case-insensitively for text', async () => {
    await call('POST', '/contacts', { email: 'Ada@Example.com' });
    await call('POST', '/contacts', { email: 'bob@example.com', status: 'inactive' });
    expect((await call('GET', '/contacts?email=ada@example.com')).body.data.map((r: { id: string }) => r.id)).toEqual(['A-000001']);
    expect((await call('GET', '/contacts?status=inactive')).body.data.map((r: { id: string }) => r.id)).toEqual(['A-000002']);
    expect((await call('GET', '/contacts?email=nobody@example.com')).body).toEqual({ data: [], next: null });
    expect((await call('GET', '/contacts?id=A-000002')).body.data).toHaveLength(1);
    expect((await call('GET', '/contacts?shoeSize=42')).body.error.code).toBe('INVALID_FILTER');
    await call('POST', '/users', { username: 'ada', active: false });
    expect((await call('GET', '/users?active=false')).body.data).toHaveLength(1);
    expect((await call('GET', '/users?roles=admin')).status).toBe(400);
  });

  it('replays the first response for a repeated Idempotency-Key without applying again', async () => {
    const headers = { 'Idempotency-Key': 'create-ada-1' };
    const first = await call('POST', '/contacts', { email: 'ada@example.com' }, headers);
    const again = await call('POST', '/contacts', { email: 'ada@example.com' }, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(a.store.count('contacts')).toBe(1);

    const reused = await call('POST', '/contacts', { email: 'other@example.com' }, headers);
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const del = { 'Idempotency-Key': 'delete-ada-1' };
    expect((await call('DELETE', '/contacts/A-000001', undefined, del)).status).toBe(204);
    expect((await call('DELETE', '/contacts/A-000001', undefined, del)).status).toBe(204);

    const stats = a.stats();
    expect(stats.writes.contacts).toEqual({ POST: 1, DELETE: 1 });
    expect(stats.received.contacts).toEqual({ POST: 3, DELETE: 2 });
    expect(stats.requests.map((r) => r.outcome)).toEqual(['applied', 'replayed', 'rejected', 'applied', 'replayed']);

    // keys are kept 24 hours
    clock = new Date(clock.getTime() + 24 * 60 * 60 * 1000);
    const later = await call('POST', '/contacts', { email: 'ada@example.com' }, headers);
    expect(later.body.id).toBe('A-000002');
    expect(later.headers.get('idempotent-replayed')).toBeNull();
  });

  it('requires the API key when one is configured, except on /_admin', async () => {
    const locked = await startSystemA({ port: 0, apiKey: 'secret-key' });
    try {
      expect((await callSystem(locked.url, 'GET', '/contacts')).status).toBe(401);
      expect((await callSystem(locked.url, 'POST', '/contacts', { email: 'a@example.com' })).status).toBe(401);
      expect(locked.store.count('contacts')).toBe(0);
      const ok = await callSystem(locked.url, 'GET', '/contacts', undefined, { Authorization: 'Bearer secret-key' });
      expect(ok.status).toBe(200);
      expect((await callSystem(locked.url, 'GET', '/_admin/stats')).status).toBe(200);
    } finally {
      await locked.close();
    }
  });
});
