import type { GraphQLFormattedError } from 'graphql';
import { isDatabaseUnavailable } from '../database/database-errors';
import { DomainError } from './domain-error';

/** The one GraphQL mapper: DomainError → extensions { code, kind, details }. */
export function formatGraphqlError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  // Duck-typed, not `instanceof GraphQLError`: tooling may load graphql's ESM and CJS builds side by side.
  // An error raised in an Apollo plugin arrives wrapped twice: follow originalError down to the cause.
  let original = error;
  for (let i = 0; i < 5 && (original as { originalError?: unknown } | null)?.originalError; i++) {
    original = (original as { originalError: unknown }).originalError;
  }
  if (original instanceof DomainError) {
    return {
      message: original.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: original.code, kind: original.kind, details: original.details },
    };
  }
  if (isDatabaseUnavailable(original)) {
    // Same answer as REST's 503: nothing was written, the same request may be sent again.
    return { message: 'the database is unavailable; retry later', path: formatted.path, extensions: { code: 'DATABASE_UNAVAILABLE', kind: 'unavailable' } };
  }
  const code = formatted.extensions?.code;
  // graphql-js stops parsing at the token limit with a syntax error; it is the same fault as a body too large.
  if (code === 'GRAPHQL_PARSE_FAILED' && /contains more th(?:an|at) \d+ tokens/.test(formatted.message)) {
    return { message: formatted.message.replace(/^Syntax Error: /, ''), locations: formatted.locations, extensions: { code: 'QUERY_TOO_LARGE', kind: 'invalid' } };
  }
  // A variable of the wrong type is what REST calls an invalid request.
  if (code === 'BAD_USER_INPUT') {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code: 'INVALID_REQUEST', kind: 'invalid' } };
  }
  // graphql-js refuses an operation type the schema has not (subscriptions) as an execution error: a client fault.
  if (code === 'INTERNAL_SERVER_ERROR' && /^Schema is not configured to execute \w+ operation/.test(formatted.message)) {
    return { message: formatted.message, locations: formatted.locations, extensions: { code: 'OPERATION_NOT_SUPPORTED', kind: 'invalid' } };
  }
  if (code === 'INTERNAL_SERVER_ERROR') {
    return { message: 'internal error', path: formatted.path, extensions: { code: 'INTERNAL_ERROR' } };
  }
  // Only the code: other extensions (a stack trace, exception details) never leave the hub.
  return { ...formatted, extensions: code === undefined ? undefined : { code } };
}
