import { defineErrorCodes, type Registered } from '../common/error-codes';

/** Match suspects (possible duplicates). */
export const MATCHING_ERRORS = defineErrorCodes({
  MATCH_SUSPECT_NOT_FOUND: { kind: 'not_found', description: 'No match suspect has this id.' },
  MATCH_SUSPECT_NOT_OPEN: { kind: 'conflict', description: 'The suspect was merged or dismissed already.' },
  MATCH_SUSPECT_SURVIVOR_INVALID: { kind: 'invalid', description: '`survivorId` must be one of the suspect\'s two golden records.' },
  INVALID_MIN_SCORE: { kind: 'invalid', description: '`minScore` must be between 0 and 1.' },
  SUSPECT_RULES_MISSING: { kind: 'invalid', description: 'The entity type has no similarity rules to scan with (`entities.<type>.suspects`).' },
  INVALID_SUSPECT_STATUS: { kind: 'invalid', description: 'Unknown suspect status filter.' },
});

declare module '../common/error-codes' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCodes extends Registered<typeof MATCHING_ERRORS> {}
}
