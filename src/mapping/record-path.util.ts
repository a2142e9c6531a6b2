/**
 * Dot paths into system records (address.city, lines.0.sku). Keys containing dots cannot be addressed;
 * no system we map uses them, and supporting escapes would make every configured path harder to read.
 */

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function child(container: unknown, segment: string): unknown {
  if (Array.isArray(container)) {
    return /^\d+$/.test(segment) ? container[Number(segment)] : undefined;
  }
  if (isPlainObject(container) && Object.prototype.hasOwnProperty.call(container, segment)) {
    return container[segment];
  }
  return undefined;
}

/**
 * The value at `path`, or undefined when the system does not say. A null on the way (address: null)
 * yields null: the system says the whole branch is empty, so its leaves are empty too.
 */
export function readPath(record: Record<string, unknown>, path: string): unknown {
  let current: unknown = record;
  for (const segment of path.split('.')) {
    if (current === null) return null;
    current = child(current, segment);
    if (current === undefined) return undefined;
  }
  return current;
}

/** Sets `path`, creating intermediate objects (outbound builds nested system records from flat mappings). */
export function writePath(record: Record<string, unknown>, path: string, value: unknown): void {
  const segments = path.split('.');
  let current = record;
  for (const segment of segments.slice(0, -1)) {
    const next = Object.prototype.hasOwnProperty.call(current, segment) ? current[segment] : undefined;
    if (isPlainObject(next)) {
      current = next;
    } else {
      const created: Record<string, unknown> = {};
      setOwn(current, segment, created);
      current = created;
    }
  }
  setOwn(current, segments[segments.length - 1], value);
}

// defineProperty keeps a configured "__proto__" segment an ordinary own key instead of a prototype write.
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** `lines` + `0` → `lines.0`; the top level has the empty prefix. */
export function joinPath(prefix: string, name: string | number): string {
  return prefix === '' ? String(name) : `${prefix}.${name}`;
}

/** Leads a path that starts in the enclosing record instead of the current one; repeat it to climb further. */
export const PARENT_PREFIX = '^.';

/** How many `^.` a path starts with, and the path after them. */
export function splitParentPrefix(path: string): { ups: number; rest: string } {
  let ups = 0;
  let rest = path;
  while (rest.startsWith(PARENT_PREFIX)) {
    ups += 1;
    rest = rest.slice(PARENT_PREFIX.length);
  }
  return { ups, rest };
}

/**
 * Where a path points in a chain of records (outermost first, the current record last): `ccy` in the
 * current record, `^.ccy` in the one around it. Undefined when the path climbs above the outermost record.
 */
export function resolveInChain(
  records: Record<string, unknown>[], path: string,
): { record: Record<string, unknown>; path: string; index: number } | undefined {
  const { ups, rest } = splitParentPrefix(path);
  const index = records.length - 1 - ups;
  if (index < 0 || rest === '') return undefined;
  return { record: records[index], path: rest, index };
}

export { isPlainObject };
