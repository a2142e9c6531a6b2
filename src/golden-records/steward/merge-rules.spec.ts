import { describe, expect, it } from 'vitest';
import type { GoldenState, LineageEntry } from '../domain';
import { contactType } from '../domain/testing/survivorship-sim';
import { type MergeSource, mergeSurvivorship } from './merge-rules';
import { sidesAfterUnmerge } from './merge-undo';
import { pinField } from './steward-rules';

const NOW = '2026-03-01T09:00:00.000Z';
const T1 = '2026-01-01T00:00:00.000Z';
const T2 = '2026-02-01T00:00:00.000Z';
const type = contactType({ precedence: ['A', 'B'], fieldPrecedence: { phone: ['B', 'A'] } });

const entry = (value: unknown, system: string | null, rule = 'merge'): LineageEntry => ({ value, system, rule, updatedAt: T1 });
function golden(fields: Record<string, [unknown, string | null]>): GoldenState {
  const state: GoldenState = { data: {}, lineage: {} };
  for (const [f, [value, system]] of Object.entries(fields)) {
    state.data[f] = value;
    state.lineage[f] = entry(value, system);
  }
  return state;
}
const src = (system: string, externalId: string, own: boolean, data: Record<string, unknown>, at: string | null = T1): MergeSource =>
  ({ system, externalId, own, data, at });

describe('mergeSurvivorship', () => {
  const survivor = golden({ email: ['jon@x.io', 'A'], firstName: ['Jon', 'A'], phone: ['+442079460000', 'B'] });
  const duplicate = golden({ email: ['jsmith@x.org', 'B'], firstName: ['John', 'B'], phone: ['+442079460999', 'B'], birthDate: ['1980-02-01', 'B'] });
  const sources = [
    src('A', 'a-1', true, { email: 'jon@x.io', firstName: 'Jon' }),
    src('B', 'b-7', true, { email: 'jon@x.io', firstName: 'Jon', phone: '+442079460000' }),
    src('B', 'b-1', false, { email: 'jsmith@x.org', firstName: 'John', phone: '+442079460999', birthDate: '1980-02-01' }, T2),
  ];

  it('decides every field over the sources of both by precedence, taking what only the duplicate has', () => {
    const { state } = mergeSurvivorship(type, survivor, duplicate, sources, NOW);
    expect(state.data).toEqual({ email: 'jon@x.io', firstName: 'Jon', phone: '+442079460000', birthDate: '1980-02-01' });
    expect(state.lineage.birthDate).toMatchObject({ system: 'B', rule: 'precedence', sourceAt: T2 });
    // Unchanged value from the same system: the lineage stays as it was.
    expect(state.lineage.firstName).toEqual(survivor.lineage.firstName);
  });

  it("prefers the survivor's own record over the duplicate's among one system's records, whatever their times", () => {
    const { state } = mergeSurvivorship(type, survivor, duplicate, sources, NOW);
    expect(state.data.phone).toBe('+442079460000');
  });

  it('records an auto-resolved conflict per field the sources disagree on, with every candidate', () => {
    const { conflicts } = mergeSurvivorship(type, survivor, duplicate, sources, NOW);
    expect(conflicts.map((c) => c.field).sort()).toEqual(['email', 'firstName', 'phone']);
    const email = conflicts.find((c) => c.field === 'email')!;
    expect(email).toMatchObject({ status: 'auto_resolved', winner: 'A', winningValue: 'jon@x.io' });
    expect(email.candidates).toHaveLength(3);
  });

  it('takes the newest value for a latest field, and keeps a manual field with an open conflict', () => {
    const base = contactType({ precedence: ['A', 'B'] });
    const latest = contactType({
      precedence: ['A', 'B'],
      fields: { ...base.fields, firstName: { type: 'string', strategy: 'latest' }, email: { type: 'email', strategy: 'manual' } },
    });
    const { state, conflicts } = mergeSurvivorship(latest, survivor, duplicate, sources, NOW);
    expect(state.data.firstName).toBe('John');
    expect(state.lineage.firstName).toMatchObject({ rule: 'latest', system: 'B' });
    expect(state.data.email).toBe('jon@x.io');
    expect(conflicts.find((c) => c.field === 'email')).toMatchObject({ status: 'open', winner: null });
  });

  it("keeps a steward's pin (the survivor's first) and values no source holds", () => {
    const pinned = pinField(survivor, 'firstName', 'Jonathan', NOW);
    const dupOnly = { ...duplicate, data: { ...duplicate.data, status: 'active' }, lineage: { ...duplicate.lineage, status: entry('active', 'steward') } };
    const { state } = mergeSurvivorship(type, pinned, dupOnly, sources, NOW);
    expect(state.data.firstName).toBe('Jonathan');
    expect(state.data.status).toBe('active');
  });
});

describe('sidesAfterUnmerge', () => {
  const before = {
    survivor: golden({ email: ['jon@x.io', 'A'], firstName: ['Jon', 'A'] }),
    duplicate: golden({ email: ['jsmith@x.org', 'B'], firstName: ['John', 'B'], phone: ['+442079460999', 'B'] }),
  };
  const atMerge = { email: 'jon@x.io', firstName: 'Jon', phone: '+442079460999' };
  const systems = { survivor: new Set(['A']), duplicate: new Set(['B']) };

  it('gives both sides their pre-merge values when nothing changed since the merge', () => {
    const current = golden({ email: ['jon@x.io', 'A'], firstName: ['Jon', 'A'], phone: ['+442079460999', 'B'] });
    const sides = sidesAfterUnmerge(current, atMerge, before, systems);
    expect(sides.survivor).toEqual(before.survivor);
    expect(sides.duplicate).toEqual(before.duplicate);
  });

  it('keeps a later change on the side whose sources include its system', () => {
    const current = golden({ email: ['jon@x.io', 'A'], firstName: ['Jonny', 'A'], phone: ['+442079460888', 'B'] });
    const sides = sidesAfterUnmerge(current, atMerge, before, systems);
    expect(sides.survivor.data).toEqual({ email: 'jon@x.io', firstName: 'Jonny' });
    expect(sides.duplicate.data).toEqual({ email: 'jsmith@x.org', firstName: 'John', phone: '+442079460888' });
  });
});
