import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RestSystem } from '../shared/rest-system';
import { callSystem, editInSystem } from '../shared/system-client';
import { startSystemA } from './system-a';

describe('System A /_admin endpoints', () => {
  let a: RestSystem;
  const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    callSystem(a.url, method, path, body, headers);

  beforeEach(async () => {
    a = await startSystemA({ port: 0 });
  });
  afterEach(async () => {
    await a.close();
  });

  it('fails the next 3 requests with 500, then answers normally', async () => {
    const set = await call('POST', '/_admin/faults', { status: 500, count: 3 });
    expect(set.body.fault).toMatchObject({ status: 500, remaining: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await call('POST', '/contacts', { email: `c${i}@example.com` })).status);
    expect(statuses).toEqual([500, 500, 500, 201]);
    expect(a.store.count('contacts')).toBe(1);
    expect((await call('GET', '/_admin/faults')).body.fault).toBeNull();

    const stats = (await call('GET', '/_admin/stats')).body;
    expect(stats.writes).toEqual({ contacts: { POST: 1 } });
    expect(stats.received).toEqual({ contacts: { POST: 4 } });
    expect(stats.requests.map((r: { outcome: string; status: number }) => [r.outcome, r.status])).toEqual([
      ['fault', 500], ['fault', 500], ['fault', 500], ['applied', 201],
    ]);
    expect(stats.requests[3]).toMatchObject({ method: 'POST', path: '/contacts', entity: 'contacts' });
    expect(Date.parse(stats.requests[0].at)).not.toBeNaN();
  });

  it('applies a write once when a retry with the same key follows a failure', async () => {
    await call('POST', '/_admin/faults', { status: 503, count: 1, retryAfter: 7 });
    const headers = { 'Idempotency-Key': 'k-1' };
    const failed = await call('POST', '/contacts', { email: 'ada@example.com' }, headers);
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBe('7');
    expect(failed.body.error.code).toBe('INJECTED_FAULT');
    expect((await call('POST', '/contacts', { email: 'ada@example.com' }, headers)).status).toBe(201);
    expect((await call('POST', '/contacts', { email: 'ada@example.com' }, headers)).status).toBe(201);
    expect(a.store.count('contacts')).toBe(1);
  });

  it('faults reads too, until cleared when no count is given; 429 carries Retry-After', async () => {
    await call('POST', '/_admin/faults', { status: 429, retryAfter: 2 });
    for (let i = 0; i < 3; i++) {
      const res = await call('GET', '/contacts');
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('2');
    }
    expect((await call('GET', '/_admin/stats')).status).toBe(200);
    await call('POST', '/_admin/faults', {});
    expect((await call('GET', '/contacts')).status).toBe(200);
  });

  it('slows the next requests by delayMs', async () => {
    await call('POST', '/_admin/faults', { delayMs: 400, count: 1 });
    const started = Date.now();
    expect((await call('GET', '/contacts')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    const fast = Date.now();
    await call('GET', '/contacts');
    expect(Date.now() - fast).toBeLessThan(390);
  });

  it('refuses malformed faults', async () => {
    for (const fault of [{ status: 200 }, { status: 500, count: 0 }, { count: 2 }, { status: 500, colour: 'red' }, [1]]) {
      const res = await call('POST', '/_admin/faults', fault);
      expect(res.status, JSON.stringify(fault)).toBe(400);
      expect(res.body.error.code).toBe('INVALID_FAULT');
    }
  });

  it('simulates user edits by the system\'s own field names, counted apart from API writes', async () => {
    const created = await editInSystem(a.url, { entity: 'users', action: 'create', data: { username: 'ada', roles: ['admin'] } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'U-000001', username: 'ada', roles: ['admin'], active: true });
    const updated = await editInSystem(a.url, { entity: 'users', action: 'update', id: 'U-000001', data: { active: false } });
    expect(updated.body.active).toBe(false);
    const deleted = await editInSystem(a.url, { entity: 'users', action: 'delete', id: 'U-000001' });
    expect(deleted.status).toBe(200);
    expect(deleted.body.username).toBe('ada');

    expect((await editInSystem(a.url, { entity: 'users', action: 'update', id: 'U-000009', data: {} })).status).toBe(404);
    expect((await editInSystem(a.url, { entity: 'users', action: 'create', data: { user_name: 'x' } })).status).toBe(400);
    expect((await editInSystem(a.url, { entity: 'planets', action: 'create', data: {} })).status).toBe(404);
    expect((await call('POST', '/_admin/edit', { entity: 'users', action: 'rename' })).body.error.code).toBe('INVALID_EDIT');
    expect((await call('POST', '/_admin/edit', { entity: 'users', action: 'delete' })).body.error.code).toBe('INVALID_EDIT');

    const stats = a.stats();
    // only edits that were applied count
    expect(stats.edits).toEqual({ users: { create: 1, update: 1, delete: 1 } });
    expect(stats.writes).toEqual({});
    expect(stats.requests).toEqual([]);
  });

  it('resets records, stats, faults and idempotency keys', async () => {
    await call('POST', '/contacts', { email: 'ada@example.com' }, { 'Idempotency-Key': 'k' });
    await call('POST', '/_admin/faults', { status: 500 });
    expect((await call('POST', '/_admin/reset')).status).toBe(204);
    const stats = (await call('GET', '/_admin/stats')).body;
    expect(stats).toMatchObject({ records: { contacts: 0, users: 0 }, writes: {}, requests: [], fault: null, idempotencyKeys: 0 });
    // ids start again, and the old key no longer replays
    const again = await call('POST', '/contacts', { email: 'bob@example.com' }, { 'Idempotency-Key': 'k' });
    expect(again.body).toMatchObject({ id: 'A-000001', email: 'bob@example.com' });
    expect((await call('GET', '/_admin/nothing')).status).toBe(404);
  });

  it('describes itself at /', async () => {
    expect((await call('GET', '/')).body).toEqual({ system: 'A', name: 'CRM', entities: ['contacts', 'users'] });
  });
});
