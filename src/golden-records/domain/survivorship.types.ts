import type { CanonicalRecord } from '../../catalog/catalog.types';

/** The `system` a steward action is recorded under when a lineage entry has no system. */
export const STEWARD_SYSTEM = 'steward';
/** Lineage rule of a value pinned by a data steward: it beats every system until a steward changes it. */
export const STEWARD_OVERRIDE_RULE = 'override';

/**
 * Rules a field decision can be taken under. Strategies name themselves; the others name the special case:
 * a merge true conflict settled by precedence, and a system change refused because a steward pinned the value.
 */
export type SurvivorshipRule = 'merge' | 'merge:precedence' | 'precedence' | 'latest' | 'manual' | 'steward-override';

export interface LineageEntry {
  value: unknown;
  /** the system the value came from; null or 'steward' for steward actions */
  system: string | null;
  rule: string;
  /** ISO instant the hub took the value (hub clock) */
  updatedAt: string;
  /**
   * ISO source timestamp of the change that carried the value. The `latest` strategy compares source clocks
   * with source clocks: comparing an incoming source time with the hub's processing time would make every
   * change that was queued for a moment look older than the one before it. Absent for steward actions.
   */
  sourceAt?: string;
}

export interface GoldenState {
  data: CanonicalRecord;
  lineage: Record<string, LineageEntry>;
}

export interface SourceState {
  system: string;
  /** the latest canonical values the hub knows this system holds (what it sent, then what the hub wrote to it) */
  data: CanonicalRecord;
  /** per field: the value this system was last in sync with (the three-way merge base) */
  synced: CanonicalRecord;
  /** ISO source timestamp */
  at: string;
}

export interface IncomingChange {
  system: string;
  /** partial: only the fields this system maps; a field set to undefined counts as absent */
  data: CanonicalRecord;
  /** ISO source timestamp */
  at: string;
}

export interface ConflictCandidate {
  system: string;
  value: unknown;
  at: string;
}

export interface ConflictDraft {
  field: string;
  rule: string;
  status: 'auto_resolved' | 'open';
  candidates: ConflictCandidate[];
  winner: string | null;
  winningValue: unknown;
}

export type FieldOutcome =
  | 'set' | 'kept' | 'unchanged' | 'stale' | 'conflict_won' | 'conflict_lost' | 'held_for_steward';

export interface FieldDecision {
  field: string;
  rule: string;
  /** what happened to the incoming value of this field */
  outcome: FieldOutcome;
  /** the system holding the golden value after the decision (its lineage system) */
  system: string | null;
  previous: unknown;
  value: unknown;
}

export interface ChangeResult {
  golden: GoldenState;
  changed: boolean;
  decisions: FieldDecision[];
  conflicts: ConflictDraft[];
  /** the new `synced` for the incoming system */
  incomingSynced: CanonicalRecord;
}
