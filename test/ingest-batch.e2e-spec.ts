import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handSigned, INGEST_CONFIG, librarySigned, SECRETS } from './fixtures/ingest/webhook-signing';
import { count, startTestHub, type TestHub } from './support/test-hub';

const event = (i: number, extra: Record<string, unknown> = {}) => ({
  id: `bulk-${i}`, type: 'customers.updated', timestamp: '2026-02-01T00:00:00Z', data: { customer_id: `cust-${i}`, email_address: `c${i}@example.com` }, ...extra,
});

describe('batch webhook ingest', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ HUB_CONFIG: INGEST_CONFIG, HUB_WORKERS: 'off', HUB_MAX_BODY_BYTES: String(4_000_000) });
  });
  afterAll(async () => {
    await hub?.close();
  });

  const postBatch = (system: string, body: string, headers: Record<string, string>) =>
    hub.http.post(`/webhooks/${system}/batch`).set(headers).send(body);
  const batchRows = () => count(hub.sql, 'inbox_event');

  it('stores 2,000 changes from one signed request in one transaction, in the order sent', async () => {
    const body = JSON.stringify({ events: Array.from({ length: 2000 }, (_, i) => event(i)) });
    const res = await postBatch('B', body, librarySigned(SECRETS.B, body));
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ accepted: 2000, duplicates: 0 });
    expect(await count(hub.sql, 'inbox_event', "system = 'B' AND origin = 'batch' AND status = 'pending'")).toBe(2000);
    // One insert statement: every row carries the same creating transaction id.
    const { rows: tx } = await hub.sql.query("SELECT count(DISTINCT xmin::text)::int AS n FROM inbox_event WHERE origin = 'batch'");
    expect(tx[0].n).toBe(1);
    const { rows } = await hub.sql.query("SELECT event_id, external_id, entity_type, action FROM inbox_event WHERE origin = 'batch' ORDER BY id");
    expect(rows.map((r) => r.event_id)).toEqual(Array.from({ length: 2000 }, (_, i) => `bulk-${i}`));
    expect(rows[1999]).toEqual({ event_id: 'bulk-1999', external_id: 'cust-1999', entity_type: 'contact', action: 'upsert' });
  });

  it('counts event ids already stored (and repeated inside the batch) as duplicates, per change', async () => {
    const events = [event(0), event(1), event(5000, { type: 'customers.deleted' }), event(5000), event(5001)];
    const body = JSON.stringify({ events });
    const before = await batchRows();
    const res = await postBatch('B', body, handSigned(SECRETS.B, body));
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ accepted: 2, duplicates: 3 });
    expect(await batchRows()).toBe(before + 2);
    const { rows } = await hub.sql.query("SELECT action FROM inbox_event WHERE system = 'B' AND event_id = 'bulk-5000'");
    expect(rows).toEqual([{ action: 'delete' }]);
  });

  it('refuses the whole batch when one event is bad, listing each by index, and stores nothing', async () => {
    const events = Array.from({ length: 50 }, (_, i) => event(10_000 + i));
    events[3] = event(10_003, { type: 'contacts.updated' });
    events[7] = event(10_007, { data: { email_address: 'no-id@example.com' } });
    const body = JSON.stringify({ events });
    const before = await batchRows();
    const res = await postBatch('B', body, librarySigned(SECRETS.B, body));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BATCH_INVALID');
    expect(res.body.error.details).toEqual([
      expect.objectContaining({ path: 'events.3.type', message: expect.stringMatching(/^UNKNOWN_EVENT_TYPE: /) }),
      expect.objectContaining({ path: 'events.7.data.customer_id', message: expect.stringMatching(/^EXTERNAL_ID_MISSING: /) }),
    ]);
    expect(await batchRows()).toBe(before);
  });

  it.each([
    { name: 'too many events', status: 413, code: 'BATCH_TOO_LARGE', body: () => ({ events: Array.from({ length: 10_001 }, (_, i) => ({ id: `${i}`, type: 'customers.updated', data: { customer_id: i } })) }) },
    { name: 'no events', status: 400, code: 'INVALID_ENVELOPE', body: () => ({ events: [] }) },
    { name: 'a single envelope instead of a batch', status: 400, code: 'INVALID_ENVELOPE', body: () => event(1) },
  ])('refuses $name with $status $code and stores nothing', async ({ status, code, body }) => {
    const text = JSON.stringify(body());
    const before = await batchRows();
    const res = await postBatch('B', text, librarySigned(SECRETS.B, text));
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(await batchRows()).toBe(before);
  });

  it('authenticates the whole batch like a single webhook', async () => {
    const body = JSON.stringify({ events: [event(20_000)] });
    const before = await batchRows();
    const wrong = await postBatch('B', body, librarySigned(SECRETS.A, body));
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('SIGNATURE_INVALID');
    const stale = await postBatch('B', body, librarySigned(SECRETS.B, body, { at: new Date(Date.now() - 3_600_000) }));
    expect(stale.body.error.code).toBe('TIMESTAMP_OUT_OF_TOLERANCE');
    const unknown = await postBatch('Q', body, librarySigned(SECRETS.B, body));
    expect(unknown.status).toBe(404);
    const malformed = await postBatch('B', '{"events": [', librarySigned(SECRETS.B, '{"events": ['));
    expect(malformed.body.error.code).toBe('MALFORMED_JSON');
    expect(await batchRows()).toBe(before);
  });
});
