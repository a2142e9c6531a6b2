import { ValidationError } from '../common/domain-error';

/**
 * The optimistic lock of configuration writes: the version the change was based on, from `If-Match` (the ETag of
 * the version read: `3`, `"3"` or `W/"3"`; `*` means any) or an `expectedVersion` given in the body or query.
 * Undefined when the client gave none: the write then goes through unchecked, as before the lock existed.
 */
export function expectedVersionOf(ifMatch: string | undefined, explicit: number | undefined): number | undefined {
  const fromHeader = parseIfMatch(ifMatch);
  if (fromHeader !== undefined && explicit !== undefined && fromHeader !== explicit) {
    throw new ValidationError('PRECONDITION_AMBIGUOUS', `If-Match names version ${fromHeader} but expectedVersion is ${explicit}`, [
      { path: 'expectedVersion', message: `differs from If-Match (${fromHeader})`, value: explicit },
    ]);
  }
  return fromHeader ?? explicit;
}

function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '' || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) {
    throw new ValidationError('INVALID_IF_MATCH', 'If-Match must be a configuration version: 3, "3" or W/"3" (the ETag of what you read)', [
      { path: 'If-Match', message: 'must be a configuration version', value: header },
    ]);
  }
  return Number(match[1]);
}

/** The ETag of a configuration version (strong: a version never changes). */
export function versionEtag(version: number): string {
  return `"${version}"`;
}
