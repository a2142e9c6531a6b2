import { defineErrorCodes, type Registered } from '../common/error-codes';

/** GraphQL's limits: refused while the query is validated, before any resolver runs. */
export const SECURITY_ERRORS = defineErrorCodes({
  QUERY_TOO_DEEP: { kind: 'invalid', description: 'GraphQL only: the query nests fields deeper than the limit.' },
  TOO_MANY_ALIASES: { kind: 'invalid', description: 'GraphQL only: the query uses more aliases than the limit.' },
  QUERY_TOO_COSTLY: { kind: 'invalid', description: 'GraphQL only: the estimated cost (fields times page sizes) is over the limit.' },
  QUERY_TOO_LARGE: { kind: 'invalid', description: 'GraphQL only: the document holds more tokens than the parser reads.' },
  OPERATION_NOT_SUPPORTED: { kind: 'invalid', description: 'GraphQL only: subscriptions, or several operations without an operationName.' },
});

declare module '../common/error-codes' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCodes extends Registered<typeof SECURITY_ERRORS> {}
}

export type SecurityErrorCode = keyof typeof SECURITY_ERRORS;
