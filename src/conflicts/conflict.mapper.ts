import type { SensitiveMask } from '../golden-records/read/sensitive-mask';
import type { ConflictRow, ConflictView } from './conflict.types';

export function toConflictView(row: ConflictRow, mask: SensitiveMask): ConflictView {
  const path = row.field.split('.');
  const candidates = Array.isArray(row.candidates) ? row.candidates : [];
  return {
    id: row.id,
    goldenRecordId: row.golden_id,
    entityType: row.entity_type,
    field: row.field,
    status: row.status,
    rule: row.rule,
    values: candidates.map((c) =>
      typeof c === 'object' && c !== null && 'value' in c ? { ...c, value: mask.at(path, c.value) } : c),
    winner: row.winner,
    winningValue: row.winning_value === null ? null : mask.at(path, row.winning_value),
    goldenVersion: row.golden_version,
    eventId: row.event_id,
    createdAt: row.created_at,
    resolvedAt: row.resolved_at,
    resolvedBy: row.resolved_by,
  };
}
