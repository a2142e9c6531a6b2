import { describe, expect, it } from 'vitest';
import { binding, deliveryTestConfig } from '../testing/delivery-config.fixture';
import { filterMatches, planDelivery, type PlanInput, targetBindings } from './delivery-plan';
import { hubOnlyHash } from './echo-projection';

const active = deliveryTestConfig();
const B = binding(active, 'B');
const golden = { email: 'ada@example.com', firstName: 'Ada', status: 'active', notes: 'VIP' };
const holdsAll = { externalId: 'b-1', data: { email: 'ada@example.com', firstName: 'Ada', status: 'active' }, hubOnlyHash: hubOnlyHash(B, golden) };

function plan(overrides: Partial<PlanInput>) {
  return planDelivery({ binding: B, golden: { data: golden, deleted: false }, previous: null, held: {}, waiting: false, inFlight: false, ...overrides });
}

describe('target selection', () => {
  it('offers a change to systems that take the type out and have an adapter', () => {
    expect(targetBindings(active, 'contact').map((b) => b.systemKey)).toEqual(['A', 'B', 'W']);
    expect(targetBindings(active, 'order')).toEqual([]);
  });
});

describe('conditional filters', () => {
  it('every field must match one of its values; YAML numbers match canonical decimal strings', () => {
    expect(filterMatches(undefined, {})).toBe(true);
    expect(filterMatches({ status: 'active' }, { status: 'active' })).toBe(true);
    expect(filterMatches({ status: ['active', 'lead'] }, { status: 'lead' })).toBe(true);
    expect(filterMatches({ status: 'active' }, { status: 'inactive' })).toBe(false);
    expect(filterMatches({ status: 'active' }, {})).toBe(false);
    expect(filterMatches({ score: 12.5, vip: true }, { score: '12.5', vip: true })).toBe(true);
    expect(filterMatches({ qty: '3' }, { qty: 3 })).toBe(true);
    expect(filterMatches({ vip: true }, { vip: 'true' })).toBe(false);
  });
});

describe('planDelivery', () => {
  it('a new record is created where the system does not have it', () => {
    expect(plan({})).toEqual({ kind: 'enqueue', operation: 'upsert', canonical: golden });
  });

  it('nothing is sent where the system already holds every value (the sender, or a repeat)', () => {
    expect(plan({ held: holdsAll })).toEqual({ kind: 'skip', reason: 'ALREADY_HELD' });
  });

  it('the sender is corrected when the rules kept other values than it holds', () => {
    const held = { ...holdsAll, data: { ...holdsAll.data, firstName: 'Adah' } };
    expect(plan({ held })).toMatchObject({ kind: 'enqueue', operation: 'upsert' });
  });

  it('an out-only field the system was never sent (or sent differently) is sent', () => {
    expect(plan({ held: { ...holdsAll, hubOnlyHash: null } })).toMatchObject({ kind: 'enqueue' });
    expect(plan({ held: holdsAll, golden: { data: { ...golden, notes: 'new' }, deleted: false } })).toMatchObject({ kind: 'enqueue' });
  });

  it('while a row waits or runs, the latest state is always enqueued; a waiting row the system no longer needs is cancelled', () => {
    expect(plan({ held: holdsAll, inFlight: true })).toMatchObject({ kind: 'enqueue', operation: 'upsert' });
    expect(plan({ held: holdsAll, waiting: true })).toEqual({ kind: 'supersede', reason: 'ALREADY_HELD' });
  });

  it('a tombstone deletes only where the record is, or may soon be', () => {
    const deleted = { data: golden, deleted: true };
    expect(plan({ golden: deleted, held: holdsAll })).toEqual({ kind: 'enqueue', operation: 'delete', canonical: {} });
    expect(plan({ golden: deleted })).toEqual({ kind: 'skip', reason: 'NOT_IN_SYSTEM' });
    expect(plan({ golden: deleted, held: { ...holdsAll, deleted: true } })).toEqual({ kind: 'skip', reason: 'NOT_IN_SYSTEM' });
    expect(plan({ golden: deleted, waiting: true })).toMatchObject({ operation: 'delete' });
  });

  it('a restored record is sent again to a system that had deleted it', () => {
    expect(plan({ held: { ...holdsAll, deleted: true }, previous: { data: golden, deleted: true } })).toMatchObject({ kind: 'enqueue', operation: 'upsert' });
  });

  it('filters: a non-matching record is skipped; one that stops matching is deleted only under onFilterMismatch: delete', () => {
    const keep = deliveryTestConfig({ bFilter: { status: 'active' } });
    const del = deliveryTestConfig({ bFilter: { status: 'active' }, bOnMismatch: 'delete' });
    const inactive = { data: { ...golden, status: 'inactive' }, deleted: false };
    const wasActive = { data: golden, deleted: false };
    expect(plan({ binding: binding(keep, 'B'), golden: inactive, held: holdsAll, previous: wasActive })).toEqual({ kind: 'skip', reason: 'FILTERED_OUT' });
    expect(plan({ binding: binding(del, 'B'), golden: inactive, held: holdsAll, previous: wasActive })).toMatchObject({ kind: 'enqueue', operation: 'delete' });
    // never matched: the system created it itself, the hub does not delete it
    expect(plan({ binding: binding(del, 'B'), golden: inactive, held: holdsAll, previous: inactive })).toEqual({ kind: 'skip', reason: 'FILTERED_OUT' });
    expect(plan({ binding: binding(del, 'B'), golden: { data: golden, deleted: false } })).toMatchObject({ kind: 'enqueue', operation: 'upsert' });
  });

  it('a record with nothing the system maps is not created there', () => {
    expect(plan({ golden: { data: { lastName: 'X' }, deleted: false } })).toEqual({ kind: 'skip', reason: 'NOTHING_TO_SEND' });
  });
});
