import { describe, expect, it } from 'vitest';
import { AdapterError } from '../adapters/adapter.error';
import type { AdapterRecord, SystemAdapter, WriteOptions } from '../adapters/adapter.types';
import { DeliveryExecutor, matchKeyField, type PreparedDelivery, REFRESH_WAIT_MS } from './delivery-executor';
import type { ClaimedDelivery } from './delivery.types';
import { binding, deliveryTestConfig } from './testing/delivery-config.fixture';

const active = deliveryTestConfig();
const B = binding(active, 'B');
const CONDITIONAL_B = { ...B, system: { ...B.system, adapter: { type: 'http' as const, baseUrl: 'http://127.0.0.1:2', conditionalWrites: true } } };

/** Records calls; answers from `store`, throwing scripted errors first. */
class ScriptedAdapter implements SystemAdapter {
  readonly system = 'B';
  readonly calls: string[] = [];
  readonly keys: string[] = [];
  store = new Map<string, Record<string, unknown>>();
  errors: AdapterError[] = [];
  private next = 1;

  private fail(): void {
    const e = this.errors.shift();
    if (e) throw e;
  }
  async create(_e: unknown, record: Record<string, unknown>, opts: { idempotencyKey: string }): Promise<AdapterRecord> {
    this.calls.push('create');
    this.keys.push(opts.idempotencyKey);
    this.fail();
    const id = `b-${this.next++}`;
    this.store.set(id, record);
    return { externalId: id, data: record };
  }
  async update(_e: unknown, id: string, record: Record<string, unknown>, opts: WriteOptions): Promise<AdapterRecord | null> {
    this.calls.push(`update ${id}${opts.ifVersion === undefined ? '' : ` if ${opts.ifVersion}`}`);
    this.fail();
    if (!this.store.has(id)) return null;
    this.store.set(id, record);
    return { externalId: id, data: record };
  }
  async delete(_e: unknown, id: string): Promise<void> {
    this.calls.push(`delete ${id}`);
    this.fail();
    this.store.delete(id);
  }
  async get(_e: unknown, id: string): Promise<AdapterRecord | null> {
    this.calls.push(`get ${id}`);
    const data = this.store.get(id);
    return data ? { externalId: id, data } : null;
  }
  async findBy(_e: unknown, field: string, value: unknown): Promise<AdapterRecord | null> {
    this.calls.push(`findBy ${field}=${String(value)}`);
    const hit = [...this.store.entries()].find(([, r]) => r[field] === value);
    return hit ? { externalId: hit[0], data: hit[1] } : null;
  }
  async listChanges() {
    return { records: [] };
  }
  async close(): Promise<void> {}
}

const row: ClaimedDelivery = {
  correlationId: null,
  appliedAt: null,
  id: '5', system: 'B', entityType: 'contact', goldenId: 'g-1', goldenVersion: 1, operation: 'upsert',
  payload: { email_address: 'ada@example.com', first_name: 'Ada' }, canonical: { email: 'ada@example.com', firstName: 'Ada' },
  payloadHash: 'h', mappingErrors: null, attempts: 1, idempotencyKey: 'mdh-B-5', unacked: false, windowAt: null,
};

function setup() {
  const adapter = new ScriptedAdapter();
  const executor = new DeliveryExecutor(() => adapter);
  const run = (p: Omit<Partial<PreparedDelivery>, 'row'> & { row?: Partial<ClaimedDelivery> } = {}) =>
    executor.run({ binding: B, payload: row.payload, remapped: false, ...p, row: { ...row, ...p.row } });
  return { adapter, run };
}

describe('DeliveryExecutor', () => {
  it('no id in the system → create, with the row idempotency key', async () => {
    const { adapter, run } = setup();
    expect(await run()).toEqual({ ok: true, action: 'created', externalId: 'b-1', written: { externalId: 'b-1', data: row.payload } });
    expect(adapter.keys).toEqual(['mdh-B-5']);
  });

  it('an id → update; an id the system lost → create, reporting the lost id', async () => {
    const { adapter, run } = setup();
    adapter.store.set('b-9', {});
    expect(await run({ externalId: 'b-9' })).toEqual({ ok: true, action: 'updated', externalId: 'b-9', written: { externalId: 'b-9', data: row.payload } });
    expect(await run({ externalId: 'b-404' })).toMatchObject({ ok: true, action: 'created', externalId: 'b-1', goneExternalId: 'b-404' });
    expect(adapter.calls).toEqual(['update b-9', 'update b-404', 'create']);
  });

  it('a create looks the record up by the match key first, unless the system turns that off', async () => {
    const { adapter, run } = setup();
    adapter.store.set('b-7', { email_address: 'ada@example.com' });
    expect(await run()).toMatchObject({ ok: true, action: 'adopted', externalId: 'b-7' });
    const off = { ...B, system: { ...B.system, delivery: { lookupBeforeCreate: false } } };
    expect(await run({ binding: off })).toMatchObject({ ok: true, action: 'created' });
    expect(adapter.calls).toEqual(['findBy email_address=ada@example.com', 'update b-7', 'create']);
  });

  it('a create that may have landed looks the record up by the match key first and adopts it', async () => {
    const { adapter, run } = setup();
    adapter.store.set('b-7', { email_address: 'ada@example.com' });
    expect(await run({ row: { unacked: true } })).toMatchObject({ ok: true, action: 'adopted', externalId: 'b-7' });
    expect(adapter.calls).toEqual(['findBy email_address=ada@example.com', 'update b-7']);
    const fresh = setup();
    expect(await fresh.run({ row: { unacked: true } })).toMatchObject({ action: 'created' });
    expect(fresh.adapter.calls).toEqual(['findBy email_address=ada@example.com', 'create']);
  });

  it('delete: by id, or nothing to do when the system never had it', async () => {
    const { adapter, run } = setup();
    expect(await run({ row: { operation: 'delete' }, externalId: 'b-3' })).toEqual({ ok: true, action: 'deleted', externalId: 'b-3' });
    expect(await run({ row: { operation: 'delete' } })).toEqual({ ok: true, action: 'noop' });
    expect(adapter.calls).toEqual(['delete b-3']);
  });

  it('classifies failures: 4xx refused (not applied), 5xx and network maybe applied, other errors retryable', async () => {
    const { adapter, run } = setup();
    adapter.errors = [
      new AdapterError('429', { retryable: true, status: 429, retryAfterMs: 2000, code: 'HTTP_RATE_LIMITED' }),
      new AdapterError('502', { retryable: true, status: 502, code: 'HTTP_SERVER_ERROR' }),
      new AdapterError('400', { retryable: false, status: 400, code: 'HTTP_CLIENT_ERROR' }),
      new AdapterError('reset', { retryable: true, code: 'HTTP_NETWORK' }),
    ];
    expect(await run()).toMatchObject({ ok: false, retryable: true, retryAfterMs: 2000, maybeApplied: false });
    expect(await run()).toMatchObject({ ok: false, retryable: true, status: 502, maybeApplied: true });
    expect(await run()).toMatchObject({ ok: false, retryable: false, code: 'HTTP_CLIENT_ERROR', maybeApplied: false });
    expect(await run()).toMatchObject({ ok: false, retryable: true, code: 'HTTP_NETWORK', maybeApplied: true });
    const broken = new DeliveryExecutor(() => {
      throw new TypeError('bug');
    });
    expect(await broken.run({ row, binding: B, payload: {}, remapped: false })).toMatchObject({ ok: false, retryable: true, code: 'DELIVERY_ERROR' });
  });

  it('refuses without a binding or an adapter, and waits for a referenced record still on its way', async () => {
    const { run } = setup();
    expect(await run({ binding: null })).toMatchObject({ ok: false, retryable: false, code: 'NO_BINDING' });
    expect(await new DeliveryExecutor(() => null).run({ row, binding: B, payload: {}, remapped: false })).toMatchObject({ code: 'NO_ADAPTER' });
    expect(await run({ waitingForReference: 'waiting for g-2' })).toMatchObject({ ok: false, retryable: true, code: 'REFERENCE_PENDING' });
  });

  it('conditional writes: the update names the version the hub last saw; without conditionalWrites it does not', async () => {
    const { adapter, run } = setup();
    adapter.store.set('b-9', {});
    await run({ externalId: 'b-9', row: { remoteVersion: 'v1' } });
    await run({ externalId: 'b-9', binding: CONDITIONAL_B, row: { remoteVersion: 'v1' } });
    await run({ externalId: 'b-9', binding: CONDITIONAL_B, row: { remoteVersion: null } });
    expect(adapter.calls).toEqual(['update b-9', 'update b-9 if v1', 'update b-9']);
  });

  it('a refused precondition writes nothing, reads the record as it is now, and asks for a retry', async () => {
    const { adapter, run } = setup();
    adapter.store.set('b-9', { first_name: 'Edited in B' });
    adapter.errors = [new AdapterError('412', { retryable: true, status: 412, code: 'SYSTEM_CHANGED' })];
    expect(await run({ externalId: 'b-9', binding: CONDITIONAL_B, row: { remoteVersion: 'v1' } })).toMatchObject({
      ok: false, retryable: true, code: 'SYSTEM_CHANGED', maybeApplied: false, retryAfterMs: REFRESH_WAIT_MS,
      refreshed: { externalId: 'b-9', data: { first_name: 'Edited in B' } },
    });
    expect(adapter.calls).toEqual(['update b-9 if v1', 'get b-9']);
    expect(adapter.store.get('b-9')).toEqual({ first_name: 'Edited in B' });
  });

  it('the lookup field is the system field of the first single-field match key', () => {
    expect(matchKeyField(B)).toBe('email_address');
    expect(matchKeyField(binding(active, 'W'))).toBe('email');
  });
});
