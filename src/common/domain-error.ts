import type { DomainErrorKind, ErrorCode } from './error-codes';

/**
 * Services throw only DomainErrors. Each transport has one mapper (http-exception.filter.ts,
 * graphql-error.formatter.ts) that turns `kind` into a status and keeps `code` stable for clients.
 */
export type { DomainErrorKind };

export interface ErrorDetail {
  /** path of the offending field, dot-separated (systems.B.entities.contact.fields.birthDate.format) */
  path?: string;
  message: string;
  value?: unknown;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly kind: DomainErrorKind,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class NotFoundError extends DomainError {
  constructor(code: ErrorCode, message: string) {
    super(code, message, 'not_found');
  }
}

export class ValidationError extends DomainError {
  constructor(code: ErrorCode, message: string, details: ErrorDetail[] = []) {
    super(code, message, 'invalid', details);
  }
}

/** Too many requests: the transports answer 429 with Retry-After (REST) or the seconds in the details (GraphQL). */
export class RateLimitedError extends DomainError {
  constructor(message: string, readonly retryAfterSeconds: number) {
    super('RATE_LIMITED', message, 'rate_limited', [{ message: `retry after ${retryAfterSeconds} s`, value: retryAfterSeconds }]);
  }
}
