import type { CanonicalRecord } from '../../catalog/catalog.types';
import type { ActiveConfig, SystemEntityBinding } from '../../config/active-config';
import { bindingByEntityType } from '../../config/active-config';
import type { SystemEntityConfig } from '../../config/hub-config.schema';
import { valuesEqual } from '../../golden-records/domain/record-diff';
import { echoProjection, hubOnlyHash, hubOnlyProjection, outboundProjection } from './echo-projection';

/** Deciding, per golden change and target system, whether and what to put in the outbox. Pure. */

export type DeliveryOperation = 'upsert' | 'delete';

/** The systems that should be offered a change of this entity type: they take it out and can be written to. */
export function targetBindings(active: ActiveConfig, entityType: string): SystemEntityBinding[] {
  const targets: SystemEntityBinding[] = [];
  for (const key of Object.keys(active.config.systems)) {
    const binding = bindingByEntityType(active, key, entityType);
    if (!binding || !binding.system.adapter) continue;
    if (binding.system.direction === 'in' || binding.mapping.direction === 'in') continue;
    targets.push(binding);
  }
  return targets;
}

/** Conditional sync: every filter field must equal its value (or one of its values). No filter matches all. */
export function filterMatches(filter: SystemEntityConfig['filter'], record: CanonicalRecord): boolean {
  if (!filter) return true;
  return Object.entries(filter).every(([field, expected]) => {
    if (!Object.prototype.hasOwnProperty.call(record, field)) return false;
    const actual = record[field];
    return (Array.isArray(expected) ? expected : [expected]).some((e) => sameFilterValue(actual, e));
  });
}

/** Filters are written in YAML, so 12.5 may stand for the canonical decimal "12.5" and "42" for the integer 42. */
function sameFilterValue(actual: unknown, expected: string | number | boolean): boolean {
  if (actual === expected) return true;
  if (typeof actual === 'string' && typeof expected === 'number') return actual === String(expected);
  if (typeof actual === 'number' && typeof expected === 'string') return String(actual) === expected;
  return false;
}

/** What the hub knows the system holds for one golden record. */
export interface HeldState {
  /** the system's id of the record, when it has one */
  externalId?: string;
  /** the system's source record is marked deleted (it deleted the record, or the hub did) */
  deleted?: boolean;
  /** the system's source-record data (canonical): what it last said or was last confirmed to hold */
  data?: CanonicalRecord;
  /** ledger: hash of the acknowledged values of fields the system never reports back */
  hubOnlyHash?: string | null;
}

export interface PlanInput {
  binding: SystemEntityBinding;
  golden: { data: CanonicalRecord; deleted: boolean };
  /** the record before this batch's changes; null when created in it */
  previous: { data: CanonicalRecord; deleted: boolean } | null;
  held: HeldState;
  /** a pending or paused row for this record and system exists */
  waiting: boolean;
  /** a delivery for this record and system is running now */
  inFlight: boolean;
}

export type DeliveryPlan =
  | { kind: 'enqueue'; operation: DeliveryOperation; canonical: CanonicalRecord }
  /** the waiting row would only write what the system already holds: cancel it */
  | { kind: 'supersede'; reason: string }
  | { kind: 'skip'; reason: string };

/**
 * A delete goes only where the record exists (or may soon: a waiting or running create). An upsert goes where
 * the projected values differ from what the system holds, which also covers the sender: it is not written back
 * unless the rules kept other values than the ones it sent. While a row waits or runs, every new state is
 * enqueued (compressed into the waiting row), because the system will soon hold that older state instead.
 */
export function planDelivery(input: PlanInput): DeliveryPlan {
  const { binding, golden, previous, held, waiting, inFlight } = input;
  const holds = held.externalId !== undefined && !held.deleted;
  const mayHold = holds || waiting || inFlight;
  if (golden.deleted) {
    return mayHold ? { kind: 'enqueue', operation: 'delete', canonical: {} } : { kind: 'skip', reason: 'NOT_IN_SYSTEM' };
  }
  const filter = binding.mapping.filter;
  if (!filterMatches(filter, golden.data)) {
    const matchedBefore = previous !== null && !previous.deleted && filterMatches(filter, previous.data);
    if (matchedBefore && binding.mapping.onFilterMismatch === 'delete' && mayHold) {
      return { kind: 'enqueue', operation: 'delete', canonical: {} };
    }
    return { kind: 'skip', reason: 'FILTERED_OUT' };
  }
  const canonical = outboundProjection(binding, golden.data);
  if (holds && holdsAlready(binding, canonical, held)) {
    if (inFlight) return { kind: 'enqueue', operation: 'upsert', canonical };
    return waiting ? { kind: 'supersede', reason: 'ALREADY_HELD' } : { kind: 'skip', reason: 'ALREADY_HELD' };
  }
  if (!holds && !mayHold && Object.keys(canonical).length === 0) return { kind: 'skip', reason: 'NOTHING_TO_SEND' };
  return { kind: 'enqueue', operation: 'upsert', canonical };
}

/** The system holds every projected value: echoed fields per its source record, hub-only ones per the ledger. */
export function holdsAlready(binding: SystemEntityBinding, canonical: CanonicalRecord, held: HeldState): boolean {
  const heldEcho = echoProjection(binding, held.data ?? {});
  const echoed = Object.entries(echoProjection(binding, canonical)).every(([f, v]) => valuesEqual(v, heldEcho[f]));
  if (!echoed) return false;
  const hubOnly = hubOnlyProjection(binding, canonical);
  return Object.keys(hubOnly).length === 0 || held.hubOnlyHash === hubOnlyHash(binding, canonical);
}
