import { configure } from 'safe-stable-stringify';

/**
 * Deterministic JSON (keys sorted at every depth) shared by equality, diffs and hashes, so that two values the
 * hub calls equal always hash the same. A circular value throws: a hash or diff of "[Circular]" would silently
 * make different records look equal.
 */
const stringify = configure({ deterministic: true, circularValue: TypeError });

/** Canonical JSON text of a value; undefined for undefined (and functions/symbols), as JSON.stringify does. */
export function canonicalJson(value: unknown): string | undefined {
  return stringify(value);
}
