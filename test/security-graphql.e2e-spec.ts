import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueKey } from './support/api-keys';
import { gqlAs } from './support/graphql';
import { startTestHub, type TestHub } from './support/test-hub';

const INTROSPECTION = '{ __schema { queryType { name } } }';

describe('GraphQL limits, introspection and errors', () => {
  let hub: TestHub;
  let viewer: { Authorization: string };
  const nodeEnv = process.env.NODE_ENV;

  beforeAll(async () => {
    // Apollo adds stack traces unless NODE_ENV is production or test: the hub must not, in any environment.
    process.env.NODE_ENV = 'development';
    hub = await startTestHub({ HUB_GRAPHQL_MAX_DEPTH: '4', HUB_GRAPHQL_MAX_ALIASES: '3', HUB_GRAPHQL_MAX_COST: '60', HUB_GRAPHQL_MAX_TOKENS: '400' });
    viewer = await issueKey(hub, 'viewer');
  });
  afterAll(async () => {
    process.env.NODE_ENV = nodeEnv;
    await hub?.close();
  });

  const post = (headers: Record<string, string>, query: string, variables: Record<string, unknown> = {}) =>
    hub.http.post('/graphql').set(headers).send({ query, variables });

  it.each([
    ['depth', 'QUERY_TOO_DEEP', '{ goldenRecords(entityType: "contact") { nodes { versions { nodes { version } } } } }'],
    ['aliases', 'TOO_MANY_ALIASES', '{ a: events { nodes { id } } b: events { nodes { id } } c: jobs { nodes { id } } d: jobs { nodes { id } } }'],
    ['cost', 'QUERY_TOO_COSTLY', `{ ${['events', 'deliveries', 'conflicts', 'jobs', 'apiKeys', 'auditLog', 'inferredDeletes'].map((f) => `${f} { nodes { id } pageInfo { hasNextPage endCursor } }`).join(' ')} }`],
    ['tokens', 'QUERY_TOO_LARGE', `{ ${'__typename '.repeat(500)} }`],
  ])('refuses a document over the %s limit with %s before running it', async (_limit, code, query) => {
    const res = await post(viewer, query);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.errors.map((e: { extensions: { code: string } }) => e.extensions.code), JSON.stringify(res.body)).toContain(code);
    expect(res.body.data).toBeUndefined();
  });

  it('answers documents within the limits', async () => {
    const body = await gqlAs(hub, viewer, '{ a: __typename b: __typename goldenRecords(entityType: "contact") { nodes { id } } }');
    expect(body.errors).toBeUndefined();
    expect(body.data).toMatchObject({ a: 'Query', goldenRecords: { nodes: [] } });
  });

  it('answers introspection only to a valid key, with the codes REST uses', async () => {
    const none = await post({}, INTROSPECTION);
    expect(none.body.errors[0].extensions.code).toBe('API_KEY_MISSING');
    expect(none.body.data?.__schema).toBeUndefined();
    const rest = await hub.http.get('/api/events');
    expect(rest.body.error.code).toBe('API_KEY_MISSING');

    const revoked = await issueKey(hub, 'viewer', 'to-revoke');
    const keys = await hub.http.get('/api/api-keys').set(hub.auth);
    const id = (keys.body.items as { id: string; name: string }[]).find((k) => k.name === 'to-revoke')!.id;
    expect((await hub.http.delete(`/api/api-keys/${id}`).set(hub.auth)).status).toBeLessThan(300);
    expect((await post(revoked, INTROSPECTION)).body.errors[0].extensions.code).toBe('API_KEY_INVALID');
    expect((await post({ Authorization: 'Bearer not-a-key-at-all' }, '{ __type(name: "Query") { name } }')).body.errors[0].extensions.code).toBe('API_KEY_INVALID');

    const allowed = await post(viewer, INTROSPECTION);
    expect(allowed.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it('never sends a stack trace or file path, whatever the error', async () => {
    const answers = [
      await post(viewer, '{ nope }'),
      await post(viewer, '{ event(id: "x") { id } }'),
      await post(viewer, 'query($n: Int) { events(first: $n) { nodes { id } } }', { n: 'many' }),
      await post(viewer, '{ unclosed'),
    ];
    for (const res of answers) {
      const text = JSON.stringify(res.body);
      expect(res.body.errors ?? [], text).not.toEqual([]);
      expect(text).not.toMatch(/stacktrace|exception|\/work\/|node_modules|\.ts:\d+/);
    }
  });

  it('answers the same fault with the same code as REST', async () => {
    const restEvent = await hub.http.get('/api/events/not-an-id').set(viewer);
    const gqlEvent = await post(viewer, '{ event(id: "not-an-id") { id } }');
    expect(gqlEvent.body.errors[0].extensions.code).toBe(restEvent.body.error.code);
    const restDelivery = await hub.http.get('/api/deliveries/not-an-id').set(viewer);
    const gqlDelivery = await post(viewer, '{ delivery(id: "not-an-id") { id } }');
    expect([restDelivery.status, restDelivery.body.error.code]).toEqual([400, 'INVALID_ID']);
    expect(gqlDelivery.body.errors[0].extensions.code).toBe('INVALID_ID');

    const restPage = await hub.http.get('/api/events?first=many').set(viewer);
    const gqlPage = await post(viewer, 'query($n: Int) { events(first: $n) { nodes { id } } }', { n: 'many' });
    expect(restPage.body.error.code).toBe('INVALID_REQUEST');
    expect(gqlPage.body.errors[0].extensions.code).toBe('INVALID_REQUEST');

    const restLimit = await hub.http.get('/api/events?first=0').set(viewer);
    const gqlLimit = await post(viewer, '{ events(first: 0) { nodes { id } } }');
    expect(gqlLimit.body.errors[0].extensions.code).toBe(restLimit.body.error.code);

    const restRole = await hub.http.post('/api/api-keys').set(viewer).send({ name: 'x', role: 'viewer' });
    const gqlRole = await post(viewer, 'mutation { issueApiKey(name: "x", role: viewer) { key } }');
    expect(gqlRole.body.errors[0].extensions.code).toBe(restRole.body.error.code);
  });

  it('refuses a NUL in a string literal as PAYLOAD_UNSTORABLE', async () => {
    const res = await post(viewer, '{ events(externalId: "a\\u0000b") { nodes { id } } }');
    expect(res.body.errors[0].extensions.code).toBe('PAYLOAD_UNSTORABLE');
  });
});
