import { describe, expect, it } from 'vitest';
import { applyChange } from './survivorship';
import type { GoldenState } from './survivorship.types';
import { contactType, SurvivorshipSim } from './testing/survivorship-sim';

const alice = { firstName: 'Alice', email: 'alice@example.com', birthDate: '1990-04-01' };

function outcomes(result: { decisions: { field: string; outcome: string }[] }): Record<string, string> {
  return Object.fromEntries(result.decisions.map((d) => [d.field, d.outcome]));
}

describe('applyChange — the seed example ("System A wins")', () => {
  it('creates a new golden record with every incoming field set and lineage from the incoming system', () => {
    const sim = new SurvivorshipSim(contactType());
    const at = '2024-03-01T10:00:00.000Z';
    const result = sim.send('A', alice, at);
    expect(result.changed).toBe(true);
    expect(result.golden.data).toEqual(alice);
    expect(result.conflicts).toEqual([]);
    expect(outcomes(result)).toEqual({ firstName: 'set', email: 'set', birthDate: 'set' });
    expect(result.golden.lineage.firstName).toMatchObject({ value: 'Alice', system: 'A', rule: 'merge', sourceAt: at });
    expect(result.golden.lineage.firstName.updatedAt).not.toBe(at);
    expect(result.incomingSynced).toEqual(alice);
  });

  it('keeps Alice when B first sends Alicia, recording exactly one conflict won by A', () => {
    const sim = new SurvivorshipSim(contactType());
    sim.send('A', alice);
    const result = sim.send('B', { ...alice, firstName: 'Alicia' });
    expect(result.golden.data).toEqual(alice);
    expect(result.changed).toBe(false);
    expect(outcomes(result)).toEqual({ firstName: 'conflict_lost', email: 'unchanged', birthDate: 'unchanged' });
    expect(result.conflicts).toHaveLength(1);
    expect(result.conflicts[0]).toMatchObject({
      field: 'firstName', rule: 'merge:precedence', status: 'auto_resolved', winner: 'A', winningValue: 'Alice',
    });
    expect(result.conflicts[0].candidates.map((c) => [c.system, c.value])).toEqual([['A', 'Alice'], ['B', 'Alicia']]);
    expect(result.golden.lineage.firstName.system).toBe('A');
    // B will be brought in line with golden, so golden is its new base.
    expect(result.incomingSynced.firstName).toBe('Alice');
  });

  it('takes a field A never set from B without a conflict', () => {
    const sim = new SurvivorshipSim(contactType());
    sim.send('A', alice);
    sim.send('B', { ...alice, firstName: 'Alicia' });
    const result = sim.send('B', { phone: '+442071838750' });
    expect(result.conflicts).toEqual([]);
    expect(result.changed).toBe(true);
    expect(result.golden.data).toEqual({ ...alice, phone: '+442071838750' });
    expect(result.golden.lineage.phone).toMatchObject({ system: 'B', rule: 'merge' });
    expect(sim.conflicts).toHaveLength(1);
  });

  it('lets a field override (phone: [B, A]) give B the phone while A still wins firstName', () => {
    const sim = new SurvivorshipSim(contactType({ fieldPrecedence: { phone: ['B', 'A'] } }));
    sim.send('A', { ...alice, phone: '+442071838750' });
    const result = sim.send('B', { ...alice, firstName: 'Alicia', phone: '+14155550100' });
    expect(result.golden.data).toEqual({ ...alice, phone: '+14155550100' });
    expect(outcomes(result)).toMatchObject({ firstName: 'conflict_lost', phone: 'conflict_won' });
    expect(result.conflicts.map((c) => [c.field, c.winner])).toEqual([['firstName', 'A'], ['phone', 'B']]);
    expect(result.golden.lineage.phone).toMatchObject({ system: 'B', rule: 'merge:precedence' });
  });

  it('applies the field override in the other arrival order too', () => {
    const sim = new SurvivorshipSim(contactType({ fieldPrecedence: { phone: ['B', 'A'] } }));
    sim.send('B', { ...alice, firstName: 'Alicia', phone: '+14155550100' });
    const result = sim.send('A', { ...alice, phone: '+442071838750' });
    expect(result.golden.data).toEqual({ ...alice, phone: '+14155550100' });
    expect(result.conflicts.map((c) => [c.field, c.winner])).toEqual([['firstName', 'A'], ['phone', 'B']]);
  });
});

describe('applyChange — merge (three-way against the last synced value)', () => {
  function syncedOnAnn(): SurvivorshipSim {
    const sim = new SurvivorshipSim(contactType());
    sim.send('A', { email: 'ann@example.com', firstName: 'Ann' });
    const b = sim.send('B', { email: 'ann@example.com', firstName: 'Ann' });
    expect(outcomes(b)).toEqual({ email: 'unchanged', firstName: 'unchanged' });
    return sim;
  }

  it('lets B change a field A did not touch, without a conflict, even though A ranks higher', () => {
    const sim = syncedOnAnn();
    const result = sim.send('B', { firstName: 'Anne' });
    expect(result.golden.data.firstName).toBe('Anne');
    expect(outcomes(result)).toEqual({ firstName: 'set' });
    expect(result.conflicts).toEqual([]);
    expect(result.golden.lineage.firstName).toMatchObject({ system: 'B', rule: 'merge' });
  });

  it('decides concurrent changes (A first, then B) for A and records the conflict', () => {
    const sim = syncedOnAnn();
    expect(outcomes(sim.send('A', { firstName: 'Annie' }))).toEqual({ firstName: 'set' });
    const result = sim.send('B', { firstName: 'Anne' });
    expect(result.golden.data.firstName).toBe('Annie');
    expect(outcomes(result)).toEqual({ firstName: 'conflict_lost' });
    expect(sim.conflicts).toHaveLength(1);
    expect(sim.conflicts[0]).toMatchObject({ field: 'firstName', winner: 'A', winningValue: 'Annie' });
  });

  it('decides concurrent changes (B first, then A) for A and records the conflict', () => {
    const sim = syncedOnAnn();
    expect(outcomes(sim.send('B', { firstName: 'Anne' }))).toEqual({ firstName: 'set' });
    const result = sim.send('A', { firstName: 'Annie' });
    expect(result.golden.data.firstName).toBe('Annie');
    expect(result.changed).toBe(true);
    expect(outcomes(result)).toEqual({ firstName: 'conflict_won' });
    expect(result.golden.lineage.firstName).toMatchObject({ system: 'A', rule: 'merge:precedence' });
    expect(sim.conflicts).toHaveLength(1);
    expect(sim.conflicts[0]).toMatchObject({ winner: 'A', winningValue: 'Annie' });
    expect(sim.conflicts[0].candidates.map((c) => c.system)).toEqual(['B', 'A']);
  });

  it('does not let a stale re-send revert a newer change made elsewhere', () => {
    const sim = syncedOnAnn();
    sim.send('B', { firstName: 'Anne' });
    const stale = sim.send('A', { email: 'ann@example.com', firstName: 'Ann' });
    expect(outcomes(stale)).toEqual({ email: 'unchanged', firstName: 'stale' });
    expect(stale.changed).toBe(false);
    expect(stale.conflicts).toEqual([]);
    expect(stale.golden.data.firstName).toBe('Anne');
    sim.deliver('A');
    expect(outcomes(sim.send('A', { firstName: 'Anne' }))).toEqual({ firstName: 'unchanged' });
  });

  it('does not let the loser of a conflict re-assert its value before the hub wrote golden to it', () => {
    const sim = new SurvivorshipSim(contactType());
    sim.send('A', alice);
    sim.send('B', { ...alice, firstName: 'Alicia' });
    // B edits another field and re-sends its whole record, still carrying its old first name.
    const result = sim.send('B', { ...alice, firstName: 'Alicia', phone: '+14155550100' });
    expect(outcomes(result)).toMatchObject({ firstName: 'stale', phone: 'set' });
    expect(result.golden.data.firstName).toBe('Alice');
    expect(result.conflicts).toEqual([]);
  });

  it('lets the loser change the field once it was brought in line with golden', () => {
    const sim = new SurvivorshipSim(contactType());
    sim.send('A', alice);
    sim.send('B', { ...alice, firstName: 'Alicia' });
    sim.deliver('B');
    const result = sim.send('B', { firstName: 'Alicia' });
    expect(outcomes(result)).toEqual({ firstName: 'set' });
    expect(result.conflicts).toEqual([]);
  });

  it('never records a conflict for sequential edits when each one is delivered before the next', () => {
    const sim = new SurvivorshipSim(contactType({ precedence: ['A', 'B', 'C'] }));
    sim.send('A', alice);
    const edits: [string, string][] = [['C', 'Ali'], ['B', 'Al'], ['A', 'Alice'], ['C', 'Lisa'], ['B', 'Elise']];
    for (const [system, name] of edits) {
      for (const other of ['A', 'B', 'C']) sim.deliver(other);
      const result = sim.send(system, { firstName: name });
      expect(outcomes(result)).toEqual({ firstName: 'set' });
    }
    expect(sim.conflicts).toEqual([]);
    expect(sim.golden?.data.firstName).toBe('Elise');
  });

  it('lets the lineage holder change its own value even without a recorded base', () => {
    const golden: GoldenState = {
      data: { firstName: 'Bob' },
      lineage: { firstName: { value: 'Bob', system: 'B', rule: 'merge', updatedAt: '2024-01-01T00:00:00.000Z' } },
    };
    const result = applyChange({
      entityType: contactType(), golden, sources: [], incomingSource: null,
      incoming: { system: 'B', data: { firstName: 'Robert' }, at: '2024-01-02T00:00:00.000Z' }, now: '2024-01-02T00:00:01.000Z',
    });
    expect(outcomes(result)).toEqual({ firstName: 'set' });
    expect(result.golden.data.firstName).toBe('Robert');
  });

  it('gives the incoming change a tie between two systems missing from the precedence list', () => {
    const sim = new SurvivorshipSim(contactType());
    sim.send('C', { firstName: 'Carl' });
    const result = sim.send('D', { firstName: 'Dirk' });
    expect(outcomes(result)).toEqual({ firstName: 'conflict_won' });
    expect(result.conflicts[0]).toMatchObject({ winner: 'D', rule: 'merge:precedence' });
  });

  it('ranks a listed system above a steward resolution that was not pinned', () => {
    const golden: GoldenState = {
      data: { firstName: 'Stewart' },
      lineage: { firstName: { value: 'Stewart', system: 'steward', rule: 'resolution', updatedAt: '2024-01-01T00:00:00.000Z' } },
    };
    const result = applyChange({
      entityType: contactType(), golden, sources: [], now: '2024-01-03T00:00:00.000Z',
      incomingSource: { system: 'B', data: { firstName: 'Old' }, synced: { firstName: 'Old' }, at: '2024-01-01T00:00:00.000Z' },
      incoming: { system: 'B', data: { firstName: 'Bert' }, at: '2024-01-02T00:00:00.000Z' },
    });
    expect(outcomes(result)).toEqual({ firstName: 'conflict_won' });
    expect(result.conflicts[0].candidates[0]).toMatchObject({ system: 'steward', value: 'Stewart' });
  });

  it('treats null as a value ("empty"), and absent or undefined fields as untouched', () => {
    const sim = new SurvivorshipSim(contactType());
    sim.send('A', { ...alice, phone: '+442071838750' });
    const result = sim.send('A', { phone: null, birthDate: undefined });
    expect(result.decisions.map((d) => d.field)).toEqual(['phone']);
    expect(result.golden.data).toEqual({ ...alice, phone: null });
    expect(result.incomingSynced).toEqual({ ...alice, phone: null });
    expect(Object.keys(result.golden.data)).not.toContain('undefined');
  });
});
