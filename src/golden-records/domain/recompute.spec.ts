import { describe, expect, it } from 'vitest';
import type { ResolvedEntityType } from '../../catalog/catalog.types';
import { type RecomputeInput, type RecomputeSource, recomputeRecord } from './recompute';
import type { GoldenState, LineageEntry } from './survivorship.types';
import { contactType, SurvivorshipSim } from './testing/survivorship-sim';

const NOW = '2024-06-01T00:00:00.000Z';

function held(system: string | null, value: unknown, extra: Partial<LineageEntry> = {}): LineageEntry {
  return { value, system, rule: 'merge', updatedAt: '2024-01-01T00:00:10.000Z', sourceAt: '2024-01-01T00:00:09.000Z', ...extra };
}

function source(system: string, data: Record<string, unknown>, synced: Record<string, unknown>, at = '2024-01-01T00:00:05.000Z'): RecomputeSource {
  return { key: `${system}-1`, system, data, synced, at };
}

function golden(data: Record<string, unknown>, lineage: Record<string, LineageEntry>): GoldenState {
  return { data, lineage };
}

/** The state the pipeline leaves in the seed example: A created Ada, B (delayed sync) sent Augusta and lost. */
function seedExample(type: ResolvedEntityType): { golden: GoldenState; sources: RecomputeSource[] } {
  const sim = new SurvivorshipSim(type);
  sim.send('A', { email: 'ada@example.com', firstName: 'Ada' });
  sim.send('B', { email: 'ada@example.com', firstName: 'Augusta' });
  return { golden: sim.golden!, sources: [...sim.states.values()].map((s) => ({ ...s, key: `${s.system}-1` })) };
}

function run(input: Partial<RecomputeInput> & Pick<RecomputeInput, 'golden' | 'sources'>) {
  return recomputeRecord({ entityType: contactType(), fields: ['firstName'], now: NOW, ...input });
}

describe('recomputeRecord — the seed example', () => {
  it('firstName: [B, A] makes B\'s unreconciled value win, with one decision, one conflict and B in sync', () => {
    const state = seedExample(contactType());
    const result = run({ ...state, entityType: contactType({ fieldPrecedence: { firstName: ['B', 'A'] } }) });
    expect(result.changed).toBe(true);
    expect(result.golden.data).toEqual({ email: 'ada@example.com', firstName: 'Augusta' });
    expect(result.golden.lineage.firstName).toEqual({
      value: 'Augusta', system: 'B', rule: 'merge:precedence', updatedAt: NOW, sourceAt: state.sources[1].at,
    });
    expect(result.decisions).toEqual([{ field: 'firstName', rule: 'merge:precedence', outcome: 'set', system: 'B', previous: 'Ada', value: 'Augusta' }]);
    expect(result.conflicts).toEqual([{
      field: 'firstName', rule: 'merge:precedence', status: 'auto_resolved', winner: 'B', winningValue: 'Augusta',
      candidates: [{ system: 'A', value: 'Ada', at: expect.any(String) }, { system: 'B', value: 'Augusta', at: expect.any(String) }],
    }]);
    expect(result.reversed).toEqual([{ field: 'firstName', value: 'Ada' }]);
    // B is in sync with the new value; A, which held the value that lost, keeps it as a claim until it is written
    expect(result.synced).toEqual([
      { key: 'A-1', synced: { email: 'ada@example.com', firstName: 'Augusta' } },
      { key: 'B-1', synced: { email: 'ada@example.com', firstName: 'Augusta' } },
    ]);
    // the input is not touched
    expect(state.golden.data.firstName).toBe('Ada');
  });

  it('changing the rules back gives the value back, even to a system the hub never writes to', () => {
    const state = seedExample(contactType());
    const forward = run({ ...state, entityType: contactType({ precedence: ['B', 'A'] }) });
    const sources = state.sources.map((s) => ({ ...s, synced: forward.synced.find((x) => x.key === s.key)?.synced ?? s.synced }));
    const back = run({ golden: forward.golden, sources, entityType: contactType({ precedence: ['A', 'B'] }) });
    expect(back.golden.data.firstName).toBe('Ada');
    expect(back.golden.lineage.firstName.system).toBe('A');
  });

  it('under the old order nothing changes: A still wins', () => {
    const result = run(seedExample(contactType()));
    expect(result).toMatchObject({ changed: false, decisions: [], conflicts: [], reversed: [], synced: [] });
  });

  it('has nothing to re-decide once the hub wrote the winner to B (fully synced two-way)', () => {
    const sim = new SurvivorshipSim(contactType());
    sim.send('A', { firstName: 'Ada' });
    sim.send('B', { firstName: 'Augusta' });
    sim.deliver('B');
    const sources = [...sim.states.values()].map((s) => ({ ...s, key: s.system }));
    const result = run({ golden: sim.golden!, sources, entityType: contactType({ precedence: ['B', 'A'] }) });
    expect(result.changed).toBe(false);
  });
});

describe('recomputeRecord — what is a claim', () => {
  const bFirst = contactType({ precedence: ['B', 'A'] });
  const cases: { name: string; golden: GoldenState; sources: RecomputeSource[]; type?: ResolvedEntityType; expected: unknown }[] = [
    {
      name: 'a value equal to its merge base but not to golden is behind, not a claim',
      golden: golden({ firstName: 'Ada' }, { firstName: held('A', 'Ada') }),
      sources: [source('A', { firstName: 'Ada' }, { firstName: 'Ada' }), source('B', { firstName: 'Old' }, { firstName: 'Old' })],
      expected: 'Ada',
    },
    {
      name: 'a value with no merge base is a claim',
      golden: golden({ firstName: 'Ada' }, { firstName: held('A', 'Ada') }),
      sources: [source('A', { firstName: 'Ada' }, { firstName: 'Ada' }), source('B', { firstName: 'Augusta' }, {})],
      expected: 'Augusta',
    },
    {
      name: 'a blank source value is no claim',
      golden: golden({ firstName: 'Ada' }, { firstName: held('A', 'Ada') }),
      sources: [source('B', { firstName: '  ' }, { firstName: 'Ada' })],
      expected: 'Ada',
    },
    {
      name: 'a blank golden value loses to a value',
      golden: golden({ firstName: null }, { firstName: held('B', null) }),
      sources: [source('A', { firstName: 'Ada' }, { firstName: 'X' })],
      type: contactType({ precedence: ['B', 'A'] }),
      expected: 'Ada',
    },
    {
      name: 'an orphan holder (no live source) ranks like an unlisted system: a listed claim beats it',
      golden: golden({ firstName: 'Kept' }, { firstName: held('steward', 'Kept', { rule: 'rollback' }) }),
      sources: [source('A', { firstName: 'Ada' }, { firstName: 'Kept' })],
      type: contactType({ precedence: ['B', 'A'] }),
      expected: 'Ada',
    },
    {
      name: 'two unlisted systems tie: the value in place stays',
      golden: golden({ firstName: 'Xavier' }, { firstName: held('X', 'Xavier') }),
      sources: [source('Y', { firstName: 'Yann' }, { firstName: 'Xavier' })],
      expected: 'Xavier',
    },
    {
      name: 'the holder\'s own system claiming another value speaks for it',
      golden: golden({ firstName: 'Ada' }, { firstName: held('B', 'Ada') }),
      sources: [source('B', { firstName: 'Bea' }, { firstName: 'Ada' }), source('A', { firstName: 'Alice' }, { firstName: 'Ada' })],
      expected: 'Bea',
    },
    {
      name: 'claims that agree leave nothing to decide',
      golden: golden({ firstName: 'Ada' }, { firstName: held('A', 'Ada') }),
      sources: [source('B', { firstName: 'Ada' }, { firstName: 'Other' })],
      expected: 'Ada',
    },
  ];
  it.each(cases)('$name', ({ golden: g, sources, type, expected }) => {
    const result = run({ golden: g, sources, entityType: type ?? bFirst });
    expect(result.golden.data.firstName).toEqual(expected);
    expect(result.changed).toBe(expected !== g.data.firstName);
  });
});

describe('recomputeRecord — strategies', () => {
  const claims = (): Pick<RecomputeInput, 'golden' | 'sources'> => ({
    golden: golden({ firstName: 'Ada' }, { firstName: held('A', 'Ada', { sourceAt: '2024-01-01T00:00:09.000Z' }) }),
    sources: [
      source('A', { firstName: 'Ada' }, { firstName: 'Ada' }),
      source('B', { firstName: 'Augusta' }, { firstName: 'Ada' }, '2024-01-01T00:00:20.000Z'),
    ],
  });

  it.each([
    ['merge, A first', contactType({ precedence: ['A', 'B'] }), 'Ada', undefined],
    ['merge, B first', contactType({ precedence: ['B', 'A'] }), 'Augusta', 'merge:precedence'],
    ['precedence, B first', contactType({ precedence: ['B', 'A'], strategy: 'precedence' }), 'Augusta', 'precedence'],
    ['precedence, A first', contactType({ precedence: ['A', 'B'], strategy: 'precedence' }), 'Ada', undefined],
    ['latest: B\'s claim is newer', contactType({ strategy: 'latest' }), 'Augusta', 'latest'],
    ['a field strategy overrides the type\'s', contactType({ fields: { ...contactType().fields, firstName: { type: 'string', strategy: 'latest' } } }), 'Augusta', 'latest'],
  ])('%s', (_, type, value, rule) => {
    const result = run({ ...claims(), entityType: type });
    expect(result.golden.data.firstName).toBe(value);
    expect(result.golden.lineage.firstName.rule).toBe(rule ?? 'merge');
  });

  it('latest keeps the value in place when the holder\'s claim is the newest', () => {
    const state = claims();
    state.golden.lineage.firstName = held('A', 'Ada', { sourceAt: '2024-01-01T00:00:30.000Z' });
    expect(run({ ...state, entityType: contactType({ strategy: 'latest' }) }).changed).toBe(false);
  });

  it('manual keeps the value and opens one conflict with every claim, unless one is open already', () => {
    const type = contactType({ strategy: 'manual' });
    const first = run({ ...claims(), entityType: type });
    expect(first.changed).toBe(false);
    expect(first.conflicts).toEqual([{
      field: 'firstName', rule: 'manual', status: 'open', winner: null, winningValue: null,
      candidates: [{ system: 'A', value: 'Ada', at: '2024-01-01T00:00:09.000Z' }, { system: 'B', value: 'Augusta', at: '2024-01-01T00:00:20.000Z' }],
    }]);
    expect(run({ ...claims(), entityType: type, openConflictFields: new Set(['firstName']) }).conflicts).toEqual([]);
  });

  it('closes the open conflicts of a field that is no longer manual, whether or not its value changes', () => {
    const open = new Set(['firstName']);
    expect(run({ ...claims(), entityType: contactType({ precedence: ['A', 'B'] }), openConflictFields: open }).closeOpen).toEqual(['firstName']);
    expect(run({ ...claims(), entityType: contactType({ precedence: ['B', 'A'] }), openConflictFields: open }).closeOpen).toEqual(['firstName']);
    expect(run({ ...claims(), entityType: contactType({ strategy: 'manual' }), openConflictFields: open }).closeOpen).toEqual([]);
  });
});

describe('recomputeRecord — scope and pins', () => {
  const state = (): Pick<RecomputeInput, 'golden' | 'sources'> => ({
    golden: golden({ firstName: 'Ada', phone: '+441' }, { firstName: held('A', 'Ada'), phone: held('A', '+441') }),
    sources: [source('B', { firstName: 'Augusta', phone: '+442' }, { firstName: 'Ada', phone: '+441' })],
  });

  it('re-decides only the fields it is given', () => {
    const result = run({ ...state(), entityType: contactType({ precedence: ['B', 'A'] }), fields: ['firstName'] });
    expect(result.golden.data).toEqual({ firstName: 'Augusta', phone: '+441' });
    expect(result.decisions.map((d) => d.field)).toEqual(['firstName']);
    expect(result.synced).toEqual([{ key: 'B-1', synced: { firstName: 'Augusta', phone: '+441' } }]);
  });

  it('one decision and one conflict per changed field; the merge base moves once per source', () => {
    const result = run({ ...state(), entityType: contactType({ precedence: ['B', 'A'] }), fields: ['phone', 'firstName', 'phone'] });
    expect(result.decisions.map((d) => d.field)).toEqual(['firstName', 'phone']);
    expect(result.conflicts.map((c) => c.field)).toEqual(['firstName', 'phone']);
    expect(result.synced).toEqual([{ key: 'B-1', synced: { firstName: 'Augusta', phone: '+442' } }]);
  });

  it('never changes a field a steward pinned', () => {
    const s = state();
    s.golden.lineage.firstName = { value: 'Ada', system: 'steward', rule: 'override', updatedAt: NOW };
    const result = run({ ...s, entityType: contactType({ precedence: ['B', 'A'] }), openConflictFields: new Set(['firstName']) });
    expect(result).toMatchObject({ changed: false, conflicts: [], closeOpen: [] });
    expect(result.golden.lineage.firstName.rule).toBe('override');
  });

  it('a field golden has no value for, claimed by two systems, gets the best-ranked one', () => {
    const result = run({
      golden: golden({}, {}),
      sources: [source('A', { firstName: 'Ada' }, {}), source('B', { firstName: 'Augusta' }, {})],
      entityType: contactType({ precedence: ['B', 'A'] }),
    });
    expect(result.golden.data.firstName).toBe('Augusta');
    expect(result.reversed).toEqual([]);
  });
});
