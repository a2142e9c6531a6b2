import { defineErrorCodes, type Registered } from '../common/error-codes';

/** Deliveries to the systems and dead letters. */
export const DELIVERY_ERRORS = defineErrorCodes({
  DELIVERY_NOT_FOUND: { kind: 'not_found', description: 'No delivery has this id.' },
  DELIVERY_NOT_RETRYABLE: { kind: 'conflict', description: 'Only a dead letter can be retried.' },
  DELIVERY_SUPERSEDED: { kind: 'conflict', description: 'A newer delivery of the same record replaced this one.' },
});

declare module '../common/error-codes' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCodes extends Registered<typeof DELIVERY_ERRORS> {}
}
