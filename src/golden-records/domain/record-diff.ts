import { compare, type Operation } from 'fast-json-patch';
import type { CanonicalRecord } from '../../catalog/catalog.types';
import { canonicalJson } from './canonical-json';

/** One RFC 6902 operation. compare() only emits add / remove / replace. */
export type JsonPatchOperation = Operation;

/**
 * RFC 6902 patch turning `before` into `after`, as stored with each golden version.
 * Both sides are first normalised to plain JSON with sorted keys: the patch is then the same whatever key order
 * the records were built in, and a key holding `undefined` (which JSON cannot carry) counts as absent instead
 * of producing a `replace` of a path the stored snapshot does not have.
 */
export function diffRecords(before: CanonicalRecord, after: CanonicalRecord): JsonPatchOperation[] {
  return compare(toJsonDocument(before), toJsonDocument(after));
}

/**
 * Deep equality of canonical values, independent of object key order. JSON semantics: an object key holding
 * undefined equals a missing key. Array order matters (a list is ordered).
 */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return canonicalJson(a) === canonicalJson(b);
}

function toJsonDocument(record: CanonicalRecord): CanonicalRecord {
  return JSON.parse(canonicalJson(record) ?? '{}') as CanonicalRecord;
}
