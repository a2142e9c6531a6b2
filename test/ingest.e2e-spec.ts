import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handSigned, type Headers, hmacSignature, INGEST_CONFIG, librarySigned, SECRETS } from './fixtures/ingest/webhook-signing';
import { count, startTestHub, type TestHub } from './support/test-hub';

const MAX_BODY = 2_000_000;

describe('webhook ingest into the inbox', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ HUB_CONFIG: INGEST_CONFIG, HUB_WORKERS: 'off', HUB_MAX_BODY_BYTES: String(MAX_BODY) });
  });
  afterAll(async () => {
    await hub?.close();
  });

  const post = (system: string, body: string, headers: Headers) => hub.http.post(`/webhooks/${system}`).set(headers).send(body);
  const inboxRows = () => count(hub.sql, 'inbox_event');

  it('stores a library-signed change before answering 202, as the system sent it', async () => {
    const body = JSON.stringify({ type: 'contacts.created', timestamp: '2026-03-01T10:00:00+01:00', data: { id: 'c-1', email: 'Ada@Example.com', nationalId: '123' } });
    const headers = librarySigned(SECRETS.A, body);
    const res = await post('A', body, headers);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ eventId: headers['webhook-id'], status: 'accepted', duplicate: false });
    const { rows } = await hub.sql.query('SELECT * FROM inbox_event WHERE id = $1', [res.body.inboxId]);
    expect(rows[0]).toMatchObject({
      system: 'A', event_id: headers['webhook-id'], event_type: 'contacts.created', entity_type: 'contact', action: 'upsert',
      external_id: 'c-1', origin: 'webhook', status: 'pending', attempts: 0,
      payload: { id: 'c-1', email: 'Ada@Example.com', nationalId: '123' },
    });
    expect(rows[0].source_timestamp.toISOString()).toBe('2026-03-01T09:00:00.000Z');
  });

  it('verifies a hand-computed HMAC (independent implementation) and maps deletes, falling back to the signed time', async () => {
    const at = new Date(Date.now() - 60_000);
    const body = JSON.stringify({ type: 'customers.deleted', data: { customer_id: 981 } });
    const headers = handSigned(SECRETS.B, body, { at });
    const res = await post('B', body, headers);
    expect(res.status).toBe(202);
    const { rows } = await hub.sql.query('SELECT * FROM inbox_event WHERE system = $1 AND event_id = $2', ['B', headers['webhook-id']]);
    expect(rows[0]).toMatchObject({ entity_type: 'contact', action: 'delete', external_id: '981', payload: { customer_id: 981 } });
    expect(rows[0].source_timestamp.getTime()).toBe(Math.floor(at.getTime() / 1000) * 1000);
  });

  it('reads a nested id field and a dotted entity name, and keeps non-ASCII bytes as signed', async () => {
    const body = JSON.stringify({ type: 'sales.orders.updated', data: { meta: { number: 'SO-1' }, note: 'Zoë – ünïcode ✓' } });
    const res = await post('A', body, handSigned(SECRETS.A, body));
    expect(res.status).toBe(202);
    const { rows } = await hub.sql.query('SELECT entity_type, external_id, payload FROM inbox_event WHERE id = $1', [res.body.inboxId]);
    expect(rows[0]).toEqual({ entity_type: 'order', external_id: 'SO-1', payload: JSON.parse(body).data });
  });

  it('accepts rotated secrets (one valid signature among several) and the svix-* header names', async () => {
    const body = JSON.stringify({ type: 'contacts.updated', data: { id: 'c-2' } });
    const headers = librarySigned(SECRETS.A, body);
    const seconds = Number(headers['webhook-timestamp']);
    const old = hmacSignature(SECRETS.B, headers['webhook-id'], seconds, body);
    headers['webhook-signature'] = `${old} ${headers['webhook-signature']}`;
    expect((await post('A', body, headers)).status).toBe(202);

    const svix = librarySigned(SECRETS.A, body, { prefix: 'svix' });
    expect(Object.keys(svix)).toContain('svix-signature');
    const res = await post('A', body, svix);
    expect(res.status).toBe(202);
    expect(await count(hub.sql, 'inbox_event', 'event_id = $1', [svix['svix-id']])).toBe(1);
  });

  it('answers a replayed webhook-id with 2xx and stores nothing more; the same id from another system is its own event', async () => {
    const body = JSON.stringify({ type: 'contacts.updated', data: { id: 'c-3' } });
    const first = librarySigned(SECRETS.A, body, { id: 'msg_replayed' });
    expect((await post('A', body, first)).status).toBe(202);
    const before = await inboxRows();
    const again = await post('A', body, librarySigned(SECRETS.A, body, { id: 'msg_replayed' }));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ eventId: 'msg_replayed', duplicate: true });
    expect(await inboxRows()).toBe(before);
    expect(await count(hub.sql, 'inbox_event', "event_id = 'msg_replayed'")).toBe(1);

    const fromB = JSON.stringify({ type: 'customers.updated', data: { customer_id: 'x' } });
    expect((await post('B', fromB, librarySigned(SECRETS.B, fromB, { id: 'msg_replayed' }))).status).toBe(202);
    expect(await count(hub.sql, 'inbox_event', "event_id = 'msg_replayed'")).toBe(2);
  });

  it('under concurrent load, stores a webhook-id sent many times at once exactly once, and refuses only the unstorable event', async () => {
    // Concurrent single webhooks share INSERT statements (group commit); each sender must still get its own answer.
    const body = (id: string, note = 'ok') => JSON.stringify({ type: 'contacts.updated', data: { id, note } });
    const twins = Array.from({ length: 12 }, () => body('c-twin'));
    const good = Array.from({ length: 24 }, (_, i) => body(`c-crowd-${i}`));
    const bad = body('c-bad', 'a\u0000b');
    const answers = await Promise.all([
      ...twins.map((b) => post('A', b, librarySigned(SECRETS.A, b, { id: 'msg_twin' }))),
      ...good.map((b) => post('A', b, librarySigned(SECRETS.A, b))),
      post('A', bad, librarySigned(SECRETS.A, bad)),
    ]);
    const twinAnswers = answers.slice(0, twins.length);
    expect(twinAnswers.filter((r) => r.status === 202)).toHaveLength(1);
    expect(twinAnswers.filter((r) => r.status === 200 && r.body.duplicate === true)).toHaveLength(twins.length - 1);
    const crowd = answers.slice(twins.length, twins.length + good.length);
    expect(crowd.map((r) => r.status)).toEqual(good.map(() => 202));
    expect(new Set(crowd.map((r) => r.body.inboxId)).size).toBe(good.length);
    const refused = answers[answers.length - 1];
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('PAYLOAD_UNSTORABLE');

    expect(await count(hub.sql, 'inbox_event', "event_id = 'msg_twin'")).toBe(1);
    expect(await count(hub.sql, 'inbox_event', "external_id LIKE 'c-crowd-%'")).toBe(good.length);
    expect(await count(hub.sql, 'inbox_event', "external_id = 'c-bad'")).toBe(0);
    const { rows } = await hub.sql.query(`SELECT id::text, external_id FROM inbox_event WHERE external_id LIKE 'c-crowd-%'`);
    const idOf = new Map(rows.map((r: { id: string; external_id: string }) => [r.external_id, r.id]));
    crowd.forEach((r, i) => expect(r.body.inboxId).toBe(idOf.get(`c-crowd-${i}`)));
  });

  it('wakes the inbox worker with a notification on the hub_inbox channel', async () => {
    const listener = new pg.Client({ connectionString: hub.db.url });
    await listener.connect();
    try {
      const notified = new Promise<string>((resolve) => listener.on('notification', (n) => resolve(n.channel)));
      await listener.query('LISTEN hub_inbox');
      const body = JSON.stringify({ type: 'contacts.updated', data: { id: 'c-notify' } });
      expect((await post('A', body, librarySigned(SECRETS.A, body))).status).toBe(202);
      expect(await notified).toBe('hub_inbox');
    } finally {
      await listener.end();
    }
  });

  const valid = JSON.stringify({ type: 'contacts.updated', data: { id: 'c-bad' } });
  const minutes = (n: number) => new Date(Date.now() + n * 60_000);
  const cases: { name: string; send: () => { system: string; body: string; headers: Headers }; status: number; code: string; path?: string }[] = [
    { name: 'unknown system', send: () => ({ system: 'Z', body: valid, headers: librarySigned(SECRETS.A, valid) }), status: 404, code: 'UNKNOWN_SYSTEM' },
    { name: 'out-only system', send: () => ({ system: 'N', body: valid, headers: librarySigned(SECRETS.N, valid) }), status: 403, code: 'SYSTEM_NOT_INBOUND' },
    { name: 'system without a secret', send: () => ({ system: 'C', body: valid, headers: librarySigned(SECRETS.A, valid) }), status: 403, code: 'WEBHOOK_SECRET_NOT_CONFIGURED' },
    { name: 'no signature headers', send: () => ({ system: 'A', body: valid, headers: { 'content-type': 'application/json' } }), status: 401, code: 'SIGNATURE_HEADERS_MISSING' },
    {
      name: 'timestamp in milliseconds', status: 401, code: 'SIGNATURE_HEADERS_INVALID',
      send: () => ({ system: 'A', body: valid, headers: { ...librarySigned(SECRETS.A, valid), 'webhook-timestamp': String(Date.now()) } }),
    },
    { name: 'wrong secret', send: () => ({ system: 'A', body: valid, headers: handSigned(SECRETS.B, valid) }), status: 401, code: 'SIGNATURE_INVALID' },
    {
      name: 'body changed after signing', status: 401, code: 'SIGNATURE_INVALID',
      send: () => ({ system: 'A', body: valid.replace('c-bad', 'c-evil'), headers: librarySigned(SECRETS.A, valid) }),
    },
    {
      name: 'webhook-id changed after signing', status: 401, code: 'SIGNATURE_INVALID',
      send: () => ({ system: 'A', body: valid, headers: { ...handSigned(SECRETS.A, valid), 'webhook-id': 'msg_other' } }),
    },
    { name: 'stale timestamp', send: () => ({ system: 'A', body: valid, headers: handSigned(SECRETS.A, valid, { at: minutes(-6) }) }), status: 401, code: 'TIMESTAMP_OUT_OF_TOLERANCE' },
    { name: 'future timestamp', send: () => ({ system: 'A', body: valid, headers: librarySigned(SECRETS.A, valid, { at: minutes(6) }) }), status: 401, code: 'TIMESTAMP_OUT_OF_TOLERANCE' },
    ...badEnvelopes(),
  ];

  function badEnvelopes(): typeof cases {
    const signed = (body: unknown, status: number, code: string, name: string, path?: string) => {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      return { name, status, code, path, send: () => ({ system: 'A', body: text, headers: librarySigned(SECRETS.A, text) }) };
    };
    return [
      signed({ type: 'customers.updated', data: { id: 'x' } }, 400, 'UNKNOWN_EVENT_TYPE', "another system's type", 'type'),
      signed({ type: 'contacts.archived', data: { id: 'x' } }, 400, 'UNKNOWN_EVENT_TYPE', 'unknown verb', 'type'),
      signed({ type: 'items.updated', data: { sku: 'S-1' } }, 403, 'ENTITY_NOT_INBOUND', 'entity the system only receives', 'type'),
      signed({ type: 'contacts.updated', data: { email: 'a@example.com' } }, 400, 'EXTERNAL_ID_MISSING', 'missing id', 'data.id'),
      signed({ type: 'contacts.updated', data: [{ id: 'x' }] }, 400, 'INVALID_ENVELOPE', 'data not an object', 'data'),
      signed({ type: 'contacts.updated', timestamp: 'last tuesday', data: { id: 'x' } }, 400, 'INVALID_ENVELOPE', 'bad timestamp', 'timestamp'),
      signed({ data: { id: 'x' } }, 400, 'INVALID_ENVELOPE', 'missing type', 'type'),
      signed({ type: 'contacts.updated', data: { id: 'x', note: 'a\u0000b' } }, 400, 'PAYLOAD_UNSTORABLE', 'NUL in the payload', 'data'),
      signed('{"type": "contacts.updated", "data": {"id": ', 400, 'MALFORMED_JSON', 'malformed JSON'),
      signed(JSON.stringify({ type: 'contacts.updated', data: { id: 'x', pad: 'x'.repeat(MAX_BODY) } }), 413, 'PAYLOAD_TOO_LARGE', 'oversized body'),
      { name: 'not JSON', status: 400, code: 'BODY_REQUIRED', send: () => ({ system: 'A', body: valid, headers: { ...librarySigned(SECRETS.A, valid), 'content-type': 'text/plain' } }) },
    ];
  }

  it.each(cases)('refuses $name with $status $code and leaves the inbox unchanged', async ({ send, status, code, path }) => {
    const before = await inboxRows();
    const { system, body, headers } = send();
    const res = await post(system, body, headers);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message).toEqual(expect.any(String));
    if (path) expect(res.body.error.details.map((d: { path: string }) => d.path)).toContainEqual(expect.stringMatching(new RegExp(`^${path}(\\.|$)`)));
    expect(await inboxRows()).toBe(before);
  });

  it("tells the sender the system's known event types", async () => {
    const body = JSON.stringify({ type: 'people.updated', data: { id: 'x' } });
    const res = await post('B', body, librarySigned(SECRETS.B, body));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('customers.created, customers.updated, customers.deleted');
  });
});
