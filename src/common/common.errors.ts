import { defineErrorCodes, type Registered } from '../common/error-codes';

/** Codes every route may answer with: malformed requests, ids, paging, and the transport's own refusals. */
export const COMMON_ERRORS = defineErrorCodes({
  INVALID_REQUEST: { kind: 'invalid', description: 'The body, a parameter or a query failed validation; `details` names each offending field.' },
  INVALID_ID: { kind: 'invalid', description: 'An id in the path or body is not in the form the hub issues (a UUID or a numeric id).' },
  INVALID_CURSOR: { kind: 'invalid', description: 'The `after` cursor was not made by this list, or has been tampered with.' },
  INVALID_PAGE_SIZE: { kind: 'invalid', description: '`first` is not an integer from 1 to 500.' },
  JSON_TOO_DEEP: { kind: 'invalid', description: 'The JSON body nests objects and arrays deeper than the limit (HUB_MAX_JSON_DEPTH).' },
  MALFORMED_JSON: { kind: 'invalid', description: 'The body is not valid JSON.' },
  BAD_REQUEST: { kind: 'invalid', description: 'The request was refused before any route ran (for example a wrong Content-Length).' },
  PAYLOAD_TOO_LARGE: { kind: 'too_large', description: 'The body is larger than the route accepts.' },
  UNSUPPORTED_MEDIA_TYPE: { kind: 'unsupported_media_type', description: 'The Content-Type is not one the route reads (JSON, or YAML where stated).' },
  NOT_FOUND: { kind: 'not_found', description: 'No route answers this method and path.' },
  UNAUTHORIZED: { kind: 'unauthorized', description: 'Authentication failed before a route ran.' },
  FORBIDDEN: { kind: 'forbidden', description: 'The request is not allowed.' },
  RATE_LIMITED: { kind: 'rate_limited', description: 'Too many requests; retry after the number of seconds in `Retry-After`.' },
  DATABASE_UNAVAILABLE: { kind: 'unavailable', description: 'PostgreSQL did not answer; nothing was written and the same request may be sent again.' },
  GRAPHQL_PARSE_FAILED: { kind: 'invalid', description: 'GraphQL only: the query is not valid GraphQL syntax.' },
  GRAPHQL_VALIDATION_FAILED: { kind: 'invalid', description: 'GraphQL only: the query names an unknown field or argument, or an invalid enum value.' },
  BAD_USER_INPUT: { kind: 'invalid', description: 'GraphQL only: a variable does not fit its declared type.' },
  INTERNAL_ERROR: { kind: 'unavailable', description: 'An unexpected failure; the log line with the request id has the cause.' },
});

declare module '../common/error-codes' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCodes extends Registered<typeof COMMON_ERRORS> {}
}
