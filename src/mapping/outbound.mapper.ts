import type { CanonicalRecord } from '../catalog/catalog.types';
import { isIdPath, mapsOutbound, resolveFieldMappings, valueOptionsOf } from './field-mapping.util';
import type { MappingContext, MappingError, OutboundResult } from './mapping.types';
import { FAILED, unknownField } from './mapping-error.util';
import { readCanonicalMoney } from './money.codec';
import { writePath } from './record-path.util';
import { encodeValue } from './outbound-value.codec';

/**
 * The canonical record → a payload in the system's own shape. Only fields the system maps (in direction
 * out or both) are written, canonical fields absent from the record are not written at all, sensitive
 * fields never leave the hub, and the system's id field is left to the adapter. A value that cannot be
 * converted is left out and reported in `errors`.
 */
export function mapOutbound(ctx: MappingContext, canonical: CanonicalRecord): OutboundResult {
  const record: Record<string, unknown> = {};
  const errors: MappingError[] = [];
  for (const fieldMapping of resolveFieldMappings(ctx.mapping)) {
    if (!mapsOutbound(fieldMapping)) continue;
    const { canonical: name, field: systemField } = fieldMapping;
    const def = ctx.entityType.fields[name];
    if (!def) {
      errors.push(unknownField(ctx, name, systemField));
      continue;
    }
    if (def.sensitive || isIdPath(ctx.mapping, systemField)) continue;
    if (!Object.prototype.hasOwnProperty.call(canonical, name) || canonical[name] === undefined) continue;
    const value = canonical[name];
    const encoded = encodeValue(value, {
      system: ctx.system,
      field: name,
      systemField,
      def,
      options: valueOptionsOf(fieldMapping),
      references: ctx.references,
      errors,
    });
    if (encoded === FAILED) continue;
    writePath(record, systemField, encoded);
    const currencyField = def.type === 'money' ? fieldMapping.money?.currencyField : undefined;
    if (currencyField && !isIdPath(ctx.mapping, currencyField)) {
      writePath(record, currencyField, value === null ? null : readCanonicalMoney(value)?.currency);
    }
  }
  return { record, errors };
}
