import type { ResolvedEntityType } from '../../catalog/catalog.types';
import { NotFoundError } from '../../common/domain-error';

export function requireEntityType(types: Record<string, ResolvedEntityType>, name: string): ResolvedEntityType {
  const type = Object.hasOwn(types, name) ? types[name] : undefined;
  if (!type) {
    throw new NotFoundError('ENTITY_TYPE_UNKNOWN', `unknown entity type "${name}"; known: ${Object.keys(types).sort().join(', ')}`);
  }
  return type;
}
