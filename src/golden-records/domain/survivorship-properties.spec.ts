import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ResolvedEntityType } from '../../catalog/catalog.types';
import { STRATEGIES } from '../../config/hub-config.schema';
import { valuesEqual } from './record-diff';
import type { ChangeResult } from './survivorship.types';
import { contactType, SurvivorshipSim } from './testing/survivorship-sim';

const SYSTEMS = ['A', 'B', 'C', 'D'] as const;
const FIELDS = ['f1', 'f2', 'f3'] as const;
const EPOCH = Date.UTC(2024, 0, 1);

const valueArb = fc.oneof(
  fc.constantFrom<unknown>('x', 'y', 'z', '', null),
  fc.record({ amount: fc.constantFrom('1.00', '2.50'), currency: fc.constantFrom('EUR', 'USD') }),
  fc.array(fc.constantFrom('a', 'b'), { maxLength: 2 }),
);
const dataArb = fc.record({ f1: valueArb, f2: valueArb, f3: valueArb }, { requiredKeys: [] });
const systemArb = fc.constantFrom(...SYSTEMS);
const atArb = fc.integer({ min: 0, max: 50 }).map((s) => new Date(EPOCH + s * 1000).toISOString());

const entityTypeArb = fc.record({
  strategy: fc.constantFrom(...STRATEGIES),
  f2Strategy: fc.option(fc.constantFrom(...STRATEGIES), { nil: undefined }),
  precedence: fc.shuffledSubarray([...SYSTEMS]),
  f1Precedence: fc.option(fc.shuffledSubarray([...SYSTEMS], { minLength: 1 }), { nil: undefined }),
}).map(({ strategy, f2Strategy, precedence, f1Precedence }): ResolvedEntityType => contactType({
  strategy,
  precedence,
  fieldPrecedence: f1Precedence ? { f1: f1Precedence } : {},
  fields: { f1: { type: 'string' }, f2: { type: 'string', ...(f2Strategy ? { strategy: f2Strategy } : {}) }, f3: { type: 'string' } },
}));

type Step =
  | { kind: 'send'; system: string; data: Record<string, unknown>; at: string }
  | { kind: 'deliver'; system: string }
  | { kind: 'override'; field: string; value: unknown };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('send' as const), system: systemArb, data: dataArb, at: atArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('deliver' as const), system: systemArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('override' as const), field: fc.constantFrom(...FIELDS), value: valueArb }) },
);

/** Runs the steps, checking the per-change invariants after every send. */
function run(type: ResolvedEntityType, steps: Step[]): SurvivorshipSim {
  const sim = new SurvivorshipSim(type);
  for (const step of steps) {
    if (step.kind === 'deliver') sim.deliver(step.system);
    else if (step.kind === 'override') sim.override(step.field, step.value);
    else {
      const before = structuredClone(sim.golden);
      checkInvariants(type, before?.data ?? null, step.data, sim.send(step.system, step.data, step.at));
    }
  }
  return sim;
}

function checkInvariants(
  type: ResolvedEntityType, before: Record<string, unknown> | null, incoming: Record<string, unknown>, result: ChangeResult,
): void {
  const allowed = new Set([...Object.keys(before ?? {}), ...Object.keys(incoming)]);
  for (const key of Object.keys(result.golden.data)) {
    expect(allowed.has(key)).toBe(true);
    expect(valuesEqual(result.golden.lineage[key]?.value, result.golden.data[key])).toBe(true);
  }
  expect(result.decisions.map((d) => d.field)).toEqual(Object.keys(incoming));
  for (const d of result.decisions) {
    if (['unchanged', 'stale', 'kept', 'held_for_steward'].includes(d.outcome)) expect(valuesEqual(d.previous, d.value)).toBe(true);
  }
  const anyDifferent = result.decisions.some((d) => !valuesEqual(d.previous, d.value));
  expect(result.changed).toBe(before === null || anyDifferent);
  for (const c of result.conflicts) {
    expect(Object.keys(incoming)).toContain(c.field);
    const strategy = type.fields[c.field]?.strategy ?? type.strategy;
    if (c.status === 'open') expect(strategy).toBe('manual');
    else expect(c.candidates.some((k) => k.system === c.winner && valuesEqual(k.value, c.winningValue))).toBe(true);
    expect(new Set(c.candidates.map((k) => JSON.stringify(k.value))).size).toBeGreaterThan(1);
  }
}

describe('applyChange — properties', () => {
  it('is idempotent: the same change applied twice changes nothing and records nothing the second time', () => {
    fc.assert(fc.property(entityTypeArb, fc.array(stepArb, { maxLength: 12 }), systemArb, dataArb, atArb, (type, steps, system, data, at) => {
      const sim = run(type, steps);
      sim.send(system, data, at);
      const golden = structuredClone(sim.golden);
      const again = sim.send(system, data, at);
      expect(again.changed).toBe(false);
      expect(again.conflicts).toEqual([]);
      expect(again.golden).toEqual(golden);
      for (const d of again.decisions) expect(['unchanged', 'stale']).toContain(d.outcome);
    }));
  });

  it('keeps every result within golden ∪ incoming fields, lineage in step with values, and `changed` honest', () => {
    fc.assert(fc.property(entityTypeArb, fc.array(stepArb, { maxLength: 15 }), (type, steps) => {
      run(type, steps);
    }));
  });

  it('never lets a system change a value a steward pinned', () => {
    fc.assert(fc.property(entityTypeArb, fc.array(stepArb, { maxLength: 8 }), fc.constantFrom(...FIELDS), valueArb, fc.array(stepArb, { maxLength: 8 }),
      (type, history, field, pinned, later) => {
        const sim = run(type, history);
        sim.override(field, pinned);
        for (const step of later.filter((s) => s.kind === 'send')) {
          sim.send(step.system, step.data, step.at);
          expect(sim.golden?.data[field]).toEqual(pinned);
        }
      }));
  });

  it('never changes golden when a system re-sends the values it was last in sync with', () => {
    fc.assert(fc.property(entityTypeArb, fc.array(stepArb, { maxLength: 12 }), systemArb, atArb, (type, steps, system, at) => {
      const sim = run(type, steps);
      fc.pre(sim.golden !== null);
      const synced = sim.states.get(system)?.synced ?? {};
      const result = sim.send(system, synced, at);
      expect(result.changed).toBe(false);
      expect(result.conflicts).toEqual([]);
    }));
  });

  it('merge: sequential edits, each delivered to every system before the next, never conflict and always win', () => {
    const editArb = fc.record({ system: systemArb, data: dataArb });
    fc.assert(fc.property(fc.shuffledSubarray([...SYSTEMS]), fc.array(editArb, { maxLength: 12 }), (precedence, edits) => {
      const sim = new SurvivorshipSim(contactType({ precedence, fields: {} }));
      for (const edit of edits) {
        const result = sim.send(edit.system, edit.data);
        for (const system of SYSTEMS) sim.deliver(system);
        expect(result.conflicts).toEqual([]);
        for (const [field, value] of Object.entries(edit.data)) expect(result.golden.data[field]).toEqual(value);
      }
    }));
  });

  it('merge: two concurrent edits from a common base end the same in either order, with one conflict each time', () => {
    const twoListed = fc.shuffledSubarray([...SYSTEMS], { minLength: 2, maxLength: 2 });
    const threeValues = fc.uniqueArray(valueArb, { minLength: 3, maxLength: 3, selector: (v) => JSON.stringify(v) });
    fc.assert(fc.property(fc.shuffledSubarray([...SYSTEMS], { minLength: 2 }), twoListed, threeValues, (precedence, pair, values) => {
      fc.pre(pair.every((s) => precedence.includes(s)));
      const [x, y] = pair;
      const [base, fromX, fromY] = values;
      const expected = precedence.indexOf(x) < precedence.indexOf(y) ? fromX : fromY;
      for (const order of [[x, y], [y, x]]) {
        const sim = new SurvivorshipSim(contactType({ precedence, fields: {} }));
        sim.send(x, { f1: base });
        sim.send(y, { f1: base });
        for (const system of order) sim.send(system, { f1: system === x ? fromX : fromY });
        expect(sim.golden?.data.f1).toEqual(expected);
        expect(sim.conflicts).toHaveLength(1);
      }
    }));
  });
});
