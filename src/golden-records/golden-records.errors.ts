import { NotFoundError } from '../common/domain-error';
import { defineErrorCodes, type Registered } from '../common/error-codes';

/** Golden records: reads, steward actions, merge and unmerge. */
export const GOLDEN_RECORD_ERRORS = defineErrorCodes({
  GOLDEN_RECORD_NOT_FOUND: { kind: 'not_found', description: 'No golden record has this id.' },
  GOLDEN_RECORD_DELETED: { kind: 'conflict', description: 'The golden record is deleted; restore it first.' },
  GOLDEN_RECORD_NOT_DELETED: { kind: 'conflict', description: 'The golden record is not deleted, so there is nothing to restore.' },
  VERSION_NOT_FOUND: { kind: 'not_found', description: 'The golden record has no such version.' },
  FIELD_NOT_OVERRIDDEN: { kind: 'conflict', description: 'The field holds no steward override to release.' },
  UNKNOWN_FIELD: { kind: 'invalid', description: 'The entity type has no such field.' },
  INVALID_VALUE: { kind: 'invalid', description: 'The value does not fit the field\'s type or constraints.' },
  INVALID_DATE: { kind: 'invalid', description: '`asOf` is not an ISO 8601 instant.' },
  INVALID_FILTER: { kind: 'invalid', description: 'A filter names an unknown field or operator.' },
  INVALID_SEARCH: { kind: 'invalid', description: 'The search text is empty or too long.' },
  INVALID_TIMESTAMP: { kind: 'invalid', description: 'A source timestamp is not a valid instant.' },
  MERGE_SAME_RECORD: { kind: 'invalid', description: 'A record cannot be merged into itself.' },
  MERGE_TYPE_MISMATCH: { kind: 'invalid', description: 'Only records of the same entity type can be merged.' },
  SOURCE_NOT_LINKED: { kind: 'not_found', description: 'The golden record has no source record from this system and id.' },
  SOURCE_HAS_NO_DATA: { kind: 'conflict', description: 'The source record holds no data to split out.' },
  UNMERGE_LAST_SOURCE: { kind: 'conflict', description: 'The last source of a golden record cannot be split out.' },
});

declare module '../common/error-codes' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCodes extends Registered<typeof GOLDEN_RECORD_ERRORS> {}
}

/** The one place GOLDEN_RECORD_NOT_FOUND is built: by id (reads, steward actions, merges, suspects). */
export function goldenNotFound(id: string, entityType?: string): NotFoundError {
  return new NotFoundError('GOLDEN_RECORD_NOT_FOUND', `no ${entityType ? `${entityType} ` : ''}golden record ${id}`);
}

/** …and by a system's record id (lookup by source). */
export function goldenNotFoundBySource(entityType: string, system: string, externalId: string): NotFoundError {
  return new NotFoundError('GOLDEN_RECORD_NOT_FOUND', `no ${entityType} golden record is linked to ${system} record ${externalId}`);
}
