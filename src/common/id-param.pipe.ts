import { ParseIntPipe, ParseUUIDPipe } from '@nestjs/common';
import { ValidationError } from './domain-error';

/** ParseUUIDPipe answering with the same INVALID_ID code as GraphQL, instead of Nest's generic 400. */
export function idParamPipe(what: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => new ValidationError('INVALID_ID', `the ${what} id must be a uuid`, [{ path: 'id', message: 'must be a uuid' }]),
  });
}

/** A version number in a path: an integer, reported like every other invalid request. */
export function versionParamPipe(): ParseIntPipe {
  return new ParseIntPipe({
    exceptionFactory: () =>
      new ValidationError('INVALID_REQUEST', 'the version must be an integer', [{ path: 'version', message: 'must be an integer' }]),
  });
}
