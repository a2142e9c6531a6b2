import { defineErrorCodes, type Registered } from '../common/error-codes';

/** Conflicts and their resolution. */
export const CONFLICT_ERRORS = defineErrorCodes({
  CONFLICT_NOT_FOUND: { kind: 'not_found', description: 'No conflict has this id.' },
  CONFLICT_ALREADY_RESOLVED: { kind: 'conflict', description: 'The conflict was resolved already.' },
  CONFLICT_SUPERSEDED: { kind: 'conflict', description: 'A newer change or a rule change replaced this conflict; resolve the open one instead.' },
  INVALID_RESOLUTION: { kind: 'invalid', description: 'Give exactly one of `system` (a competing system) or `value`.' },
  INVALID_BULK_SIZE: { kind: 'invalid', description: 'A bulk request holds 0 or more than the allowed number of items.' },
  INVALID_CONFLICT_STATUS: { kind: 'invalid', description: 'Unknown conflict status filter.' },
  INVALID_CONFLICT_AGE: { kind: 'invalid', description: 'Unknown conflict age bucket.' },
});

export type ConflictErrorCode = keyof typeof CONFLICT_ERRORS;

declare module '../common/error-codes' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCodes extends Registered<typeof CONFLICT_ERRORS> {}
}
