import type {
  GoldenRecordRow, GoldenRecordView, GoldenSnapshotView, GoldenVersionRow, GoldenVersionView, LineageView,
  SourceRefRow, SourceRefView,
} from './golden-read.types';
import type { SensitiveMask } from './sensitive-mask';

/** Row → view, applying the caller's mask to every value that can carry a sensitive field. */
export function toRecordView(row: GoldenRecordRow, mask: SensitiveMask): GoldenRecordView {
  return {
    id: row.id,
    entityType: row.entity_type,
    version: row.version,
    deleted: row.deleted,
    mergedInto: row.merged_into ?? null,
    data: mask.record(row.data) as Record<string, unknown>,
    lineage: toLineage(row.lineage, mask),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toVersionView(row: GoldenVersionRow, mask: SensitiveMask): GoldenVersionView {
  return {
    goldenRecordId: row.golden_id,
    version: row.version,
    deleted: row.deleted,
    at: row.created_at,
    data: mask.record(row.data),
    changes: mask.patch(row.diff),
    cause: mask.cause(row.cause),
  };
}

export function toSnapshotView(row: GoldenVersionRow, mask: SensitiveMask): GoldenSnapshotView {
  return { version: row.version, deleted: row.deleted, at: row.created_at, data: mask.record(row.data) };
}

export function toSourceView(row: SourceRefRow, mask: SensitiveMask): SourceRefView {
  return {
    system: row.system,
    externalId: row.external_id,
    linkedAt: row.linked_at,
    data: row.data === null ? null : mask.record(row.data),
    deleted: row.deleted ?? false,
    sourceUpdatedAt: row.source_updated_at,
    updatedAt: row.updated_at,
  };
}

/** Lineage is stored as { field: entry }; the API lists it by field name so the order is stable. */
function toLineage(lineage: GoldenRecordRow['lineage'], mask: SensitiveMask): LineageView[] {
  return Object.keys(lineage ?? {})
    .sort()
    .map((field) => {
      const entry = lineage[field] ?? {};
      return {
        field,
        value: mask.at(field.split('.'), entry.value),
        system: typeof entry.system === 'string' ? entry.system : null,
        rule: typeof entry.rule === 'string' ? entry.rule : null,
        updatedAt: toDate(entry.updatedAt),
        sourceAt: toDate(entry.sourceAt),
      };
    });
}

function toDate(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}
