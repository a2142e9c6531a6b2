import type { ValidationError as ClassValidatorError } from 'class-validator';
import type { ErrorDetail } from './domain-error';

/** class-validator nests errors by property; clients want one entry per offending field path. */
export function flattenValidationErrors(errors: ClassValidatorError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((e) => {
    const path = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ path, message, value: e.value as unknown }));
    return [...own, ...flattenValidationErrors(e.children ?? [], path)];
  });
}
