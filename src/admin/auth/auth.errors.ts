import { defineErrorCodes, type Registered } from '../../common/error-codes';

/** Authentication and API keys. */
export const AUTH_ERRORS = defineErrorCodes({
  API_KEY_MISSING: { kind: 'unauthorized', description: 'No API key was sent (`Authorization: Bearer <key>` or `x-api-key`).' },
  API_KEY_INVALID: { kind: 'unauthorized', description: 'The API key is unknown or revoked.' },
  ROLE_FORBIDDEN: { kind: 'forbidden', description: 'The key\'s role may not do this (viewer < steward < admin).' },
  INVALID_TIME_RANGE: { kind: 'invalid', description: 'The audit log filter\'s `from` is not before its `to`.' },
  API_KEY_NOT_FOUND: { kind: 'not_found', description: 'No API key has this id.' },
});

declare module '../../common/error-codes' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCodes extends Registered<typeof AUTH_ERRORS> {}
}
