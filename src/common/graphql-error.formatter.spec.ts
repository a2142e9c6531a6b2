import type { GraphQLFormattedError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from './domain-error';
import { formatGraphqlError } from './graphql-error.formatter';

const formatted: GraphQLFormattedError = { message: 'raw', path: ['goldenRecord'], extensions: { code: 'INTERNAL_SERVER_ERROR' } };

describe('formatGraphqlError', () => {
  it('gives a domain error its stable code and details', () => {
    const out = formatGraphqlError(formatted, { originalError: new NotFoundError('GOLDEN_RECORD_NOT_FOUND', 'no such record') });
    expect(out.extensions).toMatchObject({ code: 'GOLDEN_RECORD_NOT_FOUND' });
    expect(out.message).toBe('no such record');
  });

  it('tells the client to retry when the database is unreachable, without leaking the driver message', () => {
    const driver = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const out = formatGraphqlError(formatted, { originalError: Object.assign(new Error('query failed'), { driverError: driver }) });
    expect(out).toEqual({ message: 'the database is unavailable; retry later', path: ['goldenRecord'], extensions: { code: 'DATABASE_UNAVAILABLE', kind: 'unavailable' } });
  });

  it('hides any other internal error', () => {
    expect(formatGraphqlError(formatted, { originalError: new Error('secret detail') })).toEqual({ message: 'internal error', path: ['goldenRecord'], extensions: { code: 'INTERNAL_ERROR' } });
  });
});
