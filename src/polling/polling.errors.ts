import { DomainError, type DomainErrorKind } from '../common/domain-error';

export type SyncErrorCode =
  | 'SYSTEM_NOT_FOUND'
  | 'SYSTEM_NOT_PULLABLE'
  | 'ENTITY_TYPE_NOT_MAPPED'
  | 'EXTERNAL_ID_NEEDS_ENTITY_TYPE'
  | 'RECONCILE_NOT_SUPPORTED'
  | 'SYNC_RUN_IN_PROGRESS'
  | 'SYNC_RUN_NOT_FOUND'
  | 'INVALID_SYNC_RUN_FILTER'
  | 'INFERRED_DELETE_NOT_FOUND'
  | 'INFERRED_DELETE_DECIDED'
  | 'INFERRED_DELETE_OBSOLETE'
  | 'SYSTEM_UNAVAILABLE';

/** Every refusal of the polling, refresh and reconciliation APIs, with a stable code. */
export class SyncError extends DomainError {
  constructor(code: SyncErrorCode, message: string, kind: DomainErrorKind) {
    super(code, message, kind);
    this.name = 'SyncError';
  }
}
