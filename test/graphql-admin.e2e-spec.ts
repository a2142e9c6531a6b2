import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/test-hub';

/**
 * The reads and writes GraphQL gained to match REST: events, deliveries, configuration, status, audit log, API keys,
 * inferred deletes. Each answers what its REST twin answers, over the same service, with the same roles.
 */
describe('GraphQL twins of the REST admin reads and writes', () => {
  let hub: TestHub;
  let viewer: { Authorization: string };
  let steward: { Authorization: string };

  const gql = async (auth: { Authorization: string }, query: string, variables: Record<string, unknown> = {}) =>
    (await hub.http.post('/graphql').set(auth).send({ query, variables })).body as { data?: any; errors?: { extensions: { code: string } }[] };
  const rest = async (path: string) => (await hub.http.get(path).set(hub.auth).expect(200)).body;

  beforeAll(async () => {
    hub = await startTestHub({ HUB_WORKERS: 'off' });
    const issue = async (role: string) => `Bearer ${(await hub.http.post('/api/api-keys').set(hub.auth).send({ name: `gql-${role}`, role })).body.key}`;
    viewer = { Authorization: await issue('viewer') };
    steward = { Authorization: await issue('steward') };
    await hub.sql.query(
      `INSERT INTO inbox_event (system, event_id, event_type, entity_type, action, external_id, payload, origin, status, reason)
       VALUES ('A', 'e1', 'contacts.created', 'contact', 'upsert', 'a-1', '{"id":"a-1"}', 'webhook', 'rejected', 'invalid')`,
    );
    await hub.sql.query(
      `INSERT INTO outbox (system, entity_type, golden_id, golden_version, operation, payload, canonical, payload_hash, status)
       VALUES ('B', 'contact', gen_random_uuid(), 1, 'upsert', '{"x":1}', '{}', 'h', 'delivered')`,
    );
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('reads an event and a delivery as REST does, and replays an event as a steward only', async () => {
    const [event] = (await rest('/api/events')).items;
    const one = await gql(viewer, `query($id: ID!) { event(id: $id) { id status action origin reason payload } }`, { id: event.id });
    expect(one.data.event).toEqual({ id: event.id, status: 'rejected', action: 'upsert', origin: 'webhook', reason: 'invalid', payload: null });
    expect((await gql(viewer, `{ event(id: "999999") { id } }`)).data.event).toBeNull();
    expect((await gql(viewer, `{ event(id: "abc") { id } }`)).errors?.[0].extensions.code).toBe('INVALID_ID');

    const denied = await gql(viewer, `mutation($id: ID!) { replayEvent(id: $id) { status } }`, { id: event.id });
    expect(denied.errors?.[0].extensions.code).toBe('ROLE_FORBIDDEN');
    const replayed = await gql(steward, `mutation($id: ID!) { replayEvent(id: $id) { status attempts } }`, { id: event.id });
    expect(replayed.data.replayEvent).toEqual({ status: 'pending', attempts: 0 });
    expect((await gql(steward, `mutation($id: ID!) { replayEvent(id: $id) { status } }`, { id: event.id })).errors?.[0].extensions.code)
      .toBe('EVENT_NOT_REPLAYABLE');

    const [delivery] = (await rest('/api/deliveries')).items;
    const d = await gql(viewer, `query($id: ID!) { delivery(id: $id) { id status operation payload } }`, { id: delivery.id });
    expect(d.data.delivery).toEqual({ id: delivery.id, status: 'delivered', operation: 'upsert', payload: { x: 1 } });
    const retry = await gql(steward, `mutation($id: ID!) { retryDelivery(id: $id) { status } }`, { id: delivery.id });
    expect(retry.errors?.[0].extensions.code).toBe('DELIVERY_NOT_RETRYABLE');
    const replay = await gql(steward, `mutation { replayDeadLetters(system: "B") { count } }`);
    expect(replay.data.replayDeadLetters).toEqual({ count: 0 });
  });

  it('gives the status report, systems and entity types to viewers, and configuration only to admins', async () => {
    const status = await gql(viewer, `{ status { configVersion health { status checks { database { status } } } hub { goldenRecords inboxPending } systems { key } } }`);
    const restStatus = await rest('/api/status');
    expect(status.data.status).toMatchObject({ configVersion: restStatus.configVersion, health: { status: 'ok', checks: { database: { status: 'up' } } } });
    expect(status.data.status.hub.inboxPending).toBe(restStatus.hub.inboxPending);
    const types = await gql(viewer, `{ entityTypes { name deletePolicy systems } systems { key direction } }`);
    expect(types.data.entityTypes.map((t: { name: string }) => t.name)).toEqual((await rest('/api/entity-types')).map((t: { name: string }) => t.name));

    expect((await gql(viewer, `{ configuration { version } }`)).errors?.[0].extensions.code).toBe('ROLE_FORBIDDEN');
    const config = await gql(hub.auth, `{ configuration { version document } configurationVersion(version: 999) { version } }`);
    expect(config.data).toEqual({ configuration: { version: 0, document: {} }, configurationVersion: null });
    const dry = await gql(hub.auth, `mutation($d: JSON!) { replaceConfiguration(document: $d, dryRun: true) { applied version changes } }`, {
      d: {},
    });
    expect(dry.data.replaceConfiguration).toEqual({ applied: false, version: 0, changes: [] });
    const invalid = await gql(hub.auth, `mutation { replaceConfiguration(document: { systems: 3 }) { applied } }`);
    expect(invalid.errors?.[0].extensions.code).toBe('HUB_CONFIG_INVALID');
  });

  it('issues and revokes API keys (admin only), audited, and lists them and the audit log', async () => {
    expect((await gql(steward, `mutation { issueApiKey(name: "x", role: viewer) { key } }`)).errors?.[0].extensions.code).toBe('ROLE_FORBIDDEN');
    const issued = (await gql(hub.auth, `mutation { issueApiKey(name: "ops-bot", role: steward) { id name role key } }`)).data.issueApiKey;
    expect(issued).toMatchObject({ name: 'ops-bot', role: 'steward', key: expect.stringMatching(/^mdh_/) });
    const keys = (await gql(hub.auth, `{ apiKeys(first: 10) { nodes { id name role revokedAt } } }`)).data.apiKeys.nodes;
    expect(keys[0]).toEqual({ id: issued.id, name: 'ops-bot', role: 'steward', revokedAt: null });
    expect(JSON.stringify(keys)).not.toContain(issued.key);
    expect((await gql(hub.auth, `mutation($id: ID!) { revokeApiKey(id: $id) }`, { id: issued.id })).data.revokeApiKey).toBe(true);
    expect((await gql(hub.auth, `mutation($id: ID!) { revokeApiKey(id: $id) }`, { id: issued.id })).errors?.[0].extensions.code).toBe('API_KEY_NOT_FOUND');
    const audit = (await gql(hub.auth, `{ auditLog(action: "api-key.revoke") { nodes { action target actor } } }`)).data.auditLog.nodes;
    expect(audit).toEqual([{ action: 'api-key.revoke', target: `api-key:${issued.id}`, actor: 'key:bootstrap-admin' }]);
  });

  it('reads the inferred-delete queue and answers its decisions like REST', async () => {
    const { rows } = await hub.sql.query(
      `INSERT INTO inferred_delete (id, system, entity_type, external_id) VALUES (gen_random_uuid(), 'C', 'contact', 'c-9') RETURNING id`,
    );
    const queue = await gql(viewer, `{ inferredDeletes(status: pending) { nodes { id externalId status } } }`);
    expect(queue.data.inferredDeletes.nodes).toEqual([{ id: rows[0].id, externalId: 'c-9', status: 'pending' }]);
    const dismissed = await gql(steward, `mutation($id: ID!) { dismissInferredDelete(id: $id) { status decidedBy } }`, { id: rows[0].id });
    expect(dismissed.data.dismissInferredDelete).toEqual({ status: 'dismissed', decidedBy: expect.stringContaining('gql-steward') });
    const again = await gql(steward, `mutation($id: ID!) { approveInferredDelete(id: $id) { status } }`, { id: rows[0].id });
    expect(again.errors?.[0].extensions.code).toBe('INFERRED_DELETE_DECIDED');
  });
});
