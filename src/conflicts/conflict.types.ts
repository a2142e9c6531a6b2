/** superseded: closed by a rule change that re-decided the field (docs/decision-rules-recompute.md) */
export const CONFLICT_STATUSES = ['auto_resolved', 'open', 'resolved', 'superseded'] as const;
export type ConflictStatus = (typeof CONFLICT_STATUSES)[number];

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

export interface ListConflictsArgs {
  status?: string | null;
  entityType?: string | null;
  first?: number | null;
  after?: string | null;
}
