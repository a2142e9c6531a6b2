import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { librarySigned } from './fixtures/ingest/webhook-signing';
import { writeConfigFile, CONTACT_SYSTEMS_CONFIG } from './support/contact-systems.config';
import { count, startTestHub, type TestHub } from './support/test-hub';
import { envelope, SECRETS, signedWebhook, waitForInboxDrained } from './support/webhooks';

/** A JSON text nested `depth` arrays deep, built as text: JSON.stringify of such a value would itself overflow. */
const deepArrays = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

describe('input limits: JSON depth, string length, unstorable text', () => {
  let hub: TestHub;
  let config: { file: string; remove(): void };

  beforeAll(async () => {
    // notes (text, no maxLength of its own) mapped for A: the default limit applies to it.
    config = writeConfigFile(CONTACT_SYSTEMS_CONFIG.replace('format: yyyy-MM-dd } }', 'format: yyyy-MM-dd }, notes: notes }'));
    hub = await startTestHub({ HUB_CONFIG: config.file });
  });
  afterAll(async () => {
    await hub?.close();
    config?.remove();
  });

  async function sendRaw(path: string, raw: string, headers: Record<string, string>) {
    return hub.http.post(path).set({ 'content-type': 'application/json', ...headers }).send(raw);
  }

  it.each([
    ['a signed webhook', '/webhooks/A', (deep: string) => `{"type":"contacts.updated","data":{"id":"c-1","notes":${deep}}}`],
    ['a signed batch', '/webhooks/A/batch', (deep: string) => `{"events":[{"id":"e1","type":"contacts.updated","data":{"id":"c-1","x":${deep}}}]}`],
    ['a steward override', '/api/golden-records/contact/00000000-0000-4000-8000-000000000000/override', (deep: string) => `{"field":"notes","value":${deep}}`],
    ['GraphQL variables', '/graphql', (deep: string) => `{"query":"query($v: JSON) { __typename }","variables":{"v":${deep}}}`],
  ])('refuses 5,000 nested arrays in %s with 400 JSON_TOO_DEEP and stores nothing', async (_name, path, body) => {
    const raw = body(deepArrays(5_000));
    const inbox = await count(hub.sql, 'inbox_event');
    const headers = path.startsWith('/webhooks') ? sign(raw) : hub.auth;
    const res = await sendRaw(path, raw, headers);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(codeOf(res.body)).toBe('JSON_TOO_DEEP');
    expect(await count(hub.sql, 'inbox_event')).toBe(inbox);
  });

  it('accepts nesting up to the limit', async () => {
    const raw = `{"type":"contacts.updated","data":{"id":"c-depth","extra":${deepArrays(60)}}}`;
    const res = await sendRaw('/webhooks/A', raw, sign(raw));
    expect(res.status, JSON.stringify(res.body)).toBe(202);
  });

  it('accepts a signed event with an oversized value, then rejects it with TOO_LONG shown by the events API', async () => {
    const { raw, headers } = signedWebhook(SECRETS.A, envelope('contacts.updated', { id: 'c-long', email: 'long@example.com', notes: 'x'.repeat(20_001) }));
    const res = await sendRaw('/webhooks/A', raw, headers);
    expect(res.status).toBe(202);
    await waitForInboxDrained(hub.sql);
    const event = await hub.http.get(`/api/events/${res.body.inboxId as string}`).set(hub.auth);
    expect(event.body).toMatchObject({ status: 'rejected', errors: [expect.objectContaining({ field: 'notes', code: 'TOO_LONG' })] });
    expect(await count(hub.sql, 'golden_record')).toBe(0);
  });

  it.each([
    ['NUL in a REST body', () => hub.http.post('/api/api-keys').set(hub.auth).send({ name: 'a\u0000b', role: 'viewer' })],
    ['a lone surrogate in a REST body', () => sendRaw('/api/api-keys', '{"name":"a\\ud800","role":"viewer"}', hub.auth)],
    ['NUL in a query string', () => hub.http.get('/api/events?externalId=a%00b').set(hub.auth)],
    ['a surrogate in a path', () => hub.http.get('/api/golden-records/contact%ED%A0%80').set(hub.auth)],
    ['NUL in GraphQL variables', () => hub.http.post('/graphql').set(hub.auth).send({ query: 'query($s: String) { events(externalId: $s) { nodes { id } } }', variables: { s: 'a\u0000' } })],
    ['a signed webhook with NUL', () => { const s = signedWebhook(SECRETS.A, envelope('contacts.updated', { id: 'c-nul', notes: 'a\u0000' })); return sendRaw('/webhooks/A', s.raw, s.headers); }],
  ])('refuses %s with 400 PAYLOAD_UNSTORABLE', async (_name, send) => {
    const keys = await count(hub.sql, 'api_key');
    const res = await send();
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(codeOf(res.body), JSON.stringify(res.body)).toBe('PAYLOAD_UNSTORABLE');
    expect(await count(hub.sql, 'api_key')).toBe(keys);
  });
});

/** Signs an exact JSON text as system A. */
function sign(raw: string): Record<string, string> {
  return librarySigned(SECRETS.A, raw);
}

/** The code of a REST error body, or of a GraphQL one's first error. */
function codeOf(body: { error?: { code: string }; errors?: { extensions: { code: string } }[] }): string | undefined {
  return body.error?.code ?? body.errors?.[0].extensions.code;
}
