import type { GraphQLFormattedError } from 'graphql';
import { isDatabaseUnavailable } from '../database/database-errors';
import { DomainError } from './domain-error';

/** The one GraphQL mapper: DomainError → extensions { code, kind, details }. */
export function formatGraphqlError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  // Duck-typed, not `instanceof GraphQLError`: tooling may load graphql's ESM and CJS builds side by side.
  const original = (error as { originalError?: unknown } | null)?.originalError ?? error;
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
  if (code === 'INTERNAL_SERVER_ERROR') {
    return { message: 'internal error', path: formatted.path, extensions: { code: 'INTERNAL_ERROR' } };
  }
  return formatted;
}
