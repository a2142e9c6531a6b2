import { DomainError, type DomainErrorKind } from '../common/domain-error';
import { defineErrorCodes, type Registered } from '../common/error-codes';

/** Polling, refresh, reconciliation and inferred deletes. */
export const POLLING_ERRORS = defineErrorCodes({
  SYSTEM_NOT_PULLABLE: { kind: 'conflict', description: 'The system\'s adapter cannot list changes, so it cannot be polled or refreshed.' },
  ENTITY_TYPE_NOT_MAPPED: { kind: 'not_found', description: 'The system maps no such entity type.' },
  EXTERNAL_ID_NEEDS_ENTITY_TYPE: { kind: 'invalid', description: 'A refresh by external id must name the entity type.' },
  RECONCILE_NOT_SUPPORTED: { kind: 'conflict', description: 'The system\'s adapter cannot list every id, so deletes cannot be inferred.' },
  SYNC_RUN_IN_PROGRESS: { kind: 'conflict', description: 'A sync run of this system and entity type is running already.' },
  SYNC_RUN_NOT_FOUND: { kind: 'not_found', description: 'No sync run has this id.' },
  INVALID_SYNC_RUN_FILTER: { kind: 'invalid', description: 'Unknown sync run kind or status filter.' },
  INFERRED_DELETE_NOT_FOUND: { kind: 'not_found', description: 'No inferred delete has this id.' },
  INFERRED_DELETE_DECIDED: { kind: 'conflict', description: 'The inferred delete was confirmed or dismissed already.' },
  INFERRED_DELETE_OBSOLETE: { kind: 'conflict', description: 'The record came back since the delete was inferred.' },
  SYSTEM_UNAVAILABLE: { kind: 'unavailable', description: 'The system did not answer; retry later.' },
});

declare module '../common/error-codes' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCodes extends Registered<typeof POLLING_ERRORS> {}
}

export type SyncErrorCode = keyof typeof POLLING_ERRORS | 'SYSTEM_NOT_FOUND';

/** Every refusal of the polling, refresh and reconciliation APIs, with a stable code. */
export class SyncError extends DomainError {
  constructor(code: SyncErrorCode, message: string, kind: DomainErrorKind) {
    super(code, message, kind);
    this.name = 'SyncError';
  }
}
