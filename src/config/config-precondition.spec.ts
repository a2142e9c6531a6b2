import { describe, expect, it } from 'vitest';
import { DomainError } from '../common/domain-error';
import { expectedVersionOf, versionEtag } from './config-precondition';

describe('expectedVersionOf', () => {
  it.each([
    [undefined, undefined, undefined],
    ['3', undefined, 3],
    ['"3"', undefined, 3],
    ['W/"3"', undefined, 3],
    [' "12" ', undefined, 12],
    ['*', undefined, undefined],
    [undefined, 4, 4],
    ['"4"', 4, 4],
  ])('If-Match %j, expectedVersion %j → %j', (header, explicit, expected) => {
    expect(expectedVersionOf(header, explicit)).toBe(expected);
  });

  it('refuses a malformed If-Match and two different versions', () => {
    expect(() => expectedVersionOf('"abc"', undefined)).toThrow(expect.objectContaining({ code: 'INVALID_IF_MATCH' }) as DomainError);
    expect(() => expectedVersionOf('"3", "4"', undefined)).toThrow(expect.objectContaining({ code: 'INVALID_IF_MATCH' }) as DomainError);
    expect(() => expectedVersionOf('3', 4)).toThrow(expect.objectContaining({ code: 'PRECONDITION_AMBIGUOUS' }) as DomainError);
  });

  it('the ETag round-trips', () => {
    expect(expectedVersionOf(versionEtag(7), undefined)).toBe(7);
  });
});
