import { describe, expect, it } from 'vitest';
import { applyChange, type GoldenState, type LineageEntry } from '../domain';
import { contactType } from '../domain/testing/survivorship-sim';
import {
  decisionsBetween, isPinned, pickByPrecedence, pinField, recomputeField, rollbackTo, type SourceValues,
  stateFromSource, withoutSource,
} from './steward-rules';

const NOW = '2026-03-01T09:00:00.000Z';
const T1 = '2026-01-01T00:00:00.000Z';
const T2 = '2026-02-01T00:00:00.000Z';
const type = contactType({ precedence: ['A', 'B'], fieldPrecedence: { phone: ['B', 'A'] } });

const entry = (value: unknown, system: string | null, rule = 'merge'): LineageEntry => ({ value, system, rule, updatedAt: T1 });
const src = (system: string, data: Record<string, unknown>, at: string | null = T1, externalId = `${system}-1`): SourceValues =>
  ({ system, externalId, data, at });

function golden(fields: Record<string, [unknown, string | null, string?]>): GoldenState {
  const state: GoldenState = { data: {}, lineage: {} };
  for (const [f, [value, system, rule]] of Object.entries(fields)) {
    state.data[f] = value;
    state.lineage[f] = entry(value, system, rule);
  }
  return state;
}

describe('pickByPrecedence', () => {
  it('takes the best-ranked system holding a non-empty value, by the field precedence when declared', () => {
    const sources = [src('A', { firstName: 'Ann', phone: '+33142685300' }), src('B', { firstName: 'Anna', phone: '+442071838750' })];
    expect(pickByPrecedence(type, 'firstName', sources)).toEqual({ system: 'A', value: 'Ann', at: T1 });
    expect(pickByPrecedence(type, 'phone', sources)).toEqual({ system: 'B', value: '+442071838750', at: T1 });
  });

  it('skips empty values, ranks unlisted systems last, and says undefined when nobody holds a value', () => {
    const sources = [src('A', { firstName: '  ', phone: null }), src('C', { firstName: 'Cid' }), src('B', {})];
    expect(pickByPrecedence(type, 'firstName', sources)?.system).toBe('C');
    expect(pickByPrecedence(type, 'phone', sources)).toBeUndefined();
    expect(pickByPrecedence(type, 'firstName', [])).toBeUndefined();
  });

  it('breaks a tie between two records of one system by the latest change, whatever the row order', () => {
    const older = src('B', { firstName: 'Old' }, T1, 'b-1');
    const newer = src('B', { firstName: 'New' }, T2, 'b-2');
    expect(pickByPrecedence(type, 'firstName', [older, newer])?.value).toBe('New');
    expect(pickByPrecedence(type, 'firstName', [newer, older])?.value).toBe('New');
  });
});

describe('pin and release', () => {
  it('pins a value with steward/override lineage, and survivorship then refuses a system change as a conflict', () => {
    const before = golden({ email: ['a@x.io', 'A'], firstName: ['Ann', 'A'] });
    const pinned = pinField(before, 'firstName', 'Anna', NOW);
    expect(pinned.data.firstName).toBe('Anna');
    expect(pinned.lineage.firstName).toEqual({ value: 'Anna', system: 'steward', rule: 'override', updatedAt: NOW });
    expect(isPinned(pinned, 'firstName')).toBe(true);
    expect(before.data.firstName).toBe('Ann');

    const result = applyChange({
      entityType: type, golden: pinned, sources: [],
      incomingSource: { system: 'A', data: { firstName: 'Ann' }, synced: { firstName: 'Ann' }, at: T1 },
      incoming: { system: 'A', data: { firstName: 'Annie' }, at: T2 }, now: NOW,
    });
    expect(result.golden.data.firstName).toBe('Anna');
    expect(result.conflicts).toEqual([expect.objectContaining({ field: 'firstName', rule: 'steward-override', winner: 'steward' })]);
  });

  it('recomputes a released field from the sources by precedence, with the winner in its lineage', () => {
    const pinned = pinField(golden({ phone: ['+33142685300', 'A'] }), 'phone', '+4915112345678', NOW);
    const sources = [src('A', { phone: '+33142685300' }), src('B', { phone: '+442071838750' }, T2)];
    const released = recomputeField(pinned, type, 'phone', sources, NOW);
    expect(released.data.phone).toBe('+442071838750');
    expect(released.lineage.phone).toEqual({ value: '+442071838750', system: 'B', rule: 'precedence', updatedAt: NOW, sourceAt: T2 });
    expect(isPinned(released, 'phone')).toBe(false);
  });

  it('removes a released field no source holds a value for', () => {
    const pinned = pinField(golden({ email: ['a@x.io', 'A'] }), 'birthDate', '1990-01-01', NOW);
    const released = recomputeField(pinned, type, 'birthDate', [src('A', { email: 'a@x.io', birthDate: null })], NOW);
    expect(released.data).toEqual({ email: 'a@x.io' });
    expect(released.lineage).not.toHaveProperty('birthDate');
  });
});

describe('rollbackTo', () => {
  it("takes the snapshot's values; changed fields are the rollback's, unchanged fields keep their lineage", () => {
    const current = golden({ email: ['a@x.io', 'A'], firstName: ['Anna', 'B'], phone: ['+442071838750', 'B'] });
    const next = rollbackTo(current, { email: 'a@x.io', firstName: 'Ann', birthDate: '1990-01-01' }, NOW);
    expect(next.data).toEqual({ email: 'a@x.io', firstName: 'Ann', birthDate: '1990-01-01' });
    expect(next.lineage.email).toEqual(current.lineage.email);
    expect(next.lineage.firstName).toEqual({ value: 'Ann', system: 'steward', rule: 'rollback', updatedAt: NOW });
    expect(next.lineage.birthDate).toMatchObject({ system: 'steward', rule: 'rollback' });
    expect(next.lineage).not.toHaveProperty('phone');
  });

  it('compares structured values by content, not key order', () => {
    const current = golden({ address: [{ city: 'Paris', zip: '75001' }, 'A'] });
    const next = rollbackTo(current, { address: { zip: '75001', city: 'Paris' } }, NOW);
    expect(next.lineage.address.system).toBe('A');
  });
});

describe('merge and unmerge', () => {
  it("falls back on the remaining sources for the fields the split system vouched for; pins stay", () => {
    const g = pinField(golden({ email: ['a@x.io', 'A'], firstName: ['Ann', 'B'], phone: ['+442071838750', 'B'], birthDate: ['1990-01-01', 'B'] }), 'email', 'ann@x.io', NOW);
    const remaining = [src('A', { email: 'a@x.io', firstName: 'Annie', phone: '+33142685300' })];
    const { state, fields } = withoutSource(g, type, 'B', remaining, NOW);
    expect(fields).toEqual(['birthDate', 'firstName', 'phone']);
    expect(state.data).toEqual({ email: 'ann@x.io', firstName: 'Annie', phone: '+33142685300' });
    expect(state.lineage.firstName).toMatchObject({ system: 'A', rule: 'precedence' });
    expect(isPinned(state, 'email')).toBe(true);
  });

  it('builds a new record from one source, every field attributed to that system', () => {
    const state = stateFromSource(type, src('B', { email: 'b@x.io', firstName: 'Bo', phone: undefined }, T2), NOW);
    expect(state.data).toEqual({ email: 'b@x.io', firstName: 'Bo' });
    expect(state.lineage.firstName).toEqual({ value: 'Bo', system: 'B', rule: 'merge', updatedAt: NOW, sourceAt: T2 });
  });
});

describe('decisionsBetween', () => {
  it('lists one decision per field whose value or lineage changed, removals included', () => {
    const before = golden({ email: ['a@x.io', 'A'], firstName: ['Ann', 'A'], phone: ['+442071838750', 'B'] });
    const pinned = pinField(before, 'firstName', 'Ann', NOW);
    const after = recomputeField(pinned, type, 'phone', [], NOW);
    expect(decisionsBetween(before, after)).toEqual([
      { field: 'firstName', rule: 'override', outcome: 'set', system: 'steward', previous: 'Ann', value: 'Ann' },
      { field: 'phone', rule: 'removed', outcome: 'set', system: null, previous: '+442071838750', value: undefined },
    ]);
  });
});
