import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AdapterError } from '../src/adapters/adapter.error';
import { createAdapter } from '../src/adapters/adapter.factory';
import type { SystemAdapter } from '../src/adapters/adapter.types';
import { systemEntitySchema, systemSchema } from '../src/config/hub-config.schema';
import { type RecordingServer, startRecordingServer } from './support/adapters-http-server';

const contacts = systemEntitySchema.parse({ name: 'contacts', id: 'id', updatedAt: 'updatedAt' });
const key = { idempotencyKey: 'delivery-1' };

async function failure(promise: Promise<unknown>): Promise<AdapterError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AdapterError);
  return err as AdapterError;
}

describe('http adapter', () => {
  let server: RecordingServer;
  const adapters: SystemAdapter[] = [];
  const make = (adapter: Record<string, unknown>): SystemAdapter => {
    const built = createAdapter('A', systemSchema.parse({ adapter: { type: 'http', baseUrl: server.baseUrl, ...adapter } }));
    if (!built) throw new Error('no adapter');
    adapters.push(built);
    return built;
  };
  let crm: SystemAdapter;

  beforeAll(async () => {
    server = await startRecordingServer();
    crm = make({ headers: { Authorization: 'Bearer secret-token' } });
  });
  afterAll(async () => {
    await Promise.all(adapters.map((a) => a.close()));
    await server.close();
  });
  beforeEach(() => server.reset(() => ({ status: 500 })));

  describe('conventions', () => {
    it('creates with POST /{name}, the record as JSON, auth and Idempotency-Key headers', async () => {
      server.reset((req) => ({ status: 201, body: { ...JSON.parse(req.body), id: 'c-1', updatedAt: '2024-05-01T10:00:00.000Z' } }));
      const created = await crm.create(contacts, { email: 'ada@example.com' }, key);
      expect(created).toEqual({
        externalId: 'c-1',
        data: { email: 'ada@example.com', id: 'c-1', updatedAt: '2024-05-01T10:00:00.000Z' },
        updatedAt: '2024-05-01T10:00:00.000Z',
        version: '2024-05-01T10:00:00.000Z',
      });
      const [req] = server.requests;
      expect(req.method).toBe('POST');
      expect(req.path).toBe('/contacts');
      expect(JSON.parse(req.body)).toEqual({ email: 'ada@example.com' });
      expect(req.headers['content-type']).toBe('application/json');
      expect(req.headers.authorization).toBe('Bearer secret-token');
      expect(req.headers['idempotency-key']).toBe('delivery-1');
    });

    it('takes the new id from a Location header when the body has none', async () => {
      server.reset(() => ({ status: 201, headers: { location: '/contacts/c-77' } }));
      const created = await crm.create(contacts, { email: 'bo@example.com' }, key);
      expect(created.externalId).toBe('c-77');
      expect(created.data).toEqual({ email: 'bo@example.com', id: 'c-77' });
    });

    it('refuses, permanently, a create answer that names no id', async () => {
      server.reset(() => ({ status: 201, body: { ok: true } }));
      const err = await failure(crm.create(contacts, { email: 'x@example.com' }, key));
      expect(err.opts).toMatchObject({ retryable: false, code: 'HTTP_CREATE_WITHOUT_ID' });
    });

    it('updates with PUT /{name}/{id}; 204 returns what was sent; 404 returns null', async () => {
      server.reset(() => ({ status: 200, body: { id: 'c-1', email: 'new@example.com' } }));
      expect(await crm.update(contacts, 'c-1', { email: 'new@example.com' }, key)).toEqual({
        externalId: 'c-1',
        data: { id: 'c-1', email: 'new@example.com' },
      });
      expect(server.requests[0]).toMatchObject({ method: 'PUT', path: '/contacts/c-1', body: '{"email":"new@example.com"}' });
      expect(server.requests[0].headers['idempotency-key']).toBe('delivery-1');

      server.reset(() => ({ status: 204 }));
      expect(await crm.update(contacts, 'c-1', { email: 'n2@example.com' }, key)).toEqual({
        externalId: 'c-1',
        data: { email: 'n2@example.com' },
      });

      server.reset(() => ({ status: 404, body: { error: 'not found' } }));
      expect(await crm.update(contacts, 'c-404', { email: 'n3@example.com' }, key)).toBeNull();
    });

    it('uses PATCH when updateMethod says so', async () => {
      const patching = make({ updateMethod: 'PATCH' });
      server.reset(() => ({ status: 204 }));
      await patching.update(contacts, 'c-1', { firstName: 'Ada' }, key);
      expect(server.requests[0]).toMatchObject({ method: 'PATCH', path: '/contacts/c-1' });
    });

    it('deletes with DELETE /{name}/{id}; 404 means already deleted', async () => {
      server.reset(() => ({ status: 204 }));
      await crm.delete(contacts, 'c-1', key);
      expect(server.requests[0]).toMatchObject({ method: 'DELETE', path: '/contacts/c-1' });
      expect(server.requests[0].headers['idempotency-key']).toBe('delivery-1');

      server.reset(() => ({ status: 404 }));
      await expect(crm.delete(contacts, 'c-1', key)).resolves.toBeUndefined();
    });

    it('gets with GET /{name}/{id} (id path-encoded); 404 is null', async () => {
      server.reset((req) => (req.path === '/contacts/a%2Fb' ? { body: { id: 'a/b', email: 'ab@example.com' } } : { status: 404 }));
      expect(await crm.get(contacts, 'a/b')).toEqual({ externalId: 'a/b', data: { id: 'a/b', email: 'ab@example.com' } });
      expect(await crm.get(contacts, 'nope')).toBeNull();
      expect(server.requests.map((r) => r.method)).toEqual(['GET', 'GET']);
    });

    it('finds by a field with GET /{name}?{field}={value}, array or {data: []}', async () => {
      server.reset((req) => ({ body: [{ id: 'c-5', email: req.query.get('email') }] }));
      expect(await crm.findBy(contacts, 'email', 'ada@example.com')).toEqual({
        externalId: 'c-5',
        data: { id: 'c-5', email: 'ada@example.com' },
      });
      expect(server.requests[0].url).toBe('/contacts?email=ada%40example.com');

      server.reset(() => ({ body: { data: [{ id: 'c-6', sku: 42 }] } }));
      expect((await crm.findBy(contacts, 'sku', '42'))?.externalId).toBe('c-6');

      server.reset(() => ({ body: { data: [] } }));
      expect(await crm.findBy(contacts, 'email', 'none@example.com')).toBeNull();
    });

    it('does not trust a server that ignores the filter', async () => {
      server.reset(() => ({ body: [{ id: 'c-1', email: 'other@example.com' }, { id: 'c-2', email: 'ada@example.com' }] }));
      expect((await crm.findBy(contacts, 'email', 'ada@example.com'))?.externalId).toBe('c-2');
      server.reset(() => ({ body: [{ id: 'c-1', email: 'other@example.com' }] }));
      expect(await crm.findBy(contacts, 'email', 'ada@example.com')).toBeNull();
    });
  });

  describe('conditional writes', () => {
    it('sends If-Match with the version, quoted unless it already is an entity-tag; only when the system asks for it', async () => {
      const conditional = make({ conditionalWrites: true });
      server.reset((req) => ({ status: 200, body: { ...JSON.parse(req.body), id: 'c-1', updatedAt: '2024-05-01T10:00:01.000Z' } }));
      const updated = await conditional.update(contacts, 'c-1', { email: 'ada@example.com' }, { ...key, ifVersion: '2024-05-01T10:00:00.000Z' });
      expect(updated?.version).toBe('2024-05-01T10:00:01.000Z');
      await conditional.update(contacts, 'c-1', {}, { ...key, ifVersion: 'W/"etag-7"' });
      await conditional.update(contacts, 'c-1', {}, key);
      await crm.update(contacts, 'c-1', {}, { ...key, ifVersion: '2024-05-01T10:00:00.000Z' });
      expect(server.requests.map((r) => r.headers['if-match'])).toEqual(['"2024-05-01T10:00:00.000Z"', 'W/"etag-7"', undefined, undefined]);
    });

    it('412: SYSTEM_CHANGED, retryable, refused (so not applied)', async () => {
      const conditional = make({ conditionalWrites: true });
      server.reset(() => ({ status: 412, body: { error: { code: 'PRECONDITION_FAILED' } } }));
      const err = await failure(conditional.update(contacts, 'c-1', {}, { ...key, ifVersion: 'v1' }));
      expect(err.opts).toMatchObject({ code: 'SYSTEM_CHANGED', status: 412, retryable: true });
      expect(err.message).toMatch(/changed in A since version v1/);
    });
  });

  describe('listing changes', () => {
    const rows = Array.from({ length: 7 }, (_, i) => ({ id: `c-${i}`, updatedAt: `2024-05-01T10:00:0${i}.000Z` }));

    it('asks GET /{name}?updatedSince=&limit= and reads a plain array', async () => {
      server.reset(() => ({ body: rows.slice(0, 2) }));
      const page = await crm.listChanges(contacts, { since: '2024-05-01T00:00:00.000Z', limit: 50 });
      expect(page.next).toBeUndefined();
      expect(page.records.map((r) => [r.externalId, r.updatedAt])).toEqual([
        ['c-0', '2024-05-01T10:00:00.000Z'],
        ['c-1', '2024-05-01T10:00:01.000Z'],
      ]);
      const q = server.requests[0].query;
      expect(server.requests[0].path).toBe('/contacts');
      expect(q.get('updatedSince')).toBe('2024-05-01T00:00:00.000Z');
      expect(q.get('limit')).toBe('50');
      expect(q.has('cursor')).toBe(false);
    });

    it('omits updatedSince when starting from the beginning', async () => {
      server.reset(() => ({ body: [] }));
      await crm.listChanges(contacts, { since: null, limit: 10 });
      expect(server.requests[0].query.has('updatedSince')).toBe(false);
    });

    it('follows {data, next} cursors until the last page', async () => {
      // The server pages by an opaque cursor: the offset, base64-encoded.
      server.reset((req) => {
        const offset = req.query.has('cursor') ? Number(Buffer.from(req.query.get('cursor') ?? '', 'base64').toString()) : 0;
        const limit = Number(req.query.get('limit'));
        const end = offset + limit;
        return { body: { data: rows.slice(offset, end), next: end < rows.length ? Buffer.from(String(end)).toString('base64') : null } };
      });
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await crm.listChanges(contacts, { since: '2024-01-01T00:00:00.000Z', limit: 3, cursor });
        seen.push(...page.records.map((r) => r.externalId));
        cursor = page.next;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual(rows.map((r) => r.id));
      expect(server.requests.map((r) => r.query.get('updatedSince'))).toEqual(Array(3).fill('2024-01-01T00:00:00.000Z'));
      expect(server.requests[1].query.get('cursor')).toBe(Buffer.from('3').toString('base64'));
    });

    it('lists every id across cursor pages', async () => {
      server.reset((req) => (req.query.get('cursor') === 'p2' ? { body: { data: rows.slice(4) } } : { body: { data: rows.slice(0, 4), next: 'p2' } }));
      const ids: string[] = [];
      for await (const id of crm.listIds!(contacts)) ids.push(id);
      expect(ids).toEqual(rows.map((r) => r.id));
    });

    it('rejects, permanently, a list answer of the wrong shape', async () => {
      server.reset(() => ({ body: { items: [] } }));
      const err = await failure(crm.listChanges(contacts, { since: null, limit: 10 }));
      expect(err.opts).toMatchObject({ retryable: false, code: 'HTTP_UNEXPECTED_BODY' });
    });
  });

  it('applies path overrides with {name} and {id} under a base path', async () => {
    const custom = make({
      baseUrl: `${server.baseUrl}/api/v2/`,
      paths: { create: '/{name}/new', update: '{name}/{id}/edit', delete: '/{name}/{id}/remove', get: '/{name}/by-id/{id}', list: '/{name}/search' },
    });
    server.reset((req) => ({ status: req.method === 'DELETE' ? 204 : 200, body: req.path.endsWith('/search') ? [] : { id: 'x-1' } }));
    await custom.create(contacts, { email: 'a@example.com' }, key);
    await custom.update(contacts, 'x-1', { email: 'b@example.com' }, key);
    await custom.delete(contacts, 'x-1', key);
    await custom.get(contacts, 'x-1');
    await custom.findBy(contacts, 'email', 'b@example.com');
    await custom.listChanges(contacts, { since: null, limit: 5 });
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/v2/contacts/new',
      'PUT /api/v2/contacts/x-1/edit',
      'DELETE /api/v2/contacts/x-1/remove',
      'GET /api/v2/contacts/by-id/x-1',
      'GET /api/v2/contacts/search',
      'GET /api/v2/contacts/search',
    ]);
  });

  it('encodes ids and query values as the URL standard does, and keeps a path template\'s own query', async () => {
    server.reset((req) => ({ body: req.path.endsWith('/view') ? { id: 'ä 1' } : [] }));
    await crm.findBy(contacts, 'email', 'a b+c@example.com');
    const filtered = make({ paths: { list: '/{name}?active=true&email=x', get: '/{name}/{id}/view' } });
    await filtered.findBy(contacts, 'email', 'a b+c@example.com');
    await filtered.listChanges(contacts, { since: '2026-01-02T03:04:05.000Z', limit: 5 });
    expect(await filtered.get(contacts, 'ä 1')).toMatchObject({ externalId: 'ä 1' });
    expect(server.requests.map((r) => r.url)).toEqual([
      '/contacts?email=a+b%2Bc%40example.com',
      // The template's parameter of the same name is replaced, the others kept.
      '/contacts?active=true&email=a+b%2Bc%40example.com',
      '/contacts?active=true&email=x&updatedSince=2026-01-02T03%3A04%3A05.000Z&limit=5',
      '/contacts/%C3%A4%201/view',
    ]);
  });

  describe('errors', () => {
    it('classifies 500 as retryable and keeps the Idempotency-Key of a retried delivery', async () => {
      let calls = 0;
      server.reset(() => (++calls === 1 ? { status: 500, body: 'boom' } : { status: 201, body: { id: 'c-9' } }));
      const err = await failure(crm.create(contacts, { email: 'r@example.com' }, { idempotencyKey: 'delivery-42' }));
      expect(err.opts).toMatchObject({ retryable: true, status: 500, code: 'HTTP_SERVER_ERROR' });
      expect((await crm.create(contacts, { email: 'r@example.com' }, { idempotencyKey: 'delivery-42' })).externalId).toBe('c-9');
      expect(server.requests.map((r) => r.headers['idempotency-key'])).toEqual(['delivery-42', 'delivery-42']);
    });

    it('reads Retry-After in seconds on 429', async () => {
      server.reset(() => ({ status: 429, headers: { 'retry-after': '7' } }));
      const err = await failure(crm.get(contacts, 'c-1'));
      expect(err.opts).toMatchObject({ retryable: true, status: 429, retryAfterMs: 7000, code: 'HTTP_RATE_LIMITED' });
    });

    it('reads Retry-After as an HTTP-date on 503', async () => {
      server.reset(() => ({ status: 503, headers: { 'retry-after': new Date(Date.now() + 30_000).toUTCString() } }));
      const err = await failure(crm.get(contacts, 'c-1'));
      expect(err.opts).toMatchObject({ retryable: true, status: 503, code: 'HTTP_UNAVAILABLE' });
      // HTTP-dates have whole seconds, so up to one second is lost to rounding.
      expect(err.retryAfterMs).toBeGreaterThan(28_000);
      expect(err.retryAfterMs).toBeLessThanOrEqual(30_000);
    });

    it('classifies 408 as retryable', async () => {
      server.reset(() => ({ status: 408 }));
      expect((await failure(crm.get(contacts, 'c-1'))).retryable).toBe(true);
    });

    it('classifies 400 as permanent, with the status and an excerpt of the body', async () => {
      server.reset(() => ({ status: 400, body: { error: 'email is invalid' } }));
      const err = await failure(crm.create(contacts, { email: 'bad' }, key));
      expect(err.opts).toMatchObject({ retryable: false, status: 400, code: 'HTTP_CLIENT_ERROR' });
      expect(err.message).toContain('400');
      expect(err.message).toContain('email is invalid');
    });

    // Below 5 s one AbortSignal bounds the exchange; from 5 s up undici's stage timers do (http-transport.ts).
    it.each([
      { timeout: '200ms', delayMs: 1_000, within: 900 },
      { timeout: '5s', delayMs: 8_000, within: 6_600 },
    ])('classifies a timeout of a server that never answers as retryable ($timeout)', async ({ timeout, delayMs, within }) => {
      const slow = make({ timeout });
      server.reset(() => ({ delayMs, body: { id: 'late' } }));
      const started = performance.now();
      const err = await failure(slow.get(contacts, 'c-1'));
      expect(err.opts).toMatchObject({ retryable: true, code: 'HTTP_TIMEOUT' });
      expect(performance.now() - started).toBeLessThan(within);
    }, 15_000);

    it.each([
      { timeout: '200ms', ms: 200, within: 900 },
      { timeout: '5s', ms: 5_000, within: 6_600 },
    ])('times out a server that sends its headers and then stalls mid-body ($timeout)', async ({ timeout, ms, within }) => {
      // The recording server answers whole; this one writes the headers and half a JSON body, then goes quiet.
      const stalling = createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"id":"c-1",');
      });
      await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
      try {
        const slow = make({ baseUrl: `http://127.0.0.1:${(stalling.address() as AddressInfo).port}`, timeout });
        const started = performance.now();
        const err = await failure(slow.get(contacts, 'c-1'));
        expect(err.opts).toMatchObject({ retryable: true, code: 'HTTP_TIMEOUT' });
        expect(err.message).toContain(`timed out after ${ms} ms`);
        const took = performance.now() - started;
        expect(took).toBeGreaterThanOrEqual(ms - 50);
        expect(took).toBeLessThan(within);
      } finally {
        stalling.closeAllConnections();
        await new Promise<void>((resolve) => stalling.close(() => resolve()));
      }
    }, 15_000);

    it('sends a configured header once, whatever its case, in place of the default', async () => {
      server.reset(() => ({ status: 200, body: { id: 'c-1' } }));
      const jsonApi = make({ headers: { ACCEPT: 'application/vnd.api+json', 'X-Tenant': 'north' } });
      await jsonApi.get(contacts, 'c-1');
      await jsonApi.get(contacts, 'c-2');
      for (const req of server.requests) {
        expect(req.headers.accept).toBe('application/vnd.api+json');
        expect(req.headers['x-tenant']).toBe('north');
        expect(req.headers['idempotency-key']).toBeUndefined();
      }
      expect(server.requests).toHaveLength(2);
    });

    it('follows a redirect with the same method and body, as fetch would', async () => {
      server.reset((req) => (req.url.startsWith('/old/')
        ? { status: 307, headers: { location: req.url.replace('/old/', '/new/') } }
        : { status: 201, body: { id: 'c-9', ...(JSON.parse(req.body) as object) } }));
      const moved = make({ baseUrl: `${server.baseUrl}/old` });
      expect(await moved.create(contacts, { email: 'x@example.com' }, key)).toMatchObject({ externalId: 'c-9' });
      // The first answer is only a redirect: the request is sent again through the agent that follows redirects.
      expect(server.requests.map((r) => `${r.method} ${r.url.replace(/\?.*/, '')}`)).toEqual(['POST /old/contacts', 'POST /old/contacts', 'POST /new/contacts']);
      expect(server.requests[2].body).toBe(server.requests[0].body);
    });

    it('follows a 303 with a GET, as fetch would, and leaves a redirect without a location unfollowed', async () => {
      server.reset((req) => (req.url.startsWith('/seeother/')
        ? { status: 303, headers: { location: '/new/contacts/c-9' } }
        : req.url.startsWith('/nowhere/') ? { status: 302 } : { status: 200, body: { id: 'c-9', email: 'x@example.com' } }));
      const seeOther = make({ baseUrl: `${server.baseUrl}/seeother` });
      expect(await seeOther.create(contacts, { email: 'x@example.com' }, key)).toMatchObject({ externalId: 'c-9' });
      expect(server.requests.map((r) => `${r.method} ${r.url.replace(/\?.*/, '')}`).slice(-1)).toEqual(['GET /new/contacts/c-9']);
      const err = await failure(make({ baseUrl: `${server.baseUrl}/nowhere` }).create(contacts, { email: 'x@example.com' }, key));
      expect(err.opts).toMatchObject({ retryable: false, status: 302, code: 'HTTP_CLIENT_ERROR' });
    });

    it('classifies a refused connection as retryable', async () => {
      const closed = await startRecordingServer();
      await closed.close();
      const unreachable = make({ baseUrl: closed.baseUrl });
      const err = await failure(unreachable.get(contacts, 'c-1'));
      expect(err.opts).toMatchObject({ retryable: true, code: 'HTTP_NETWORK' });
    });

    it('classifies a 2xx answer that is not JSON as retryable', async () => {
      server.reset(() => ({ status: 200, body: '<html>gateway</html>' }));
      const err = await failure(crm.get(contacts, 'c-1'));
      expect(err.opts).toMatchObject({ retryable: true, status: 200, code: 'HTTP_INVALID_RESPONSE' });
    });
  });

  it('spaces requests by its rate limit', async () => {
    const limited = make({ rateLimit: { perSecond: 10 } });
    server.reset(() => ({ body: { id: 'c-1' } }));
    await Promise.all(Array.from({ length: 6 }, () => limited.get(contacts, 'c-1')));
    const at = server.requests.map((r) => r.at).sort((a, b) => a - b);
    const gaps = at.slice(1).map((t, i) => t - at[i]);
    // 10/s = one request every 100 ms. Arrival is timed in this same busy process, so one late arrival
    // shortens the next gap: the bounds leave room for that, and unthrottled requests land within a few ms.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(50);
    expect(at[at.length - 1] - at[0]).toBeGreaterThanOrEqual(450);
  });

  it('refuses calls after close, as retryable', async () => {
    const closing = make({ rateLimit: { perSecond: 50 } });
    await closing.close();
    const err = await failure(closing.get(contacts, 'c-1'));
    expect(err.opts).toMatchObject({ retryable: true, code: 'ADAPTER_CLOSED' });
    expect(server.requests).toHaveLength(0);
  });
});
