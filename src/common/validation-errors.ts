import type { ValidationError as ClassValidatorError } from 'class-validator';
import type { ErrorDetail } from './domain-error';
import type { ErrorCode } from './error-codes';

/** class-validator nests errors by property; clients want one entry per offending field path. */
export function flattenValidationErrors(errors: ClassValidatorError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((e) => {
    const path = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ path, message, value: e.value as unknown }));
    return [...own, ...flattenValidationErrors(e.children ?? [], path)];
  });
}

/**
 * The code of a refused request: a constraint may name its own (`context: { code }`) so that REST answers what
 * GraphQL answers for the same fault (INVALID_PAGE_SIZE); any mix of faults is INVALID_REQUEST.
 */
export function validationCode(errors: ClassValidatorError[]): ErrorCode {
  const codes = new Set<string | undefined>();
  const walk = (list: ClassValidatorError[]) => list.forEach((e) => {
    for (const type of Object.keys(e.constraints ?? {})) codes.add((e.contexts?.[type] as { code?: string } | undefined)?.code);
    walk(e.children ?? []);
  });
  walk(errors);
  const [only] = [...codes];
  // a DTO names its code in the constraint's context ({ context: { code: 'INVALID_PAGE_SIZE' } }), a registered one
  return codes.size === 1 && only !== undefined ? (only as ErrorCode) : 'INVALID_REQUEST';
}
