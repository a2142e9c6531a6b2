import { describe, expect, it } from 'vitest';
import { resolveEntityTypes } from '../../catalog/entity-type.resolver';
import type { ActiveConfig } from '../../config/active-config';
import { hubConfigSchema } from '../../config/hub-config.schema';
import { BatchState } from './batch-state';
import type { GoldenRow } from './pipeline.types';

const entityTypes = resolveEntityTypes(hubConfigSchema.parse({}));
const { contact } = entityTypes;
const active = { entityTypes } as unknown as ActiveConfig;
const KEY = (email: string) => `contact\u0000email:${email}`;

function loaded(state: BatchState, id: string, email: string): GoldenRow {
  const g: GoldenRow = { id, entityType: 'contact', version: 3, deleted: false, data: { email }, lineage: {}, updatedAt: '2026-12-07T00:00:00.000Z' };
  state.golden.set(id, g);
  state.ownKey(KEY(email), id);
  return g;
}

describe('BatchState match keys', () => {
  it('finds a record by a key it owns, follows its new values, and leaves a key another record owns', () => {
    const state = new BatchState(active, '2026-12-07T00:00:00.000Z');
    const ada = loaded(state, 'g-ada', 'ada@example.org');
    const bob = loaded(state, 'g-bob', 'bob@example.org');
    expect(state.matchByKey(contact, { email: 'ada@example.org' })).toBe(ada);

    const before = { ...ada };
    ada.data = { email: 'ada.lovelace@example.org' };
    state.rekey(ada, contact, before);
    expect(state.matchByKey(contact, { email: 'ada@example.org' })).toBeUndefined();
    expect(state.matchByKey(contact, { email: 'ada.lovelace@example.org' })).toBe(ada);

    const bobBefore = { ...bob };
    bob.data = { email: 'ada.lovelace@example.org' };
    state.rekey(bob, contact, bobBefore);
    expect(state.matchByKey(contact, { email: 'ada.lovelace@example.org' })).toBe(ada);
    expect(state.matchByKey(contact, { email: 'bob@example.org' })).toBeUndefined();
    expect(state.keyOwners.get(KEY('ada.lovelace@example.org'))).toBe('g-ada');
  });

  it('frees a tombstone\'s keys for a new record, and writes only the difference', () => {
    const state = new BatchState(active, '2026-12-07T00:00:00.000Z');
    const ada = loaded(state, 'g-ada', 'ada@example.org');
    const before = { ...ada };
    ada.deleted = true;
    state.rekey(ada, contact, before);
    expect(state.keyOwners.has(KEY('ada@example.org'))).toBe(false);

    const fresh = state.createGolden('contact');
    fresh.data = { email: 'ada@example.org' };
    state.rekey(fresh, contact, null);
    expect(state.matchByKey(contact, { email: 'ada@example.org' })).toBe(fresh);

    const w = state.writes();
    expect(w.dropKeys).toEqual([{ entityType: 'contact', key: 'email:ada@example.org', goldenId: 'g-ada' }]);
    expect(w.matchKeys).toEqual([{ entityType: 'contact', key: 'email:ada@example.org', goldenId: fresh.id }]);
  });
});
