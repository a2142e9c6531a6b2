import { describe, expect, it } from 'vitest';
import { DomainError } from '../../common/domain-error';
import { applyChange } from './survivorship';
import type { GoldenState, LineageEntry, SourceState } from './survivorship.types';
import { contactType, SurvivorshipSim } from './testing/survivorship-sim';

function outcomes(result: { decisions: { field: string; outcome: string }[] }): Record<string, string> {
  return Object.fromEntries(result.decisions.map((d) => [d.field, d.outcome]));
}

describe('applyChange — precedence (strict trust)', () => {
  const type = contactType({ strategy: 'precedence', precedence: ['A', 'B', 'C'] });

  it('keeps the higher system value even for a sequential, synced edit of a lower system', () => {
    const sim = new SurvivorshipSim(type);
    sim.send('A', { firstName: 'Alice' });
    sim.send('B', { firstName: 'Alice' });
    sim.deliver('B');
    const result = sim.send('B', { firstName: 'Alicia' });
    expect(result.golden.data.firstName).toBe('Alice');
    expect(outcomes(result)).toEqual({ firstName: 'conflict_lost' });
    expect(result.conflicts).toEqual([expect.objectContaining({ rule: 'precedence', status: 'auto_resolved', winner: 'A', winningValue: 'Alice' })]);
  });

  it('lets a higher system replace a lower one without a conflict', () => {
    const sim = new SurvivorshipSim(type);
    sim.send('C', { firstName: 'Carla' });
    const result = sim.send('B', { firstName: 'Bea' });
    expect(outcomes(result)).toEqual({ firstName: 'set' });
    expect(result.conflicts).toEqual([]);
    expect(result.golden.lineage.firstName).toMatchObject({ system: 'B', rule: 'precedence' });
  });

  it('lists every system holding a value as a candidate', () => {
    const sim = new SurvivorshipSim(type);
    sim.send('A', { firstName: 'Alice' });
    sim.send('B', { firstName: 'Bea' });
    const result = sim.send('C', { firstName: 'Carla' });
    expect(result.conflicts[0].candidates.map((c) => [c.system, c.value])).toEqual([['C', 'Carla'], ['A', 'Alice'], ['B', 'Bea']]);
  });

  it('falls back to the next system holding a value when the winner empties the field, without a conflict', () => {
    const sim = new SurvivorshipSim(type);
    sim.send('A', { firstName: 'Alice' });
    sim.send('C', { firstName: 'Carla' });
    const result = sim.send('A', { firstName: null });
    expect(result.golden.data.firstName).toBe('Carla');
    expect(outcomes(result)).toEqual({ firstName: 'set' });
    expect(result.decisions[0].system).toBe('C');
    expect(result.conflicts).toEqual([]);
  });

  it('does not let a lower system blank a value (blank strings and empty lists are empty) and records no conflict', () => {
    const sim = new SurvivorshipSim(type);
    sim.send('A', { firstName: 'Alice', roles: ['admin'] });
    const result = sim.send('B', { firstName: '  ', roles: [] });
    expect(result.golden.data).toEqual({ firstName: 'Alice', roles: ['admin'] });
    expect(outcomes(result)).toEqual({ firstName: 'kept', roles: 'kept' });
    expect(result.conflicts).toEqual([]);
  });

  it('takes an empty value when no system holds one', () => {
    const sim = new SurvivorshipSim(type);
    sim.send('B', { phone: '+14155550100' });
    const result = sim.send('B', { phone: null });
    expect(result.golden.data.phone).toBeNull();
    expect(outcomes(result)).toEqual({ phone: 'set' });
  });

  it('keeps a value whose holder has no source state (a steward resolution) against a blank', () => {
    const golden: GoldenState = {
      data: { firstName: 'Stewart' },
      lineage: { firstName: { value: 'Stewart', system: 'steward', rule: 'resolution', updatedAt: '2024-01-01T00:00:00.000Z' } },
    };
    const change = (firstName: unknown) => applyChange({
      entityType: type, golden, sources: [], incomingSource: null, now: '2024-01-02T00:00:01.000Z',
      incoming: { system: 'C', data: { firstName }, at: '2024-01-02T00:00:00.000Z' },
    });
    expect(outcomes(change(null))).toEqual({ firstName: 'kept' });
    expect(change(null).golden.data.firstName).toBe('Stewart');
    // Any listed system holding a value outranks the steward's unpinned choice.
    expect(outcomes(change('Carla'))).toEqual({ firstName: 'set' });
  });

  it('honours a field override of the precedence list', () => {
    const sim = new SurvivorshipSim(contactType({ strategy: 'precedence', precedence: ['A', 'B'], fieldPrecedence: { phone: ['B', 'A'] } }));
    sim.send('B', { phone: '+14155550100', firstName: 'Bea' });
    const result = sim.send('A', { phone: '+442071838750', firstName: 'Alice' });
    expect(result.golden.data).toEqual({ phone: '+14155550100', firstName: 'Alice' });
    expect(outcomes(result)).toEqual({ phone: 'conflict_lost', firstName: 'set' });
  });
});

describe('applyChange — latest (source timestamps)', () => {
  const type = contactType({ fields: { firstName: { type: 'string', strategy: 'latest' } } });

  it('takes a newer or equally recent change and calls an older one stale without a conflict', () => {
    const sim = new SurvivorshipSim(type);
    sim.send('A', { firstName: 'Alice' }, '2024-05-01T10:00:00.000Z');
    expect(outcomes(sim.send('B', { firstName: 'Bea' }, '2024-05-01T09:00:00.000Z'))).toEqual({ firstName: 'stale' });
    expect(outcomes(sim.send('B', { firstName: 'Bee' }, '2024-05-01T10:00:00.000Z'))).toEqual({ firstName: 'set' });
    const result = sim.send('A', { firstName: 'Alix' }, '2024-05-01T10:00:01.000Z');
    expect(result.golden.data.firstName).toBe('Alix');
    expect(result.golden.lineage.firstName).toMatchObject({ rule: 'latest', sourceAt: '2024-05-01T10:00:01.000Z' });
    expect(sim.conflicts).toEqual([]);
  });

  it('compares instants across offsets and against the source time, not the hub time', () => {
    const golden: GoldenState = {
      data: { firstName: 'Alice' },
      lineage: { firstName: { value: 'Alice', system: 'A', rule: 'latest', updatedAt: '2024-05-01T12:00:00.000Z', sourceAt: '2024-05-01T10:30:00+02:00' } },
    };
    const change = (at: string) => applyChange({
      entityType: type, golden, sources: [], incomingSource: null, now: '2024-05-01T13:00:00.000Z',
      incoming: { system: 'B', data: { firstName: 'Bea' }, at },
    });
    expect(outcomes(change('2024-05-01T09:00:00Z'))).toEqual({ firstName: 'set' });
    expect(outcomes(change('2024-05-01T08:00:00Z'))).toEqual({ firstName: 'stale' });
  });

  it('refuses a malformed source timestamp with a stable code', () => {
    const sim = new SurvivorshipSim(type);
    expect(() => sim.send('A', { firstName: 'Alice' }, '01/05/2024')).toThrow(DomainError);
    expect(() => sim.send('A', { firstName: 'Alice' }, 'yesterday')).toThrow(expect.objectContaining({ code: 'INVALID_TIMESTAMP' }));
  });
});

describe('applyChange — manual', () => {
  const type = contactType({ strategy: 'manual' });

  it('takes a first value, then holds every different value for a steward in an open conflict', () => {
    const sim = new SurvivorshipSim(type);
    expect(outcomes(sim.send('A', { email: 'a@example.com' }))).toEqual({ email: 'set' });
    sim.send('B', { firstName: 'Bea' });
    const result = sim.send('A', { firstName: 'Alice', email: 'a@example.com' });
    expect(result.golden.data).toEqual({ email: 'a@example.com', firstName: 'Bea' });
    expect(result.changed).toBe(false);
    expect(outcomes(result)).toEqual({ firstName: 'held_for_steward', email: 'unchanged' });
    expect(result.conflicts).toEqual([{
      field: 'firstName', rule: 'manual', status: 'open', winner: null, winningValue: null,
      candidates: [
        { system: 'B', value: 'Bea', at: expect.any(String) },
        { system: 'A', value: 'Alice', at: expect.any(String) },
      ],
    }]);
  });
});

describe('applyChange — steward override', () => {
  for (const strategy of ['merge', 'precedence', 'latest', 'manual'] as const) {
    it(`keeps a pinned value against any system under ${strategy}`, () => {
      const sim = new SurvivorshipSim(contactType({ strategy }));
      sim.send('A', { firstName: 'Alice' });
      sim.override('firstName', 'Alyce');
      const result = sim.send('A', { firstName: 'Alicia' });
      expect(result.golden.data.firstName).toBe('Alyce');
      expect(outcomes(result)).toEqual({ firstName: 'conflict_lost' });
      expect(result.conflicts).toEqual([expect.objectContaining({
        rule: 'steward-override', status: 'auto_resolved', winner: 'steward', winningValue: 'Alyce',
      })]);
      expect(result.golden.lineage.firstName).toMatchObject({ rule: 'override', system: null });
    });
  }

  it('records no conflict for a value equal to the pinned one or for a system that is only behind', () => {
    const sim = new SurvivorshipSim(contactType());
    sim.send('A', { firstName: 'Alice', email: 'alice@example.com' });
    sim.override('firstName', 'Alyce');
    expect(outcomes(sim.send('A', { firstName: 'Alice', email: 'alice@example.com' }))).toEqual({ firstName: 'stale', email: 'unchanged' });
    expect(outcomes(sim.send('B', { firstName: 'Alyce' }))).toEqual({ firstName: 'unchanged' });
    expect(sim.conflicts).toEqual([]);
  });
});

describe('applyChange — values, lineage and bookkeeping', () => {
  it('compares money, lists and objects deeply and independently of key order', () => {
    const sim = new SurvivorshipSim(contactType());
    sim.send('A', {
      balance: { amount: '12.30', currency: 'EUR' }, roles: ['admin', 'editor'], address: { city: 'Oslo', zip: '0150' },
    });
    const same = sim.send('A', {
      balance: { currency: 'EUR', amount: '12.30' }, roles: ['admin', 'editor'], address: { zip: '0150', city: 'Oslo' },
    });
    expect(outcomes(same)).toEqual({ balance: 'unchanged', roles: 'unchanged', address: 'unchanged' });
    expect(same.changed).toBe(false);
    const moved = sim.send('A', { roles: ['editor', 'admin'], balance: { amount: '12.31', currency: 'EUR' } });
    expect(outcomes(moved)).toEqual({ roles: 'set', balance: 'set' });
  });

  it('records a deep conflict between two different money values', () => {
    const sim = new SurvivorshipSim(contactType());
    sim.send('A', { balance: { amount: '10.00', currency: 'EUR' } });
    const result = sim.send('B', { balance: { amount: '10.00', currency: 'USD' } });
    expect(result.conflicts).toHaveLength(1);
    expect(result.golden.data.balance).toEqual({ amount: '10.00', currency: 'EUR' });
  });

  it('stamps lineage with the hub time and source time, and reports previous and new values', () => {
    const sim = new SurvivorshipSim(contactType());
    sim.send('A', { firstName: 'Ann' });
    const golden = sim.golden as GoldenState;
    const result = applyChange({
      entityType: contactType(), golden, sources: [], incomingSource: sim.states.get('A') ?? null,
      incoming: { system: 'A', data: { firstName: 'Anna' }, at: '2024-06-01T00:00:00.000Z' }, now: '2024-06-01T00:00:05.000Z',
    });
    expect(result.golden.lineage.firstName).toEqual<LineageEntry>({
      value: 'Anna', system: 'A', rule: 'merge', updatedAt: '2024-06-01T00:00:05.000Z', sourceAt: '2024-06-01T00:00:00.000Z',
    });
    expect(result.decisions).toEqual([{ field: 'firstName', rule: 'merge', outcome: 'set', system: 'A', previous: 'Ann', value: 'Anna' }]);
  });

  it('moves the incoming system base to golden for the fields it sent and keeps its other bases', () => {
    const incomingSource: SourceState = {
      system: 'B', data: { firstName: 'Bo', phone: '+14155550100' }, synced: { firstName: 'Bo', phone: '+14155550100' }, at: '2024-01-01T00:00:00.000Z',
    };
    const golden: GoldenState = {
      data: { firstName: 'Alice', phone: '+14155550100' },
      lineage: {
        firstName: { value: 'Alice', system: 'A', rule: 'merge', updatedAt: '2024-01-02T00:00:00.000Z' },
        phone: { value: '+14155550100', system: 'B', rule: 'merge', updatedAt: '2024-01-01T00:00:00.000Z' },
      },
    };
    const result = applyChange({
      entityType: contactType(), golden, sources: [], incomingSource, now: '2024-01-03T00:00:01.000Z',
      incoming: { system: 'B', data: { firstName: 'Bob' }, at: '2024-01-03T00:00:00.000Z' },
    });
    expect(outcomes(result)).toEqual({ firstName: 'conflict_lost' });
    expect(result.incomingSynced).toEqual({ firstName: 'Alice', phone: '+14155550100' });
  });

  it('ignores a source state of the incoming system passed among the other sources', () => {
    const type = contactType({ strategy: 'precedence' });
    const result = applyChange({
      entityType: type, golden: { data: { firstName: 'Bob' }, lineage: { firstName: { value: 'Bob', system: 'B', rule: 'precedence', updatedAt: '2024-01-01T00:00:00.000Z' } } },
      sources: [
        { system: 'A', data: { firstName: 'Old A' }, synced: {}, at: '2024-01-01T00:00:00.000Z' },
        { system: 'B', data: { firstName: 'Bob' }, synced: {}, at: '2024-01-01T00:00:00.000Z' },
      ],
      incomingSource: null, now: '2024-01-02T00:00:01.000Z',
      incoming: { system: 'A', data: { firstName: null }, at: '2024-01-02T00:00:00.000Z' },
    });
    expect(result.golden.data.firstName).toBe('Bob');
    expect(outcomes(result)).toEqual({ firstName: 'kept' });
  });

  it('uses the field strategy as the lineage rule of a new record and never mutates its inputs', () => {
    const type = contactType({ fields: { firstName: { type: 'string', strategy: 'manual' } } });
    const data = Object.freeze({ firstName: 'Ann', balance: Object.freeze({ amount: '1.00', currency: 'EUR' }) });
    const result = applyChange({ entityType: type, golden: null, sources: [], incomingSource: null, incoming: { system: 'A', data, at: '2024-01-01T00:00:00.000Z' }, now: '2024-01-01T00:00:01.000Z' });
    expect(result.golden.lineage.firstName.rule).toBe('manual');
    expect(result.golden.lineage.balance.rule).toBe('merge');
    expect(result.golden.data.balance).not.toBe(data.balance);
    expect(result.golden.data).toEqual(data);
  });

  it('reports no change when every incoming field equals golden', () => {
    const sim = new SurvivorshipSim(contactType());
    sim.send('A', { firstName: 'Ann', email: 'ann@example.com' });
    const result = sim.send('B', { email: 'ann@example.com' });
    expect(result.changed).toBe(false);
    expect(result.golden.data).toEqual({ firstName: 'Ann', email: 'ann@example.com' });
  });
});
