import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeliveryHarness, startDeliveryHarness, waitFor, waitForOutboxIdle } from './fixtures/delivery/delivery-harness';
import { gql } from './support/graphql';
import { captureLog, type CapturedLog } from './support/log-capture';
import { envelope, SECRETS, signedWebhook, waitForInboxDrained } from './support/webhooks';

/** One change followed by its correlation id: request log, inbox event, version cause, deliveries, and the event's trail. */
describe('correlation ids', () => {
  let h: DeliveryHarness;
  let log: CapturedLog;
  beforeAll(async () => {
    log = captureLog('debug');
    h = await startDeliveryHarness({ logger: log.logger });
  });
  afterAll(async () => {
    await h?.close();
  });

  async function postFromA(data: Record<string, unknown>, extra: Record<string, string> = {}) {
    const { raw, headers } = signedWebhook(SECRETS.A, envelope('contacts.created', data));
    const res = await h.hub.http.post('/webhooks/A').set({ ...headers, ...extra }).send(raw);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    await waitForInboxDrained(h.hub.sql);
    return { res, webhookId: headers['webhook-id'] };
  }

  it("carries a caller's x-request-id through the log, the event, the version and every delivery", async () => {
    const correlationId = 'req-7f3c-correlation-e2e';
    const aId = h.A.put({ email: 'trail@example.com', firstName: 'Tra', lastName: 'Il' });
    const { res } = await postFromA(h.A.records.get(aId)!, { 'x-request-id': correlationId });
    expect(res.headers['x-request-id']).toBe(correlationId);
    const inboxId = res.body.inboxId as string;
    await waitFor('B to be delivered', async () => {
      const { rows } = await h.hub.sql.query(`SELECT count(*)::int AS n FROM outbox WHERE correlation_id = $1 AND status = 'delivered'`, [correlationId]);
      return rows[0].n === 1;
    });
    await waitForOutboxIdle(h.hub);

    const event = (await h.hub.sql.query(`SELECT correlation_id, golden_id, golden_version FROM inbox_event WHERE id = $1`, [inboxId])).rows[0];
    expect(event.correlation_id).toBe(correlationId);
    const version = (await h.hub.sql.query(`SELECT cause FROM golden_version WHERE golden_id = $1 AND version = $2`, [event.golden_id, event.golden_version])).rows[0];
    expect(version.cause.correlationId).toBe(correlationId);
    const deliveries = (await h.hub.sql.query(`SELECT system, status, correlation_id FROM outbox WHERE golden_id = $1 ORDER BY system`, [event.golden_id])).rows;
    // C sends in a far-away batch window: its row waits, and carries the id too. D only takes active contacts.
    expect(deliveries).toEqual([
      { system: 'B', status: 'delivered', correlation_id: correlationId },
      { system: 'C', status: 'pending', correlation_id: correlationId },
    ]);

    const lines = log.lines();
    const requestLine = lines.find((l) => l.correlationId === correlationId && String(l.msg).startsWith('POST /webhooks/A 202'));
    expect(requestLine, 'the request line').toBeDefined();
    const batchLine = lines.find((l) => String(l.msg).startsWith('batch of') && (l.correlationIds as string[] | undefined)?.includes(correlationId));
    expect(batchLine, 'the pipeline batch line').toBeDefined();
    const deliveryLine = lines.find((l) => String(l.msg).startsWith('claim of') && (l.correlationIds as string[] | undefined)?.includes(correlationId));
    expect(deliveryLine, 'the delivery claim line').toBeDefined();

    // The event's trail: received → applied (version) → delivered per system, the same over REST and GraphQL.
    const rest = await h.hub.http.get(`/api/events/${inboxId}`).set(h.hub.auth);
    expect(rest.status).toBe(200);
    expect(rest.body.correlationId).toBe(correlationId);
    expect(rest.body.trail.applied).toMatchObject({ goldenId: event.golden_id, version: event.golden_version, correlationId });
    expect(rest.body.trail.deliveries.map((d: Record<string, unknown>) => [d.system, d.status, d.correlationId, d.goldenVersion])).toEqual([
      ['B', 'delivered', correlationId, event.golden_version],
      ['C', 'pending', correlationId, event.golden_version],
    ]);
    const data = await gql(h.hub, `query($id: ID!) { event(id: $id) { correlationId trail { receivedAt applied { version correlationId }
      deliveries { id system status attempts correlationId deliveredAt } } } }`, { id: inboxId });
    expect(data.event.correlationId).toBe(correlationId);
    expect(data.event.trail.applied).toEqual({ version: event.golden_version, correlationId });
    expect(data.event.trail.deliveries.map((d: Record<string, unknown>) => d.id)).toEqual(rest.body.trail.deliveries.map((d: Record<string, unknown>) => d.id));
  });

  it("uses the sender's webhook-id when no request id is given", async () => {
    const aId = h.A.put({ email: 'wid@example.com', firstName: 'Web', lastName: 'Hook' });
    const { res, webhookId } = await postFromA(h.A.records.get(aId)!);
    expect(res.headers['x-request-id']).toBe(webhookId);
    const { rows } = await h.hub.sql.query(`SELECT correlation_id FROM inbox_event WHERE id = $1`, [res.body.inboxId]);
    expect(rows[0].correlation_id).toBe(webhookId);
  });

  it('generates an id for a request that brings none, and returns it', async () => {
    const res = await h.hub.http.get('/api/events?first=1').set(h.hub.auth);
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
