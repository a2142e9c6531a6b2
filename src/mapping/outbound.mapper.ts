import type { CanonicalRecord } from '../catalog/catalog.types';
import { CurrencyWrites } from './currency-writes.util';
import { isIdPath, mapsOutbound, outboundOrder, resolveFieldMappings } from './field-mapping.util';
import type { MappingContext, MappingError, OutboundResult } from './mapping.types';
import { FAILED, unknownField } from './mapping-error.util';
import { encodeMappedField } from './outbound-value.codec';

/**
 * The canonical record → a payload in the system's own shape. Only fields the system maps (in direction
 * out or both) are written, canonical fields absent from the record are not written at all, sensitive
 * fields never leave the hub, and the system's id field is left to the adapter. A value that cannot be
 * converted is left out and reported in `errors`.
 */
export function mapOutbound(ctx: MappingContext, canonical: CanonicalRecord): OutboundResult {
  const record: Record<string, unknown> = {};
  const errors: MappingError[] = [];
  const idField = ctx.mapping.id ?? 'id';
  for (const fieldMapping of outboundOrder(resolveFieldMappings(ctx.mapping))) {
    if (!mapsOutbound(fieldMapping)) continue;
    const def = ctx.entityType.fields[fieldMapping.canonical];
    if (!def) {
      errors.push(unknownField(ctx, fieldMapping.canonical, fieldMapping.field));
      continue;
    }
    if (isIdPath(ctx.mapping, fieldMapping.field)) continue;
    // One field's currency codes (its own, its items') are written only when the whole field converted.
    const writes = new CurrencyWrites();
    const encoded = encodeMappedField(canonical, fieldMapping, def, {
      system: ctx.system, field: '', systemField: '', references: ctx.references, chain: { records: [record], writes, idField }, errors,
    });
    if (encoded !== FAILED) writes.commit();
  }
  return { record, errors };
}
