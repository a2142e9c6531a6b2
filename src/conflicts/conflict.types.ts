/** superseded: closed by a rule change that re-decided the field (docs/decision-rules-recompute.md) */
export const CONFLICT_STATUSES = ['auto_resolved', 'open', 'resolved', 'superseded'] as const;
export type ConflictStatus = (typeof CONFLICT_STATUSES)[number];

/** Age buckets of the inbox: created in the last hour, 1-24 hours ago, 1-7 days ago, more than 7 days ago. */
export const CONFLICT_AGES = ['hour', 'day', 'week', 'older'] as const;
export type ConflictAge = (typeof CONFLICT_AGES)[number];

/** The inbox's filters; every one is optional and they combine with AND. */
export interface ConflictFilter {
  status?: ConflictStatus;
  entityType?: string;
  field?: string;
  /** a system among the candidates */
  system?: string;
  age?: ConflictAge;
  /** one golden record's conflicts */
  goldenRecordId?: string;
}

export interface FacetCount {
  value: string;
  count: number;
}

/** Counts per filter value; each dimension is counted under every OTHER filter, and `total` under all of them. */
export interface ConflictFacets {
  total: number;
  status: FacetCount[];
  entityType: FacetCount[];
  field: FacetCount[];
  system: FacetCount[];
  age: FacetCount[];
}

/** A bulk resolution is one steward's selection on one screen, not a batch import. */
export const MAX_BULK_RESOLUTIONS = 200;

/** One conflict of a bulk resolution, answered on its own: it committed, or it failed with a code. */
export interface ConflictResolutionOutcome {
  id: string;
  ok: boolean;
  code: string | null;
  message: string | null;
  conflict: ConflictView | null;
}

export interface ConflictRow {
  id: string;
  golden_id: string;
  entity_type: string;
  field: string;
  status: ConflictStatus;
  rule: string;
  candidates: unknown[];
  winner: string | null;
  winning_value: unknown;
  golden_version: number | null;
  event_id: string | null;
  created_at: Date;
  resolved_at: Date | null;
  resolved_by: string | null;
  /** created_at in UTC with microseconds, for the keyset cursor */
  cursor_at: string;
}

export interface ConflictView {
  id: string;
  goldenRecordId: string;
  entityType: string;
  field: string;
  status: ConflictStatus;
  rule: string;
  /** the candidates [{ system, value, at }], values masked when the field is sensitive */
  values: unknown[];
  winner: string | null;
  winningValue: unknown;
  goldenVersion: number | null;
  eventId: string | null;
  createdAt: Date;
  resolvedAt: Date | null;
  resolvedBy: string | null;
}

export interface ConflictFilterArgs {
  status?: string | null;
  entityType?: string | null;
  field?: string | null;
  system?: string | null;
  age?: string | null;
}

export interface ListConflictsArgs extends ConflictFilterArgs {
  /** one golden record's conflicts */
  goldenRecordId?: string | null;
  first?: number | null;
  after?: string | null;
}
