import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { resolveEntityTypes } from '../catalog/entity-type.resolver';
import type { ActiveConfig } from '../config/active-config';
import { hubConfigSchema } from '../config/hub-config.schema';
import { DomainError } from '../common/domain-error';
import { inboundEventTypes, parseBatch, parseChange, parseEventType, parseIsoTimestamp, parseWebhookEvent } from './webhook-envelope';

function activeConfig(): ActiveConfig {
  const config = hubConfigSchema.parse({
    systems: {
      A: {
        direction: 'both',
        entities: {
          contact: { name: 'contacts', id: 'id', fields: { email: 'email' } },
          order: { name: 'sales.orders', id: 'meta.number', fields: { orderNumber: 'meta.number' } },
          inventory: { name: 'items', id: 'sku', direction: 'out', fields: { sku: 'sku' } },
        },
      },
      B: { entities: { contact: { name: 'customers', id: 'customer_id', fields: { email: 'email_address' } } } },
    },
  });
  return { version: 1, raw: config, config, entityTypes: resolveEntityTypes(config) };
}

const active = activeConfig();
const signedAt = new Date('2026-01-02T03:04:05Z');

function change(overrides: Partial<Record<'eventId' | 'type' | 'timestamp' | 'data', unknown>>, system = 'A') {
  return parseChange(active, system, {
    eventId: 'msg_1', eventIdPath: 'webhook-id', type: 'contacts.updated', timestamp: '2026-01-02T03:00:00Z', data: { id: 'c-1', email: 'a@example.com' },
    ...overrides,
  }, signedAt);
}

function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('parseEventType', () => {
  it('splits on the last dot and maps the verb to an inbox action', () => {
    expect(parseEventType('customers.created')).toEqual({ name: 'customers', verb: 'created', action: 'upsert' });
    expect(parseEventType('customers.updated')?.action).toBe('upsert');
    expect(parseEventType('sales.orders.deleted')).toEqual({ name: 'sales.orders', verb: 'deleted', action: 'delete' });
  });
  it('refuses unknown verbs, missing names and inherited property names', () => {
    expect(parseEventType('customers.archived')).toBeUndefined();
    expect(parseEventType('.created')).toBeUndefined();
    expect(parseEventType('customers')).toBeUndefined();
    expect(parseEventType('customers.toString')).toBeUndefined();
    expect(parseEventType('customers.__proto__')).toBeUndefined();
  });
});

describe('parseChange', () => {
  it('builds an inbox row from the system name, the canonical type and the id field', () => {
    const parsed = change({ data: { customer_id: 42, email_address: 'b@example.com' }, type: 'customers.created' }, 'B');
    expect(parsed).toEqual({
      ok: true,
      event: {
        eventId: 'msg_1', eventType: 'customers.created', entityType: 'contact', action: 'upsert', externalId: '42',
        payloadJson: '{"customer_id":42,"email_address":"b@example.com"}', sourceTimestamp: '2026-01-02T03:00:00.000Z',
      },
    });
  });

  it('reads a nested id path and a dotted entity name', () => {
    const parsed = change({ type: 'sales.orders.deleted', data: { meta: { number: 'SO-7' } } });
    expect(parsed.ok && parsed.event).toMatchObject({ entityType: 'order', action: 'delete', externalId: 'SO-7' });
  });

  it('falls back to the signed time without an envelope timestamp, and normalises offsets to UTC', () => {
    const none = change({ timestamp: undefined });
    expect(none.ok && none.event.sourceTimestamp).toBe('2026-01-02T03:04:05.000Z');
    const offset = change({ timestamp: '2026-01-02T05:00:00+02:00' });
    expect(offset.ok && offset.event.sourceTimestamp).toBe('2026-01-02T03:00:00.000Z');
  });

  it.each([
    [{ type: 123 }, 'INVALID_ENVELOPE', 'type'],
    [{ type: '' }, 'INVALID_ENVELOPE', 'type'],
    [{ timestamp: 'yesterday' }, 'INVALID_ENVELOPE', 'timestamp'],
    [{ timestamp: 1767322800 }, 'INVALID_ENVELOPE', 'timestamp'],
    [{ data: [1, 2] }, 'INVALID_ENVELOPE', 'data'],
    [{ data: 'x' }, 'INVALID_ENVELOPE', 'data'],
    [{ data: undefined }, 'INVALID_ENVELOPE', 'data'],
    [{ eventId: '' }, 'INVALID_ENVELOPE', 'webhook-id'],
    [{ eventId: 'x'.repeat(257) }, 'INVALID_ENVELOPE', 'webhook-id'],
    [{ type: 'customers.updated' }, 'UNKNOWN_EVENT_TYPE', 'type'],
    [{ type: 'contacts.archived' }, 'UNKNOWN_EVENT_TYPE', 'type'],
    [{ type: 'items.updated', data: { sku: 'S' } }, 'ENTITY_NOT_INBOUND', 'type'],
    [{ data: { email: 'a@example.com' } }, 'EXTERNAL_ID_MISSING', 'data.id'],
    [{ data: { id: '  ' } }, 'EXTERNAL_ID_MISSING', 'data.id'],
    [{ data: { id: null } }, 'EXTERNAL_ID_MISSING', 'data.id'],
    [{ data: { id: { nested: 1 } } }, 'EXTERNAL_ID_MISSING', 'data.id'],
    [{ data: { id: 'c', note: 'a\u0000b' } }, 'PAYLOAD_UNSTORABLE', 'data'],
    [{ data: { id: 'c', note: '\ud800' } }, 'PAYLOAD_UNSTORABLE', 'data'],
  ])('refuses %j with %s at %s', (overrides, code, path) => {
    const parsed = change(overrides);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problem).toMatchObject({ code, path });
  });

  it('keeps a literal backslash-u0000 text and emoji storable', () => {
    expect(change({ data: { id: 'c', note: 'C:\\u0000 😀' } }).ok).toBe(true);
  });

  it("lists the system's inbound event types when the type is unknown", () => {
    const parsed = change({ type: 'people.updated' });
    expect(!parsed.ok && parsed.problem.message).toContain('contacts.created, contacts.updated, contacts.deleted, sales.orders.created');
    expect(inboundEventTypes(active.config.systems.A)).not.toContain('items.updated');
  });
});

describe('parseWebhookEvent', () => {
  it('uses the webhook-id as the event id and throws the problem with its status family', () => {
    const event = parseWebhookEvent(active, 'A', { type: 'contacts.created', data: { id: 7 } }, 'msg_9', signedAt);
    expect(event).toMatchObject({ eventId: 'msg_9', externalId: '7', sourceTimestamp: signedAt.toISOString() });
    const error = thrown(() => parseWebhookEvent(active, 'A', { type: 'contacts.created', data: {} }, 'msg_9', signedAt));
    expect(error).toMatchObject({ code: 'EXTERNAL_ID_MISSING', kind: 'invalid' });
    expect(error.details[0].path).toBe('data.id');
    expect(thrown(() => parseWebhookEvent(active, 'A', [], 'm', signedAt)).code).toBe('INVALID_ENVELOPE');
    expect(thrown(() => parseWebhookEvent(active, 'A', { type: 'items.created', data: { sku: 1 } }, 'm', signedAt)).kind).toBe('forbidden');
  });
});

describe('parseBatch', () => {
  const ok = (i: number) => ({ id: `e-${i}`, type: 'contacts.updated', timestamp: '2026-01-01T00:00:00Z', data: { id: `c-${i}` } });

  it('parses every event in order', () => {
    const drafts = parseBatch(active, 'A', { events: [ok(1), ok(2), ok(3)] }, signedAt);
    expect(drafts.map((d) => d.eventId)).toEqual(['e-1', 'e-2', 'e-3']);
  });

  it('refuses the whole batch listing every bad event by index and reason', () => {
    const error = thrown(() => parseBatch(active, 'A', { events: [ok(0), { ...ok(1), type: 'nope.created' }, ok(2), 'x', { ...ok(4), id: undefined }] }, signedAt));
    expect(error.code).toBe('BATCH_INVALID');
    expect(error.kind).toBe('invalid');
    expect(error.details.map((d) => d.path)).toEqual(['events.1.type', 'events.3', 'events.4.id']);
    expect(error.details[0].message).toMatch(/^UNKNOWN_EVENT_TYPE: /);
    expect(error.message).toContain('3 of 5 events');
  });

  it('reports every event sharing a bad timestamp, and parses a shared good one once per value', () => {
    const error = thrown(() => parseBatch(active, 'A', { events: [{ ...ok(0), timestamp: '2023-02-30T00:00:00Z' }, ok(1), { ...ok(2), timestamp: '2023-02-30T00:00:00Z' }] }, signedAt));
    expect(error.details.map((d) => d.path)).toEqual(['events.0.timestamp', 'events.2.timestamp']);
    const drafts = parseBatch(active, 'A', { events: [ok(0), ok(1), { ...ok(2), timestamp: '2026-01-01T01:00:00+01:00' }] }, signedAt);
    expect(drafts.map((d) => d.sourceTimestamp)).toEqual(['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z']);
  });

  it('caps the listed problems of a huge bad batch', () => {
    const events = Array.from({ length: 1500 }, (_, i) => ({ ...ok(i), data: {} }));
    const error = thrown(() => parseBatch(active, 'A', { events }, signedAt));
    expect(error.details).toHaveLength(1000);
    expect(error.message).toContain('the first 1000 are listed');
  });

  it('refuses an empty or missing list, and a batch over the limit with too_large', () => {
    expect(thrown(() => parseBatch(active, 'A', { events: [] }, signedAt)).code).toBe('INVALID_ENVELOPE');
    expect(thrown(() => parseBatch(active, 'A', [ok(1)], signedAt)).code).toBe('INVALID_ENVELOPE');
    const big = thrown(() => parseBatch(active, 'A', { events: [ok(1), ok(2), ok(3)] }, signedAt, 2));
    expect(big).toMatchObject({ code: 'BATCH_TOO_LARGE', kind: 'too_large' });
  });
});

describe('parseIsoTimestamp', () => {
  it('accepts ISO 8601 with or without offset and refuses other text', () => {
    expect(parseIsoTimestamp('2024-02-29T12:00:00.123+01:00')).toBe('2024-02-29T11:00:00.123Z');
    expect(parseIsoTimestamp('2024-02-29')).toBe('2024-02-29T00:00:00.000Z');
    expect(parseIsoTimestamp('2023-02-29T00:00:00Z')).toBeUndefined();
    expect(parseIsoTimestamp('01/02/2024')).toBeUndefined();
  });

  it('reads UTC stamps the fast way exactly as luxon does, including the ones Date alone would get wrong', () => {
    const cases = [
      '2026-03-01T10:00:00.000Z', '2026-03-01T10:00Z', '2026-03-01T10:00:00.123456Z', '2026-12-31T23:59:59.9995Z',
      '2024-02-30T00:00:00Z', '2026-03-01T24:00:00Z', '2026-03-01T10:00:60Z', '2026-13-01T00:00:00Z', '0000-01-01T00:00:00Z',
    ];
    for (const value of cases) {
      const viaLuxon = DateTime.fromISO(value, { zone: 'utc' });
      expect(parseIsoTimestamp(value), value).toBe(viaLuxon.isValid ? viaLuxon.toUTC().toISO() : undefined);
    }
  });
});
