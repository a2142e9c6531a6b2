import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../admin/auth/actor';
import { resolveEntityTypes } from '../catalog/entity-type.resolver';
import { sensitiveMaskFor } from '../golden-records/read/sensitive-mask';
import { toConflictView } from './conflict.mapper';
import type { ConflictRow } from './conflict.types';

const contact = resolveEntityTypes({ entities: {}, systems: {} }).contact;
const mask = (role: Role) => sensitiveMaskFor({ kind: 'api-key', id: role, name: role, role } satisfies Actor, contact);

function row(field: string, values: unknown[], winning: unknown): ConflictRow {
  return {
    id: 'c1', golden_id: 'g1', entity_type: 'contact', field, status: 'auto_resolved', rule: 'merge:precedence',
    candidates: values.map((value, i) => ({ system: ['A', 'B'][i], value, at: '2026-01-01T00:00:00.000Z' })),
    winner: 'A', winning_value: winning, golden_version: 2, event_id: '7', created_at: new Date(0), resolved_at: null,
    resolved_by: null, cursor_at: '1970-01-01T00:00:00.000000Z',
  };
}

describe('conflict view', () => {
  it('masks candidate and winning values of a sensitive field for non-admins only', () => {
    const r = row('ssn', ['1', '2'], '1');
    const viewer = toConflictView(r, mask('viewer'));
    expect(viewer.values).toEqual([
      { system: 'A', value: '***', at: '2026-01-01T00:00:00.000Z' }, { system: 'B', value: '***', at: '2026-01-01T00:00:00.000Z' },
    ]);
    expect(viewer.winningValue).toBe('***');
    const admin = toConflictView(r, mask('admin'));
    expect(admin.values.map((v) => (v as { value: unknown }).value)).toEqual(['1', '2']);
    expect(admin.winningValue).toBe('1');
  });

  it('keeps other fields, a null winning value, and maps columns to API names', () => {
    const v = toConflictView(row('firstName', ['Ada', 'Adah'], null), mask('viewer'));
    expect(v).toMatchObject({
      id: 'c1', goldenRecordId: 'g1', entityType: 'contact', field: 'firstName', winner: 'A', winningValue: null,
      goldenVersion: 2, eventId: '7', resolvedAt: null,
    });
    expect(v.values.map((c) => (c as { value: unknown }).value)).toEqual(['Ada', 'Adah']);
  });
});
