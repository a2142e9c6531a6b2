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

  it('keeps only the code of any other error: no stack trace or exception details', () => {
    const raw: GraphQLFormattedError = { message: 'Cannot query field "x"', extensions: { code: 'GRAPHQL_VALIDATION_FAILED', stacktrace: ['at /srv/hub/x.js'] } };
    expect(formatGraphqlError(raw, new Error('x'))).toEqual({ message: 'Cannot query field "x"', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });

  it('answers the token limit as QUERY_TOO_LARGE and a wrongly typed variable as INVALID_REQUEST, as REST does', () => {
    const tokens: GraphQLFormattedError = { message: 'Syntax Error: Document contains more that 100 tokens. Parsing aborted.', extensions: { code: 'GRAPHQL_PARSE_FAILED' } };
    expect(formatGraphqlError(tokens, new Error('x')).extensions).toEqual({ code: 'QUERY_TOO_LARGE', kind: 'invalid' });
    const variable: GraphQLFormattedError = { message: 'Variable "$n" got invalid value "x"', extensions: { code: 'BAD_USER_INPUT' } };
    expect(formatGraphqlError(variable, new Error('x')).extensions).toEqual({ code: 'INVALID_REQUEST', kind: 'invalid' });
  });
});
