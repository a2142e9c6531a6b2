import { type BatchEvent, entityName, type Person, person, postBatch, recordFor, type SystemKey } from './contacts';

/**
 * The processing workload: base records in both systems, then a realistic mix of changes on top.
 * Persons are partitioned so each kind of change touches its own records (a delete never races an update).
 */

export interface MixPlan {
  /** persons 0…base-1 exist; the mix updates, conflicts and deletes among them */
  base: number;
  total: number;
  /** first person number the mix creates (default: base); set it past a larger table the mix runs inside */
  createFrom?: number;
  /** event-id prefix (default mix): two mixes on one database need different ones */
  tag?: string;
}

export interface MixCounts {
  updates: number;
  creates: number;
  conflicting: number;
  deletes: number;
}

/** Deterministic, so every run and both sides of the comparison see the same events. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32);
}

type Edit = Partial<Pick<Person, 'firstName' | 'lastName' | 'phone'>>;

/** The system's full record for person n (a webhook carries the whole record), with one field edited. */
function upsert(system: SystemKey, n: number, variant: number, tag: string, verb = 'updated', edit: Edit = {}): BatchEvent {
  return { id: `${tag}-${system}-${n}-${variant}-${verb}`, type: `${entityName(system)}.${verb}`, data: recordFor(system, { ...person(n), ...edit }) };
}

/** Every base person exists in A and in B (same email: B links to A's golden record by match key). */
export function baseEvents(plan: MixPlan): Record<SystemKey, BatchEvent[]> {
  const out: Record<SystemKey, BatchEvent[]> = { A: [], B: [] };
  for (let n = 0; n < plan.base; n++) {
    out.A.push(upsert('A', n, 0, 'base', 'created'));
    out.B.push(upsert('B', n, 0, 'base', 'created'));
  }
  return out;
}

/**
 * 70% updates (A edits names, B edits the phone it owns), 20% new records, 5% conflicting edits (A and B
 * set different first names on the same record), 5% deletes from A.
 */
export function mixEvents(plan: MixPlan): { events: Record<SystemKey, BatchEvent[]>; counts: MixCounts } {
  const random = rng(42);
  const tag = plan.tag ?? 'mix';
  const createFrom = plan.createFrom ?? plan.base;
  const counts: MixCounts = {
    updates: Math.round(plan.total * 0.7), creates: Math.round(plan.total * 0.2),
    conflicting: Math.round(plan.total * 0.05), deletes: Math.round(plan.total * 0.05),
  };
  const deletePool = Math.max(1, Math.floor(plan.base * 0.1));
  const conflictPool = Math.max(1, Math.floor(plan.base * 0.05));
  const updatePool = plan.base - deletePool - conflictPool;
  const events: Record<SystemKey, BatchEvent[]> = { A: [], B: [] };
  for (let i = 0; i < counts.updates; i++) {
    // A (the CRM) edits names, B (the ERP) the phone it owns by fieldPrecedence: each update is one field.
    const system: SystemKey = random() < 0.7 ? 'A' : 'B';
    const n = Math.floor(random() * updatePool);
    const edit: Edit = system === 'A' ? { lastName: `Last${n}u${i}` } : { phone: person(n, 1 + i).phone };
    events[system].push(upsert(system, n, 1 + i, tag, 'updated', edit));
  }
  for (let i = 0; i < counts.creates; i++) {
    const system: SystemKey = i % 4 === 3 ? 'B' : 'A';
    events[system].push(upsert(system, createFrom + i, 0, tag, 'created'));
  }
  for (let i = 0; i < counts.conflicting / 2; i++) {
    const n = updatePool + (i % conflictPool);
    events.A.push(upsert('A', n, 1_000_000 + i, `${tag}c`, 'updated', { firstName: `FirstA${i}` }));
    events.B.push(upsert('B', n, 2_000_000 + i, `${tag}c`, 'updated', { firstName: `FirstB${i}` }));
  }
  for (let i = 0; i < counts.deletes; i++) {
    const n = updatePool + conflictPool + (i % deletePool);
    events.A.push({ id: `${tag}d-A-${n}-${i}`, type: 'contacts.deleted', data: { id: `a-${n}` } });
  }
  for (const list of Object.values(events)) shuffle(list, random);
  return { events, counts };
}

function shuffle<T>(list: T[], random: () => number): void {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
}

/** Posts A's and B's events in alternating signed batch requests, so the inbox interleaves the two systems. */
export async function postInterleaved(baseUrl: string, events: Record<SystemKey, BatchEvent[]>, chunk: number, tag: string): Promise<void> {
  const pos = { A: 0, B: 0 };
  for (let r = 0; pos.A < events.A.length || pos.B < events.B.length; r++) {
    for (const system of ['A', 'B'] as const) {
      const part = events[system].slice(pos[system], pos[system] + chunk);
      pos[system] += part.length;
      if (part.length) await postBatch(baseUrl, system, part, `${tag}-${system}-${r}`);
    }
  }
}
