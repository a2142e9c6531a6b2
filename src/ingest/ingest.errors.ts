import { DomainError, type DomainErrorKind, type ErrorDetail } from '../common/domain-error';

/**
 * Every refusal of the ingest endpoints, with a stable code. Senders are machines: they branch on the code,
 * so a code never changes meaning; the message is for the person reading the sender's logs.
 */
export class IngestError extends DomainError {
  constructor(code: IngestErrorCode, message: string, kind: DomainErrorKind, details: ErrorDetail[] = []) {
    super(code, message, kind, details);
    this.name = 'IngestError';
  }
}

export type IngestErrorCode =
  | 'UNKNOWN_SYSTEM'
  | 'SYSTEM_NOT_INBOUND'
  | 'ENTITY_NOT_INBOUND'
  | 'WEBHOOK_SECRET_NOT_CONFIGURED'
  | 'WEBHOOK_SECRET_INVALID'
  | 'SIGNATURE_HEADERS_MISSING'
  | 'SIGNATURE_HEADERS_INVALID'
  | 'SIGNATURE_INVALID'
  | 'TIMESTAMP_OUT_OF_TOLERANCE'
  | 'BODY_REQUIRED'
  | 'INVALID_ENVELOPE'
  | 'UNKNOWN_EVENT_TYPE'
  | 'EXTERNAL_ID_MISSING'
  | 'PAYLOAD_UNSTORABLE'
  | 'BATCH_INVALID'
  | 'BATCH_TOO_LARGE';

/** The status family of each per-event problem when it is the whole request (single webhook). */
export const PROBLEM_KIND: Record<EventProblemCode, DomainErrorKind> = {
  INVALID_ENVELOPE: 'invalid',
  UNKNOWN_EVENT_TYPE: 'invalid',
  EXTERNAL_ID_MISSING: 'invalid',
  PAYLOAD_UNSTORABLE: 'invalid',
  ENTITY_NOT_INBOUND: 'forbidden',
};

export type EventProblemCode = 'INVALID_ENVELOPE' | 'UNKNOWN_EVENT_TYPE' | 'EXTERNAL_ID_MISSING' | 'PAYLOAD_UNSTORABLE' | 'ENTITY_NOT_INBOUND';

/** What is wrong with one change; a batch collects these by index before refusing as a whole. */
export interface EventProblem {
  code: EventProblemCode;
  /** the offending field inside the event (type, timestamp, data, data.customer_id) */
  path: string;
  message: string;
  value?: unknown;
}

export function problemError(problem: EventProblem): IngestError {
  return new IngestError(problem.code, problem.message, PROBLEM_KIND[problem.code], [
    { path: problem.path, message: problem.message, ...(problem.value === undefined ? {} : { value: problem.value }) },
  ]);
}
