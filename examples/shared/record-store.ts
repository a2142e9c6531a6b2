import { checkField, isScalar } from './field-spec';
import { type Cursor, compareKeys, decodeCursor, encodeCursor } from './record-cursor';
import type { EntityDefinition, SystemDefinition } from './system-definition';
import { SystemHttpError, validationError } from './system-error';

export type StoredRecord = Record<string, unknown>;
export type ChangeType = 'created' | 'updated' | 'deleted';

export interface RecordChange {
  entity: string;
  type: ChangeType;
  /** the full record after the change (for a delete: as it was) */
  record: StoredRecord;
  /** ISO time of the change on the system's clock */
  at: string;
}

export interface PageQuery {
  /** ISO 8601; records updated at or after it */
  updatedSince?: string;
  /** with updatedSince: records at exactly that time sort after this id */
  afterId?: string;
  /** the `next` of a previous page */
  cursor?: string;
  limit: number;
  /** field → value, case-insensitive equality on scalar fields */
  filters?: Record<string, string>;
}

export interface Page {
  data: StoredRecord[];
  next: string | null;
}

/**
 * The system's database: one in-memory table per entity, the system's validation rules, and a change
 * feed. Every mutation — through the REST API or a simulated user edit — goes through here, so every
 * mutation fires the same webhook.
 */
export class RecordStore {
  private readonly tables = new Map<string, Map<string, StoredRecord>>();
  private readonly sequences = new Map<string, number>();
  private readonly listeners = new Set<(change: RecordChange) => void>();

  constructor(
    readonly definition: SystemDefinition,
    private readonly now: () => Date = () => new Date(),
  ) {
    for (const e of definition.entities) this.tables.set(e.name, new Map());
  }

  onChange(listener: (change: RecordChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  entity(name: string): EntityDefinition {
    const def = this.definition.entities.find((e) => e.name === name);
    if (!def) throw new SystemHttpError(404, 'UNKNOWN_ENTITY', `${this.definition.name} has no entity "${name}"`);
    return def;
  }

  get(entity: string, id: string): StoredRecord | undefined {
    const row = this.table(entity).get(id);
    return row ? structuredClone(row) : undefined;
  }

  /** every record of an entity, ordered by (updated-at, id) */
  all(entity: string): StoredRecord[] {
    return this.sorted(entity).map((r) => structuredClone(r));
  }

  count(entity: string): number {
    return this.table(entity).size;
  }

  create(entity: string, input: unknown): StoredRecord {
    const def = this.entity(entity);
    const body = this.writable(def, input);
    const fields: StoredRecord = {};
    for (const [name, spec] of Object.entries(def.fields)) {
      fields[name] = name in body ? body[name] : structuredClone(spec.default ?? null);
    }
    this.check(def, fields, new Set(Object.keys(body)));
    const sequence = (this.sequences.get(entity) ?? 0) + 1;
    this.sequences.set(entity, sequence);
    const id = def.newId(sequence);
    return this.save(def, id, fields, 'created');
  }

  /** Merges the given fields into the record: fields not sent are kept, so a partner cannot clear what it does not know. */
  update(entity: string, id: string, input: unknown): StoredRecord {
    const def = this.entity(entity);
    const existing = this.require(def, id);
    const body = this.writable(def, input, id);
    const fields: StoredRecord = {};
    for (const name of Object.keys(def.fields)) fields[name] = name in body ? body[name] : existing[name];
    this.check(def, fields, new Set(Object.keys(body)), id);
    return this.save(def, id, fields, 'updated');
  }

  remove(entity: string, id: string): StoredRecord {
    const def = this.entity(entity);
    const existing = this.require(def, id);
    this.table(entity).delete(id);
    this.emit({ entity, type: 'deleted', record: structuredClone(existing), at: this.now().toISOString() });
    return structuredClone(existing);
  }

  page(entity: string, query: PageQuery): Page {
    const def = this.entity(entity);
    const filters = Object.entries(query.filters ?? {});
    for (const [field] of filters) this.assertFilterable(def, field);
    const since = query.updatedSince === undefined ? undefined : parseInstant(query.updatedSince);
    const after: Cursor | undefined = query.cursor !== undefined
      ? decodeCursor(query.cursor)
      : since !== undefined && query.afterId !== undefined ? { at: since, id: query.afterId } : undefined;
    const matching = this.sorted(entity).filter((r) => {
      const key = this.keyOf(def, r);
      if (since !== undefined && key.at < since) return false;
      if (after && compareKeys(key, after) <= 0) return false;
      return filters.every(([field, value]) => matches(r[field], value));
    });
    const data = matching.slice(0, query.limit);
    const last = data.at(-1);
    const next = matching.length > query.limit && last ? encodeCursor(this.keyOf(def, last)) : null;
    return { data: data.map((r) => structuredClone(r)), next };
  }

  /** Empties every table and restarts id sequences; fires no events (it is not a user change). */
  reset(): void {
    for (const table of this.tables.values()) table.clear();
    this.sequences.clear();
  }

  private table(entity: string): Map<string, StoredRecord> {
    this.entity(entity);
    return this.tables.get(entity)!;
  }

  private require(def: EntityDefinition, id: string): StoredRecord {
    const row = this.table(def.name).get(id);
    if (!row) throw new SystemHttpError(404, 'NOT_FOUND', `${def.name} ${id} not found`);
    return row;
  }

  private sorted(entity: string): StoredRecord[] {
    const def = this.entity(entity);
    return [...this.table(entity).values()].sort((a, b) => compareKeys(this.keyOf(def, a), this.keyOf(def, b)));
  }

  private keyOf(def: EntityDefinition, r: StoredRecord): Cursor {
    return { at: Date.parse(r[this.definition.updatedAtField] as string), id: r[def.idField] as string };
  }

  /** The fields a caller may write: the id and updated-at fields are the system's own and are dropped. */
  private writable(def: EntityDefinition, input: unknown, pathId?: string): StoredRecord {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      throw new SystemHttpError(400, 'INVALID_BODY', 'the body must be a JSON object');
    }
    const out: StoredRecord = {};
    const unknown: string[] = [];
    for (const [key, value] of Object.entries(input)) {
      if (key === def.idField) {
        if (pathId !== undefined && value !== undefined && value !== null && value !== pathId) {
          throw new SystemHttpError(400, 'ID_MISMATCH', `${def.idField} in the body (${String(value)}) differs from the path (${pathId})`);
        }
      } else if (key === this.definition.updatedAtField) {
        continue;
      } else if (key in def.fields) {
        out[key] = value;
      } else {
        unknown.push(key);
      }
    }
    if (unknown.length) throw validationError(unknown.map((field) => ({ field, message: 'is not a known field' })));
    return out;
  }

  private check(def: EntityDefinition, fields: StoredRecord, provided: Set<string>, selfId?: string): void {
    const issues = Object.entries(def.fields).flatMap(([name, spec]) => checkField(spec, fields[name], name));
    if (issues.length) throw validationError(issues);
    def.complete?.(fields, { provided, get: (entity, id) => this.get(entity, id) });
    for (const field of def.unique ?? []) {
      const value = fields[field];
      if (value === null || value === undefined) continue;
      const clash = [...this.table(def.name).values()].find(
        (r) => r[def.idField] !== selfId && matches(r[field], String(value)),
      );
      if (clash) {
        throw new SystemHttpError(409, 'DUPLICATE', `${def.name} ${String(clash[def.idField])} already has ${field} "${String(value)}"`);
      }
    }
  }

  private save(def: EntityDefinition, id: string, fields: StoredRecord, type: ChangeType): StoredRecord {
    const at = this.nextUpdatedAt(def, id);
    const record: StoredRecord = { [def.idField]: id, ...fields, [this.definition.updatedAtField]: at };
    this.table(def.name).set(id, record);
    this.emit({ entity: def.name, type, record: structuredClone(record), at });
    return structuredClone(record);
  }

  /**
   * Now, but later than the record's previous updated-at: it is the record's version (its entity-tag), so two
   * writes within one millisecond must not share it, or a conditional write could overwrite the other unseen.
   */
  private nextUpdatedAt(def: EntityDefinition, id: string): string {
    const now = this.now().getTime();
    const previous = this.table(def.name).get(id)?.[this.definition.updatedAtField];
    const after = typeof previous === 'string' ? Date.parse(previous) + 1 : Number.NEGATIVE_INFINITY;
    return new Date(Math.max(now, after)).toISOString();
  }

  private assertFilterable(def: EntityDefinition, field: string): void {
    if (field === def.idField || field === this.definition.updatedAtField) return;
    const spec = def.fields[field];
    if (!spec || !isScalar(spec)) {
      throw new SystemHttpError(400, 'INVALID_FILTER', `${def.name} cannot be filtered on "${field}"`);
    }
  }

  private emit(change: RecordChange): void {
    for (const listener of this.listeners) listener(change);
  }
}

function matches(value: unknown, wanted: string): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.toLowerCase() === wanted.toLowerCase();
  return String(value) === wanted;
}

function parseInstant(value: string): number {
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(ms)) {
    throw new SystemHttpError(400, 'INVALID_QUERY', `updatedSince must be an ISO 8601 time, got "${value}"`);
  }
  return ms;
}
