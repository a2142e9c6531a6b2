import { describe, expect, it } from 'vitest';
import { inferredDeleteDraft, pulledRecordDraft, pullEventId } from './inbox-drafts';

const target = { entityType: 'inventory', systemName: 'stock_items', idField: 'id' };

describe('pulled record events', () => {
  it('the same record version always gets the same event id (re-polls are duplicates)', () => {
    const r = { externalId: '7', updatedAt: '2024-01-01T00:00:00.000001Z', data: { id: '7', sku: 'A', quantity: 1 } };
    const again = { ...r, data: { quantity: 1, sku: 'A', id: '7' } };
    expect(pullEventId('inventory', r)).toBe(pullEventId('inventory', again));
    expect(pullEventId('inventory', r)).toMatch(/^pull:inventory:7:2024-01-01T00:00:00.000001Z:[\w-]{22}$/);
  });

  it('a change within one timestamp, or without any, is a new event', () => {
    const r = { externalId: '7', updatedAt: '2024-01-01T00:00:00Z', data: { id: '7', quantity: 1 } };
    expect(pullEventId('inventory', r)).not.toBe(pullEventId('inventory', { ...r, data: { id: '7', quantity: 2 } }));
    const noTime = { externalId: '7', data: { id: '7', quantity: 1 } };
    expect(pullEventId('inventory', noTime)).not.toBe(pullEventId('inventory', { ...noTime, data: { id: '7', quantity: 2 } }));
  });

  it('keeps ids within 256 characters', () => {
    const id = pullEventId('inventory', { externalId: 'x'.repeat(500), data: {} });
    expect(id.length).toBeLessThanOrEqual(256);
    expect(id).not.toBe(pullEventId('inventory', { externalId: 'y'.repeat(500), data: {} }));
  });

  it('builds an upsert draft with the record as payload and its own timestamp', () => {
    const d = pulledRecordDraft(target, { externalId: '7', updatedAt: '2024-01-01T00:00:00Z', data: { id: '7' } }, '2030-01-01T00:00:00.000Z');
    expect(d).toMatchObject({ eventType: 'stock_items.updated', entityType: 'inventory', action: 'upsert', externalId: '7', payloadJson: '{"id":"7"}', sourceTimestamp: '2024-01-01T00:00:00Z' });
    expect(pulledRecordDraft(target, { externalId: '7', data: {} }, '2030-01-01T00:00:00.000Z').sourceTimestamp).toBe('2030-01-01T00:00:00.000Z');
  });

  it('inferred deletes are unique per decision', () => {
    const a = inferredDeleteDraft(target, '7', 'run-1', '2030-01-01T00:00:00.000Z');
    expect(a).toMatchObject({ eventType: 'stock_items.deleted', action: 'delete', externalId: '7', payloadJson: '{"id":"7"}' });
    expect(a.eventId).not.toBe(inferredDeleteDraft(target, '7', 'run-2', a.sourceTimestamp).eventId);
  });
});
