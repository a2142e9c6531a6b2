import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/**
 * sha256 (hex) of the value's deterministic JSON: key order never changes the hash. Used by the echo guard and
 * the outbox to tell "the same payload again" from a real change. `undefined` hashes as the empty text, which
 * no JSON value produces, so "nothing" never collides with `null`.
 */
export function payloadHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value) ?? '', 'utf8').digest('hex');
}
