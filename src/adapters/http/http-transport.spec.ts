import { describe, expect, it } from 'vitest';
import { AdapterError } from '../adapter.error';
import { headerValue, parseJsonBody, parseRetryAfter, statusError } from './http-transport';

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-05-01T10:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP-date relative to now, never negative', () => {
    expect(parseRetryAfter('Wed, 01 May 2024 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 01 May 2024 09:00:00 GMT', now)).toBe(0);
  });

  it('ignores absent and malformed values', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });
});

describe('parseJsonBody', () => {
  const result = (text: string) => ({ status: 200, headers: {}, text });

  it('parses JSON and treats an empty body as undefined', () => {
    expect(parseJsonBody(result('{"id":1}'), 'GET /x')).toEqual({ id: 1 });
    expect(parseJsonBody(result('  '), 'GET /x')).toBeUndefined();
  });

  it('throws a retryable HTTP_INVALID_RESPONSE for other text', () => {
    let caught: unknown;
    try {
      parseJsonBody(result('<html>'), 'GET /x');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AdapterError);
    expect((caught as AdapterError).opts).toMatchObject({ retryable: true, code: 'HTTP_INVALID_RESPONSE', status: 200 });
  });
});

describe('headerValue', () => {
  it('reads a header by its lower-case name, the first of repeated values', () => {
    expect(headerValue({ location: '/contacts/c-1' }, 'location')).toBe('/contacts/c-1');
    expect(headerValue({ 'retry-after': ['5', '9'] }, 'retry-after')).toBe('5');
    expect(headerValue({}, 'location')).toBeUndefined();
  });
});

describe('statusError', () => {
  it('carries Retry-After of a 429 as milliseconds', () => {
    const err = statusError(429, { 'retry-after': '7' }, 'slow down', 'POST http://b/contacts');
    expect(err.opts).toMatchObject({ retryable: true, status: 429, code: 'HTTP_RATE_LIMITED', retryAfterMs: 7_000 });
    expect(err.message).toBe('POST http://b/contacts answered 429: slow down');
  });
});
