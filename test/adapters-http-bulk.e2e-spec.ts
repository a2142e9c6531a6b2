import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdapterError } from '../src/adapters/adapter.error';
import { createAdapter } from '../src/adapters/adapter.factory';
import type { SystemAdapter } from '../src/adapters/adapter.types';
import { systemEntitySchema, systemSchema } from '../src/config/hub-config.schema';
import { type RecordingServer, startRecordingServer } from './support/adapters-http-server';

const contacts = systemEntitySchema.parse({ name: 'contacts', id: 'id' });

type Operation = { op: string; id?: string; record?: Record<string, unknown>; idempotencyKey?: string; field?: string; value?: unknown };

/** A system honouring the bulk convention: one result per operation, as its single request would have answered. */
function answer(op: Operation): { status: number; body?: unknown } {
  if (op.op === 'create') return op.record?.email === 'bad' ? { status: 400, body: { error: 'email is invalid' } } : { status: 201, body: { ...op.record, id: `n-${op.record?.email}` } };
  if (op.op === 'update') return op.id === 'gone' ? { status: 404 } : { status: 200, body: { ...op.record, id: op.id } };
  if (op.op === 'delete') return { status: 204 };
  return { status: 200, body: op.value === 'known@example.com' ? [{ id: 'k-1', email: 'known@example.com' }] : [] };
}

describe('http adapter: the bulk convention', () => {
  let server: RecordingServer;
  let erp: SystemAdapter;
  beforeAll(async () => {
    server = await startRecordingServer();
    erp = createAdapter('B', systemSchema.parse({ adapter: { type: 'http', baseUrl: `${server.baseUrl}/api`, bulk: true, headers: { authorization: 'Bearer t' } } }))!;
  });
  afterAll(async () => {
    await erp?.close();
    await server?.close();
  });

  it('sends the calls made together as one POST /{name}/_bulk and gives each its own answer', async () => {
    server.reset((req) => ({ status: 200, body: { results: (JSON.parse(req.body).operations as Operation[]).map(answer) } }));
    const calls = await Promise.allSettled([
      erp.create(contacts, { email: 'ada@example.com' }, { idempotencyKey: 'k-1' }),
      erp.update(contacts, 'c-9', { email: 'bo@example.com' }, { idempotencyKey: 'k-2' }),
      erp.update(contacts, 'gone', { email: 'cy@example.com' }, { idempotencyKey: 'k-3' }),
      erp.delete(contacts, 'c-8', { idempotencyKey: 'k-4' }),
      erp.findBy(contacts, 'email', 'known@example.com'),
      erp.findBy(contacts, 'email', 'unknown@example.com'),
      erp.create(contacts, { email: 'bad' }, { idempotencyKey: 'k-5' }),
    ]);
    expect(server.requests).toHaveLength(1);
    const [req] = server.requests;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/api/contacts/_bulk');
    expect(req.headers.authorization).toBe('Bearer t');
    expect(JSON.parse(req.body).operations).toEqual([
      { op: 'create', record: { email: 'ada@example.com' }, idempotencyKey: 'k-1' },
      { op: 'update', id: 'c-9', record: { email: 'bo@example.com' }, idempotencyKey: 'k-2' },
      { op: 'update', id: 'gone', record: { email: 'cy@example.com' }, idempotencyKey: 'k-3' },
      { op: 'delete', id: 'c-8', idempotencyKey: 'k-4' },
      { op: 'find', field: 'email', value: 'known@example.com' },
      { op: 'find', field: 'email', value: 'unknown@example.com' },
      { op: 'create', record: { email: 'bad' }, idempotencyKey: 'k-5' },
    ]);
    const values = calls.map((c) => (c.status === 'fulfilled' ? c.value : c.reason));
    expect(values[0]).toMatchObject({ externalId: 'n-ada@example.com' });
    expect(values[1]).toMatchObject({ externalId: 'c-9', data: { email: 'bo@example.com' } });
    expect(values[2]).toBeNull();
    expect(values[3]).toBeUndefined();
    expect(values[4]).toMatchObject({ externalId: 'k-1' });
    expect(values[5]).toBeNull();
    // Only the refused operation fails, permanently, with its item's status and body.
    expect(values[6]).toBeInstanceOf(AdapterError);
    expect((values[6] as AdapterError).opts).toMatchObject({ retryable: false, status: 400, code: 'HTTP_CLIENT_ERROR' });
    expect((values[6] as AdapterError).message).toContain('email is invalid');
  });

  it('a failed bulk request fails every call in it as retryable; an answer without one result per operation too', async () => {
    server.reset(() => ({ status: 503, headers: { 'retry-after': '3' } }));
    const down = await Promise.allSettled([erp.create(contacts, { email: 'a' }, { idempotencyKey: 'x' }), erp.delete(contacts, 'c-1', { idempotencyKey: 'y' })]);
    expect(down.map((d) => d.status === 'rejected' && (d.reason as AdapterError).opts)).toEqual([
      expect.objectContaining({ retryable: true, status: 503, retryAfterMs: 3000 }), expect.objectContaining({ retryable: true, status: 503 }),
    ]);
    server.reset(() => ({ status: 200, body: { results: [] } }));
    const short = await Promise.allSettled([erp.create(contacts, { email: 'a' }, { idempotencyKey: 'x' })]);
    expect(short[0].status === 'rejected' && (short[0].reason as AdapterError).opts).toMatchObject({ retryable: true, code: 'HTTP_UNEXPECTED_BODY' });
  });
});
