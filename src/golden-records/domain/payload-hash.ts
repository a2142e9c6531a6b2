import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/**
 * sha256 (hex) of the value's deterministic JSON: key order never changes the hash. Used by the echo guard and
 * the outbox to tell "the same payload again" from a real change. `undefined` hashes as the empty text, which
 * no JSON value produces, so "nothing" never collides with `null`.
 */
export function payloadHash(value: unknown): string {
  // One-shot crypto.hash: a third of createHash's cost for texts this short (no Hash object per call).
  return hash('sha256', canonicalJson(value) ?? '', 'hex');
}
