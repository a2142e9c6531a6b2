import type { CanonicalRecord } from '../catalog/catalog.types';
import { mapsInbound, resolveFieldMappings } from './field-mapping.util';
import { decodeMappedField } from './inbound-value.codec';
import type { InboundResult, MappingContext, MappingError, RecordScope } from './mapping.types';
import { ABSENT, FAILED, unknownField } from './mapping-error.util';

/**
 * A system's own record → the canonical record, per the system's field mappings for this entity type.
 * Only mapped fields appear: an absent system field leaves its canonical field absent (or its `default`),
 * so a system never clears what it does not know about; a present null becomes null. A value that cannot
 * be converted is left out and reported in `errors`; the caller decides whether the change is rejected.
 */
export function mapInbound(ctx: MappingContext, systemRecord: Record<string, unknown>): InboundResult {
  const record: CanonicalRecord = {};
  const errors: MappingError[] = [];
  const at: RecordScope = {
    system: ctx.system, field: '', systemField: '', references: ctx.references, chain: { records: [systemRecord] }, errors,
  };
  for (const fieldMapping of resolveFieldMappings(ctx.mapping)) {
    if (!mapsInbound(fieldMapping)) continue;
    const def = ctx.entityType.fields[fieldMapping.canonical];
    if (!def) {
      errors.push(unknownField(ctx, fieldMapping.canonical, fieldMapping.field));
      continue;
    }
    const value = decodeMappedField(fieldMapping, def, at);
    if (value !== FAILED && value !== ABSENT) record[fieldMapping.canonical] = value;
  }
  return { record, errors };
}
