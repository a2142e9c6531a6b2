/** The status family of a refusal; each transport's mapper turns it into its own form (HTTP status, GraphQL kind). */
export type DomainErrorKind =
  | 'invalid' | 'not_found' | 'conflict' | 'precondition_failed' | 'unauthorized' | 'forbidden' | 'too_large' | 'rate_limited'
  | 'unsupported_media_type' | 'unavailable';

/** The HTTP status of each kind: the REST mapper answers with it, and the API reference documents it. */
export const KIND_STATUS: Readonly<Record<DomainErrorKind, number>> = {
  invalid: 400, unauthorized: 401, forbidden: 403, not_found: 404, conflict: 409, precondition_failed: 412,
  too_large: 413, unsupported_media_type: 415, rate_limited: 429, unavailable: 503,
};

/** What one error code means: its status family, and the sentence the API reference prints for it. */
export interface ErrorCodeSpec {
  kind: DomainErrorKind;
  description: string;
}

export type ErrorRegistry = Readonly<Record<string, ErrorCodeSpec>>;

/**
 * Every code the hub can answer with. It starts empty: each feature's `*.errors.ts` adds its own registry here by
 * module augmentation (`interface ErrorCodes extends Registered<typeof X_ERRORS>`), so common/ names no feature and
 * a code that no registry declares does not compile where a DomainError is built.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ErrorCodes {}

export type ErrorCode = Extract<keyof ErrorCodes, string>;

/** The augmentation shape of one registry. */
export type Registered<R extends ErrorRegistry> = { readonly [C in keyof R]: ErrorCodeSpec };

/** Declares one feature's codes; the const type parameter keeps the code names as literal types. */
export function defineErrorCodes<const R extends ErrorRegistry>(registry: R): R {
  return registry;
}
