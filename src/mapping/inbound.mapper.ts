import type { CanonicalRecord } from '../catalog/catalog.types';
import { mapsInbound, resolveFieldMappings, valueOptionsOf } from './field-mapping.util';
import { decodeValue } from './inbound-value.codec';
import type { InboundResult, MappingContext, MappingError } from './mapping.types';
import { cloneJson, FAILED, unknownField } from './mapping-error.util';
import { readPath } from './record-path.util';

/**
 * A system's own record → the canonical record, per the system's field mappings for this entity type.
 * Only mapped fields appear: an absent system field leaves its canonical field absent (or its `default`),
 * so a system never clears what it does not know about; a present null becomes null. A value that cannot
 * be converted is left out and reported in `errors`; the caller decides whether the change is rejected.
 */
export function mapInbound(ctx: MappingContext, systemRecord: Record<string, unknown>): InboundResult {
  const record: CanonicalRecord = {};
  const errors: MappingError[] = [];
  for (const fieldMapping of resolveFieldMappings(ctx.mapping)) {
    if (!mapsInbound(fieldMapping)) continue;
    const { canonical, field: systemField } = fieldMapping;
    const def = ctx.entityType.fields[canonical];
    if (!def) {
      errors.push(unknownField(ctx, canonical, systemField));
      continue;
    }
    const raw = readPath(systemRecord, systemField);
    if (raw === undefined) {
      if (fieldMapping.default !== undefined) record[canonical] = cloneJson(fieldMapping.default);
      continue;
    }
    const currencyField = def.type === 'money' ? fieldMapping.money?.currencyField : undefined;
    const value = decodeValue(raw, {
      system: ctx.system,
      field: canonical,
      systemField,
      def,
      options: valueOptionsOf(fieldMapping),
      references: ctx.references,
      currencyValue: currencyField ? readPath(systemRecord, currencyField) : undefined,
      errors,
    });
    if (value !== FAILED) record[canonical] = value;
  }
  return { record, errors };
}
