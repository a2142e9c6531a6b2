import { randomBytes } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdapterError } from '../src/adapters/adapter.error';
import { createAdapter } from '../src/adapters/adapter.factory';
import type { SystemAdapter } from '../src/adapters/adapter.types';
import { systemEntitySchema, systemSchema } from '../src/config/hub-config.schema';
import { type RecordedRequest, type RecordingServer, startRecordingServer } from './support/adapters-http-server';

const contacts = systemEntitySchema.parse({ name: 'contacts', id: 'id' });
const secret = `whsec_${randomBytes(32).toString('base64')}`;

function verify(req: RecordedRequest, withSecret = secret): unknown {
  return new Webhook(withSecret).verify(req.body, req.headers as Record<string, string>);
}

describe('webhook adapter (notification subscribers)', () => {
  let server: RecordingServer;
  let subscriber: SystemAdapter;

  beforeAll(async () => {
    server = await startRecordingServer();
    const adapter = createAdapter('N', systemSchema.parse({ adapter: { type: 'webhook', url: `${server.baseUrl}/hooks/hub`, secret } }));
    if (!adapter) throw new Error('no adapter');
    subscriber = adapter;
  });
  afterAll(async () => {
    await subscriber?.close();
    await server?.close();
  });

  it('posts a signed <name>.created event that standardwebhooks verifies', async () => {
    server.reset(() => ({ status: 204 }));
    const before = Date.now();
    const created = await subscriber.create(contacts, { id: 'g-1', email: 'ada@example.com' }, { idempotencyKey: 'evt-1' });
    expect(created).toEqual({ externalId: 'g-1', data: { id: 'g-1', email: 'ada@example.com' } });

    const [req] = server.requests;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/hooks/hub');
    expect(req.headers['webhook-id']).toBe('evt-1');
    expect(req.headers['content-type']).toBe('application/json');
    const event = verify(req) as { type: string; timestamp: string; data: unknown };
    expect(event.type).toBe('contacts.created');
    expect(event.data).toEqual({ id: 'g-1', email: 'ada@example.com' });
    expect(Date.parse(event.timestamp)).toBeGreaterThanOrEqual(before - 1000);
    expect(Number(req.headers['webhook-timestamp'])).toBe(Math.floor(Date.parse(event.timestamp) / 1000));
  });

  it('fails verification with another secret or a tampered body', async () => {
    server.reset(() => ({ status: 200 }));
    await subscriber.update(contacts, 'g-1', { email: 'new@example.com' }, { idempotencyKey: 'evt-2' });
    const [req] = server.requests;
    expect(() => verify(req, `whsec_${randomBytes(32).toString('base64')}`)).toThrow(WebhookVerificationError);
    expect(() => verify({ ...req, body: req.body.replace('new@', 'evil@') })).toThrow(WebhookVerificationError);
    expect(verify(req)).toMatchObject({ type: 'contacts.updated', data: { id: 'g-1', email: 'new@example.com' } });
  });

  it('uses the idempotency key as the external id when the record has no id', async () => {
    server.reset(() => ({ status: 202 }));
    const created = await subscriber.create(contacts, { email: 'bo@example.com' }, { idempotencyKey: 'evt-3' });
    expect(created.externalId).toBe('evt-3');
    expect(verify(server.requests[0])).toMatchObject({ data: { id: 'evt-3', email: 'bo@example.com' } });
  });

  it('posts <name>.deleted carrying the id', async () => {
    server.reset(() => ({ status: 200 }));
    await subscriber.delete(contacts, 'g-1', { idempotencyKey: 'evt-4' });
    expect(server.requests[0].headers['webhook-id']).toBe('evt-4');
    expect(verify(server.requests[0])).toMatchObject({ type: 'contacts.deleted', data: { id: 'g-1' } });
  });

  it('keeps webhook-id across retries and signs each attempt afresh', async () => {
    let calls = 0;
    server.reset(() => (++calls === 1 ? { status: 500 } : { status: 200 }));
    const first = await subscriber.update(contacts, 'g-2', { email: 'c@example.com' }, { idempotencyKey: 'evt-5' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(first).toBeInstanceOf(AdapterError);
    expect((first as AdapterError).opts).toMatchObject({ retryable: true, status: 500 });
    await subscriber.update(contacts, 'g-2', { email: 'c@example.com' }, { idempotencyKey: 'evt-5' });
    expect(server.requests.map((r) => r.headers['webhook-id'])).toEqual(['evt-5', 'evt-5']);
    for (const req of server.requests) expect(verify(req)).toMatchObject({ type: 'contacts.updated' });
  });

  it('maps subscriber answers like the http adapter', async () => {
    server.reset(() => ({ status: 410, body: 'subscription gone' }));
    const gone = await subscriber.create(contacts, { id: 'g-3' }, { idempotencyKey: 'evt-6' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((gone as AdapterError).opts).toMatchObject({ retryable: false, status: 410, code: 'HTTP_CLIENT_ERROR' });

    server.reset(() => ({ status: 429, headers: { 'retry-after': '3' } }));
    const limited = await subscriber.create(contacts, { id: 'g-3' }, { idempotencyKey: 'evt-6' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((limited as AdapterError).opts).toMatchObject({ retryable: true, retryAfterMs: 3000 });
  });

  it('has nothing to read back', async () => {
    server.reset(() => ({ status: 500 }));
    expect(await subscriber.get(contacts, 'g-1')).toBeNull();
    expect(await subscriber.findBy(contacts, 'email', 'ada@example.com')).toBeNull();
    expect(await subscriber.listChanges(contacts, { since: null, limit: 10 })).toEqual({ records: [] });
    expect(subscriber.listIds).toBeUndefined();
    expect(server.requests).toHaveLength(0);
  });
});
