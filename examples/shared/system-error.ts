import type { FieldIssue } from './field-spec';

/** An error a demo system answers with: an HTTP status, a stable code and optional field details. */
export class SystemHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: FieldIssue[],
  ) {
    super(message);
    this.name = 'SystemHttpError';
  }

  toBody(): { error: { code: string; message: string; details?: FieldIssue[] } } {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}

export function validationError(details: FieldIssue[]): SystemHttpError {
  const summary = details.map((d) => `${d.field} ${d.message}`).join('; ');
  return new SystemHttpError(400, 'VALIDATION_FAILED', `invalid record: ${summary}`, details);
}
