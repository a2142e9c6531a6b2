/** A JSON Patch between two versions, turned into rows a steward reads: field, what it was, what it became. */

export interface ChangeRow {
  /** dot path of the changed value (address.city, lines.0.quantity) */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before: unknown;
  after: unknown;
}

interface PatchOp {
  op: string;
  path: string;
  value?: unknown;
  from?: string;
}

/**
 * `ops` is the RFC 6902 patch from `before` (the previous version's snapshot) to the version. Values removed or
 * replaced are read from `before`, so the row shows both sides; move/copy/test never occur in the hub's diffs and
 * are shown as changes of their target.
 */
export function changeRows(ops: unknown, before: unknown): ChangeRow[] {
  if (!Array.isArray(ops)) return [];
  return ops.filter(isOp).map((op) => {
    const segments = pointer(op.path);
    const path = segments.join('.');
    const old = lookup(before, segments);
    if (op.op === 'remove') return { path, kind: 'removed', before: old.value, after: undefined };
    if (op.op === 'add' && !old.found) return { path, kind: 'added', before: undefined, after: op.value };
    return { path, kind: 'changed', before: old.value, after: op.value };
  });
}

/** RFC 6901: "/a~1b/c~0d" → ["a/b", "c~d"]. */
export function pointer(path: string): string[] {
  if (path === '') return [];
  return path.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function lookup(doc: unknown, segments: string[]): { found: boolean; value: unknown } {
  let cur: unknown = doc;
  for (const s of segments) {
    if (typeof cur !== 'object' || cur === null || !Object.hasOwn(cur, s)) return { found: false, value: undefined };
    cur = (cur as Record<string, unknown>)[s];
  }
  return { found: true, value: cur };
}

function isOp(v: unknown): v is PatchOp {
  return typeof v === 'object' && v !== null && typeof (v as PatchOp).op === 'string' && typeof (v as PatchOp).path === 'string';
}
