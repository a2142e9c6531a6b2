import type { Actor } from '../../admin/auth/actor';
import type { ResolvedEntityType } from '../../catalog/catalog.types';
import type { FieldDef } from '../../config/hub-config.schema';

/** What a masked value reads as. */
export const MASKED = '***';

/**
 * Hides the values of sensitive fields (FieldDef.sensitive, nested object fields and list items included) from
 * everyone but admins, wherever a value can surface in a read: record data, lineage, version snapshots, JSON
 * Patch diffs, version causes and conflict candidates. Keys stay visible: "this record has an ssn" is not secret.
 */
export interface SensitiveMask {
  /** a canonical record (golden data, version snapshot, source data) */
  record(data: unknown): unknown;
  /** a value found at a canonical path (['address', 'city']) */
  at(path: readonly string[], value: unknown): unknown;
  /** an RFC 6902 patch over canonical records */
  patch(ops: unknown): unknown;
  /** a golden version's cause: its field decisions carry previous and new values */
  cause(cause: unknown): unknown;
}

/**
 * Top-level fields whose value holds a sensitive field (itself, or nested in an object or list item): what a search
 * by a non-admin must not match on, or it would reveal the masked value one guess at a time.
 */
export function fieldsHoldingSensitive(entityType: ResolvedEntityType): string[] {
  return Object.keys(entityType.fields).filter((f) => hasSensitive(entityType.fields[f])).sort();
}

export function canSeeSensitive(actor: Actor): boolean {
  return actor.role === 'admin';
}

/**
 * `entityType` undefined means the record's type is no longer configured: its sensitive fields are unknown,
 * so for non-admins every value is masked (fail closed).
 */
export function sensitiveMaskFor(actor: Actor, entityType: ResolvedEntityType | undefined): SensitiveMask {
  if (canSeeSensitive(actor)) return IDENTITY;
  if (!entityType) return MASK_ALL;
  const root: FieldDef = { type: 'object', fields: entityType.fields };
  return hasSensitive(root) ? new FieldDefMask(root) : IDENTITY;
}

const IDENTITY: SensitiveMask = {
  record: (data) => data,
  at: (_path, value) => value,
  patch: (ops) => ops,
  cause: (cause) => cause,
};

const MASK_ALL: SensitiveMask = {
  record: (data) => (isObject(data) ? Object.fromEntries(Object.keys(data).map((k) => [k, MASKED])) : MASKED),
  at: () => MASKED,
  patch: (ops) => mapPatchValues(ops, () => MASKED),
  cause: (cause) => mapDecisions(cause, () => MASKED),
};

class FieldDefMask implements SensitiveMask {
  constructor(private readonly root: FieldDef) {}

  record(data: unknown): unknown {
    return maskByDef(this.root, data);
  }

  at(path: readonly string[], value: unknown): unknown {
    let def: FieldDef | undefined = this.root;
    for (const segment of path) {
      if (!def) return value;
      if (def.sensitive) return MASKED;
      def = childDef(def, segment);
    }
    return def ? maskByDef(def, value) : value;
  }

  patch(ops: unknown): unknown {
    return mapPatchValues(ops, (path, value) => this.at(path, value));
  }

  cause(cause: unknown): unknown {
    return mapDecisions(cause, (path, value) => this.at(path, value));
  }
}

function childDef(def: FieldDef, segment: string): FieldDef | undefined {
  if (def.type === 'object') return def.fields?.[segment];
  // JSON Pointer addresses list items by index, or '-' for "append".
  if (def.type === 'list' && (segment === '-' || /^\d+$/.test(segment))) return def.items;
  return undefined;
}

function maskByDef(def: FieldDef, value: unknown): unknown {
  if (def.sensitive) return MASKED;
  if (def.type === 'object' && def.fields && isObject(value)) {
    const fields = def.fields;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fields[k] ? maskByDef(fields[k], v) : v]));
  }
  if (def.type === 'list' && def.items && Array.isArray(value)) {
    const items = def.items;
    return value.map((v) => maskByDef(items, v));
  }
  return value;
}

function hasSensitive(def: FieldDef): boolean {
  return Boolean(def.sensitive)
    || Object.values(def.fields ?? {}).some(hasSensitive)
    || (def.items !== undefined && hasSensitive(def.items));
}

function mapPatchValues(ops: unknown, mask: (path: string[], value: unknown) => unknown): unknown {
  if (!Array.isArray(ops)) return ops;
  return ops.map((op: unknown) => {
    if (!isObject(op) || typeof op.path !== 'string') return op;
    const path = pointerSegments(op.path);
    const out: Record<string, unknown> = { ...op };
    // oldValue appears in invertible patches; it is as secret as value.
    for (const key of ['value', 'oldValue']) {
      if (key in op) out[key] = mask(path, op[key]);
    }
    return out;
  });
}

/** RFC 6901: '/a~1b/c~0d' → ['a/b', 'c~d'] */
function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Field decisions (domain FieldDecision) carry the field's previous and new value. */
function mapDecisions(cause: unknown, mask: (path: string[], value: unknown) => unknown): unknown {
  if (!isObject(cause) || !Array.isArray(cause.decisions)) return cause;
  return {
    ...cause,
    decisions: cause.decisions.map((d: unknown) => {
      if (!isObject(d) || typeof d.field !== 'string') return d;
      const path = d.field.split('.');
      const out: Record<string, unknown> = { ...d };
      for (const key of ['previous', 'value']) {
        if (key in d) out[key] = mask(path, d[key]);
      }
      return out;
    }),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
