import type { FieldDef } from '../../config/hub-config.schema';
import type { CanonicalRecord, ResolvedEntityType } from '../../catalog/catalog.types';

/**
 * Similarity rules name top-level fields or dot paths into object fields (address.postalCode): these read the
 * definition and the value at such a path. Lists are not walked: a list item has no single place to compare.
 */
export function fieldDefAt(type: Pick<ResolvedEntityType, 'fields'>, path: string): FieldDef | undefined {
  let fields: Record<string, FieldDef> | undefined = type.fields;
  let def: FieldDef | undefined;
  for (const segment of path.split('.')) {
    def = fields && Object.hasOwn(fields, segment) ? fields[segment] : undefined;
    if (!def) return undefined;
    fields = def.type === 'object' ? def.fields : undefined;
  }
  return def;
}

export function valueAt(record: CanonicalRecord, path: string): unknown {
  let value: unknown = record;
  for (const segment of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}
