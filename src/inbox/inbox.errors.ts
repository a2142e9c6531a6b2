import { defineErrorCodes, type Registered } from '../common/error-codes';

/** Storing received events. */
export const INBOX_ERRORS = defineErrorCodes({
  PAYLOAD_UNSTORABLE: { kind: 'invalid', description: 'The event holds text PostgreSQL cannot store (a NUL byte or a lone surrogate).' },
});

declare module '../common/error-codes' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCodes extends Registered<typeof INBOX_ERRORS> {}
}
