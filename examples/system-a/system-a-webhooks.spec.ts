import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RestSystem, startRestSystem } from '../shared/rest-system';
import { callSystem, editInSystem } from '../shared/system-client';
import { startWebhookReceiver, type WebhookReceiver } from '../shared/webhook-receiver';
import { SYSTEM_A_DEFINITION, SYSTEM_A_DEMO_SECRET, startSystemA } from './system-a';

describe('System A webhooks to the hub', () => {
  let hub: WebhookReceiver;
  let a: RestSystem;

  beforeEach(async () => {
    hub = await startWebhookReceiver({ A: SYSTEM_A_DEMO_SECRET });
  });
  afterEach(async () => {
    await a?.close();
    a = undefined as unknown as RestSystem;
    await hub.close();
  });

  it('sends one Standard-Webhooks-signed event per change, API writes and user edits alike, in order', async () => {
    a = await startSystemA({ port: 0, hubUrl: hub.url });
    const created = await callSystem(a.url, 'POST', '/contacts', { email: 'ada@example.com', firstName: 'Ada' });
    await callSystem(a.url, 'PUT', '/contacts/A-000001', { lastName: 'Lovelace' });
    await editInSystem(a.url, { entity: 'contacts', action: 'update', id: 'A-000001', data: { phone: '+1 202 555 0100' } });
    await callSystem(a.url, 'DELETE', '/contacts/A-000001');

    const events = await hub.waitForAccepted(4);
    expect(events.map((e) => e.envelope?.type)).toEqual(['contacts.created', 'contacts.updated', 'contacts.updated', 'contacts.deleted']);
    expect(events.every((e) => e.systemKey === 'A')).toBe(true);
    expect(events[0].envelope).toEqual({ type: 'contacts.created', timestamp: created.body.updatedAt, data: created.body });
    expect(events[3].envelope?.data).toMatchObject({ id: 'A-000001', email: 'ada@example.com', lastName: 'Lovelace', phone: '+1 202 555 0100' });
    expect(new Set(events.map((e) => e.webhookId)).size).toBe(4);
    expect(hub.requests).toHaveLength(4);

    // the signature is bound to the secret: another secret does not verify the same request
    const other = new Webhook(`whsec_${Buffer.from('a different secret key!!').toString('base64')}`);
    expect(() => other.verify(events[0].raw, events[0].headers as Record<string, string>)).toThrow();
    await a.webhooks.idle();
    expect(a.stats().webhooks).toMatchObject({ delivered: 4, failed: 0, pending: 0 });
  });

  it('stays silent when webhooks are off, and can be switched on at run time', async () => {
    a = await startSystemA({ port: 0, hubUrl: hub.url, webhooks: false });
    await callSystem(a.url, 'POST', '/contacts', { email: 'ada@example.com' });
    await editInSystem(a.url, { entity: 'users', action: 'create', data: { username: 'ada' } });
    await a.webhooks.idle();
    expect(hub.requests).toHaveLength(0);
    expect(a.stats().webhooks).toMatchObject({ enabled: false, suppressed: 2, delivered: 0 });

    const on = await callSystem(a.url, 'POST', '/_admin/webhooks', { enabled: true });
    expect(on.body.enabled).toBe(true);
    await callSystem(a.url, 'POST', '/users', { username: 'bob' });
    const [event] = await hub.waitForAccepted(1);
    expect(event.envelope).toMatchObject({ type: 'users.created', data: { username: 'bob' } });
  });

  it('loses the next N webhooks on purpose, then sends again', async () => {
    a = await startSystemA({ port: 0, hubUrl: hub.url });
    expect((await callSystem(a.url, 'POST', '/_admin/webhooks', { dropNext: 2 })).body.dropNext).toBe(2);
    for (const email of ['a@example.com', 'b@example.com', 'c@example.com']) await callSystem(a.url, 'POST', '/contacts', { email });
    const [event] = await hub.waitForAccepted(1);
    await a.webhooks.idle();
    expect(hub.requests).toHaveLength(1);
    expect(event.envelope?.data).toMatchObject({ email: 'c@example.com' });
    expect(a.stats().webhooks).toMatchObject({ dropped: 2, delivered: 1, dropNext: 0 });
    expect((await callSystem(a.url, 'POST', '/_admin/webhooks', { dropNext: -1 })).status).toBe(400);
  });

  it('retries a failed delivery with the same webhook-id and a fresh signature', async () => {
    a = await startSystemA({ port: 0, hubUrl: hub.url, webhookRetryDelayMs: 5 });
    hub.respondWith(500, 503);
    await callSystem(a.url, 'POST', '/contacts', { email: 'ada@example.com' });
    await hub.waitForAccepted(1);
    expect(hub.requests.map((r) => r.status)).toEqual([500, 503, 204]);
    expect(new Set(hub.requests.map((r) => r.webhookId)).size).toBe(1);
    expect(hub.requests.every((r) => r.verified)).toBe(true);
    await a.webhooks.idle();
    expect(a.stats().webhooks.deliveries[0]).toMatchObject({ outcome: 'delivered', attempts: 3, lastStatus: 204 });
  });

  it('gives up after its attempts, does not retry a 4xx, and keeps order for later events', async () => {
    a = await startSystemA({ port: 0, hubUrl: hub.url, webhookAttempts: 2, webhookRetryDelayMs: 5 });
    hub.respondWith(500, 500, 400);
    await callSystem(a.url, 'POST', '/contacts', { email: 'first@example.com' });
    await callSystem(a.url, 'POST', '/contacts', { email: 'second@example.com' });
    await callSystem(a.url, 'POST', '/contacts', { email: 'third@example.com' });
    await hub.waitForAccepted(1);
    await a.webhooks.idle();
    expect(hub.requests.map((r) => [r.status, (r.envelope?.data as { email: string }).email])).toEqual([
      [500, 'first@example.com'],
      [500, 'first@example.com'],
      [400, 'second@example.com'],
      [204, 'third@example.com'],
    ]);
    expect(a.stats().webhooks).toMatchObject({ failed: 2, delivered: 1 });
  });

  it('signs with the secret it was given, which a receiver with another secret rejects', async () => {
    const secret = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
    a = await startSystemA({ port: 0, hubUrl: hub.url, webhookSecret: secret, webhookAttempts: 1 });
    await callSystem(a.url, 'POST', '/contacts', { email: 'ada@example.com' });
    await a.webhooks.idle();
    expect(hub.requests).toHaveLength(1);
    expect(hub.requests[0]).toMatchObject({ verified: false, status: 401, error: 'No matching signature found' });
    expect(() => new Webhook(secret).verify(hub.requests[0].raw, hub.requests[0].headers as Record<string, string>)).not.toThrow();
  });

  it('records an unreachable hub as failed without slowing its API', async () => {
    await hub.close();
    a = await startSystemA({ port: 0, hubUrl: hub.url, webhookAttempts: 2, webhookRetryDelayMs: 5 });
    const res = await callSystem(a.url, 'POST', '/contacts', { email: 'ada@example.com' });
    expect(res.status).toBe(201);
    await a.webhooks.idle();
    const [delivery] = a.stats().webhooks.deliveries;
    expect(delivery).toMatchObject({ outcome: 'failed', attempts: 2 });
    expect(delivery.error).toMatch(/fetch failed/);
    hub = await startWebhookReceiver({});
  });

  it('refuses a hub URL without a secret', async () => {
    await expect(startRestSystem(SYSTEM_A_DEFINITION, { port: 0, hubUrl: hub.url })).rejects.toThrow(/webhook secret/);
  });
});
