/**
 * Copies a field value so later mutation of the caller's objects cannot alter stored state. Only objects and
 * arrays need it: structuredClone of a string or number costs a serialisation round trip for nothing, and the
 * pipeline clones every field of every change.
 */
export function cloneValue<T>(value: T): T {
  return value !== null && typeof value === 'object' ? structuredClone(value) : value;
}

/** A record's present (not undefined) fields, each value copied. */
export function clonePresent(record: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(record)) if (value !== undefined) copy[field] = cloneValue(value);
  return copy;
}
