import type { ResolvedEntityType } from '../../catalog/catalog.types';
import { validateRecord } from '../../catalog/record.validator';
import { DomainError, ValidationError } from '../../common/domain-error';
import { isUuid } from '../../common/page-cursor';
import type { GoldenRow } from '../pipeline/pipeline.types';

/** Preconditions shared by the steward actions, each failing with its stable error code. */

export function requireUuid(id: string, what = 'golden record'): string {
  if (!isUuid(id)) throw new ValidationError('INVALID_ID', `"${id}" is not a ${what} id (uuid)`, [{ path: 'id', message: 'must be a uuid', value: id }]);
  return id;
}

/** Steward actions address top-level canonical fields: the unit survivorship decides and lineage records. */
export function requireField(entityType: ResolvedEntityType, field: string): void {
  if (!Object.hasOwn(entityType.fields, field)) {
    throw new ValidationError('UNKNOWN_FIELD', `"${field}" is not a field of entity type ${entityType.name}`, [
      { path: 'field', message: `known fields: ${Object.keys(entityType.fields).sort().join(', ')}`, value: field },
    ]);
  }
}

/**
 * A steward's value must be a valid canonical value of the field (docs/canonical-values.md): the same check a
 * system's change passes, as a partial record. null means "empty" and is refused only for required fields.
 */
export function requireValidValue(entityType: ResolvedEntityType, field: string, value: unknown): void {
  if (value === undefined) {
    throw new ValidationError('INVALID_VALUE', `a value for ${field} is required (null for "empty")`, [{ path: field, message: 'is missing' }]);
  }
  const errors = validateRecord(entityType, { [field]: value }, { partial: true });
  if (errors.length) {
    throw new ValidationError(
      'INVALID_VALUE',
      `the value is not a valid ${field} of ${entityType.name}`,
      errors.map((e) => ({ path: e.field, message: e.message, ...(e.value === undefined ? {} : { value: e.value }) })),
    );
  }
}

/** A tombstoned record takes only rollback and restore: editing what is deleted would be fanned out nowhere. */
export function requireLive(golden: GoldenRow): void {
  if (golden.deleted) {
    throw new DomainError('GOLDEN_RECORD_DELETED', `golden record ${golden.id} is deleted; restore it first`, 'conflict');
  }
}
