import { defineErrorCodes, type Registered } from '../common/error-codes';

/** The configuration document, its versions and the rules. */
export const CONFIG_ERRORS = defineErrorCodes({
  HUB_CONFIG_INVALID: { kind: 'invalid', description: 'The configuration document is invalid; `details` lists each error with its path.' },
  HUB_CONFIG_NOT_LOADED: { kind: 'unavailable', description: 'No configuration is loaded yet.' },
  HUB_CONFIG_VERSION_NOT_FOUND: { kind: 'not_found', description: 'No stored configuration has this version.' },
  HUB_CONFIG_CONFLICT: { kind: 'conflict', description: 'At start: HUB_CONFIG changed after a newer version was stored through the API.' },
  CONFIG_VERSION_MISMATCH: { kind: 'precondition_failed', description: 'The change was based on an older configuration version (If-Match / expectedVersion); nothing stored.' },
  INVALID_IF_MATCH: { kind: 'invalid', description: '`If-Match` is not a configuration version number.' },
  PRECONDITION_AMBIGUOUS: { kind: 'invalid', description: '`If-Match` and `expectedVersion` were both given and disagree.' },
  RULES_INVALID: { kind: 'invalid', description: 'The precedence rules are invalid; `details` names each field.' },
  ENTITY_TYPE_UNKNOWN: { kind: 'not_found', description: 'No entity type of this name is configured.' },
  SYSTEM_NOT_FOUND: { kind: 'not_found', description: 'No system of this key is configured.' },
});

declare module '../common/error-codes' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCodes extends Registered<typeof CONFIG_ERRORS> {}
}
