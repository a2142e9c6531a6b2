/** Rows as read from the golden tables, and the views the read API returns (values already masked). */

export interface RecordRef {
  id: string;
  entityType: string;
}

export interface GoldenRecordRow {
  id: string;
  entity_type: string;
  version: number;
  deleted: boolean;
  data: Record<string, unknown>;
  lineage: Record<string, Record<string, unknown>>;
  created_at: Date;
  updated_at: Date;
  /** a tombstone merged away by a steward: the survivor's id */
  merged_into?: string | null;
}

export interface GoldenVersionRow {
  golden_id: string;
  version: number;
  deleted: boolean;
  data: Record<string, unknown>;
  diff: unknown[];
  cause: Record<string, unknown>;
  created_at: Date;
}

export interface SourceRefRow {
  golden_id: string;
  system: string;
  external_id: string;
  linked_at: Date;
  /** null when the hub has an xref but no source record (linked, nothing received yet) */
  data: Record<string, unknown> | null;
  deleted: boolean | null;
  source_updated_at: Date | null;
  updated_at: Date | null;
}

export interface LineageView {
  field: string;
  value: unknown;
  system: string | null;
  rule: string | null;
  updatedAt: Date | null;
  sourceAt: Date | null;
}

export interface GoldenRecordView extends RecordRef {
  version: number;
  deleted: boolean;
  /** a tombstone a steward merged into another record: the survivor's id; null otherwise */
  mergedInto: string | null;
  data: Record<string, unknown>;
  lineage: LineageView[];
  createdAt: Date;
  updatedAt: Date;
}

export interface SourceRefView {
  system: string;
  externalId: string;
  linkedAt: Date;
  data: unknown;
  deleted: boolean;
  sourceUpdatedAt: Date | null;
  updatedAt: Date | null;
}

export interface GoldenVersionView {
  goldenRecordId: string;
  version: number;
  deleted: boolean;
  at: Date;
  data: unknown;
  /** RFC 6902 patch from the previous version */
  changes: unknown;
  cause: unknown;
}

export interface GoldenSnapshotView {
  version: number;
  deleted: boolean;
  at: Date;
  data: unknown;
}

export interface ListRecordsArgs {
  filter?: unknown;
  /** case-insensitive prefix of a word of any string value (name, e-mail, …) or of a source id */
  search?: string | null;
  first?: number | null;
  after?: string | null;
  includeDeleted?: boolean | null;
}
