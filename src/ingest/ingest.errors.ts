import { DomainError, type DomainErrorKind, type ErrorDetail } from '../common/domain-error';
import { defineErrorCodes, type Registered } from '../common/error-codes';
import type { INBOX_ERRORS } from '../inbox/inbox.errors';

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

/** The webhook endpoints' refusals, and the events API's. */
export const INGEST_ERRORS = defineErrorCodes({
  UNKNOWN_SYSTEM: { kind: 'not_found', description: 'No system of this key is configured.' },
  SYSTEM_NOT_INBOUND: { kind: 'forbidden', description: 'The system does not send changes to the hub (direction).' },
  ENTITY_NOT_INBOUND: { kind: 'forbidden', description: 'The system sends no records of this entity type to the hub.' },
  WEBHOOK_SECRET_NOT_CONFIGURED: { kind: 'forbidden', description: 'The system has no webhook secret, so no signature can be checked.' },
  WEBHOOK_SECRET_INVALID: { kind: 'forbidden', description: 'The configured webhook secret is not a valid Standard Webhooks secret.' },
  SIGNATURE_HEADERS_MISSING: { kind: 'unauthorized', description: 'One of the headers webhook-id, webhook-timestamp and webhook-signature is missing.' },
  SIGNATURE_HEADERS_INVALID: { kind: 'unauthorized', description: 'A signature header is malformed.' },
  SIGNATURE_INVALID: { kind: 'unauthorized', description: 'No signature matches the body under the system\'s secret.' },
  TIMESTAMP_OUT_OF_TOLERANCE: { kind: 'unauthorized', description: 'The webhook-timestamp header is more than five minutes from the hub\'s clock.' },
  BODY_REQUIRED: { kind: 'invalid', description: 'The webhook has no body.' },
  INVALID_ENVELOPE: { kind: 'invalid', description: 'The event is not `{ type, timestamp, data }` as Standard Webhooks describes.' },
  UNKNOWN_EVENT_TYPE: { kind: 'invalid', description: 'The event type names no entity type and action the system sends.' },
  EXTERNAL_ID_MISSING: { kind: 'invalid', description: 'The record holds no value at the system\'s id field.' },
  BATCH_INVALID: { kind: 'invalid', description: 'The batch is not `{ events: [...] }`, or some events are invalid (listed by index).' },
  BATCH_TOO_LARGE: { kind: 'too_large', description: 'The batch holds more events than allowed.' },
  EVENT_NOT_FOUND: { kind: 'not_found', description: 'No received event has this id.' },
  EVENT_NOT_REPLAYABLE: { kind: 'conflict', description: 'Only a rejected or failed event can be replayed.' },
});

declare module '../common/error-codes' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCodes extends Registered<typeof INGEST_ERRORS> {}
}

export type IngestErrorCode = keyof typeof INGEST_ERRORS | keyof typeof INBOX_ERRORS;

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
