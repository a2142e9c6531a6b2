import { defineErrorCodes, type Registered } from '../common/error-codes';

/** The status report. */
export const OBSERVABILITY_ERRORS = defineErrorCodes({
  STATUS_UNAVAILABLE: { kind: 'unavailable', description: 'The status report could not be computed; retry.' },
});

declare module '../common/error-codes' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCodes extends Registered<typeof OBSERVABILITY_ERRORS> {}
}
