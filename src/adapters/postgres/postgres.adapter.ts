import pg from 'pg';
import type { AdapterConfig, SystemEntityConfig } from '../../config/hub-config.schema';
import { AdapterError, adapterClosedError } from '../adapter.error';
import { versionField } from '../../config/conditional-writes';
import { toAdapterRecord } from '../adapter-record.util';
import type { AdapterRecord, ListChangesPage, ListChangesQuery, SystemAdapter, WriteOptions } from '../adapter.types';
import { decodeCursor, encodeCursor } from './postgres-cursor';
import { toAdapterError } from './postgres-errors';
import { type TableInfo, TableCatalog } from './postgres-table';
import { pgTypes } from './postgres-types';
import { batchKey, hasRepeatedIds, insertRows, type RowWrite, updateRows } from './postgres-batch';
import { WriteBatcher } from '../write-batcher';

export type PostgresAdapterConfig = Extract<AdapterConfig, { type: 'postgres' }>;

const POOL_SIZE = 3;
const LIST_IDS_PAGE_SIZE = 1000;
/** Rows per multi-row statement: the delivery worker's calls made together are written at once. */
const WRITE_BATCH_ROWS = 500;
const q = pg.escapeIdentifier;

/**
 * A table in another PostgreSQL database: the table is the entity's `name`, its id column the entity's
 * `id`, its watermark column the entity's `updatedAt`. The hub's writes do not set the watermark; the
 * table keeps it (default or trigger), as it does for every other writer.
 */
export class PostgresAdapter implements SystemAdapter {
  private readonly pool: pg.Pool;
  private readonly tables: TableCatalog;
  private readonly conditionalWrites: boolean;
  private closed = false;
  readonly batchesWrites = true;
  private readonly batcher = new WriteBatcher<RowWrite, AdapterRecord | null>((_key, writes) => this.writeMany(writes), WRITE_BATCH_ROWS);

  constructor(
    readonly system: string,
    config: PostgresAdapterConfig,
  ) {
    this.pool = new pg.Pool({
      connectionString: config.url,
      max: POOL_SIZE,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: 10_000,
      statement_timeout: 30_000,
      options: '-c TimeZone=UTC',
      application_name: 'master-data-hub',
      types: pgTypes,
    });
    // An idle connection dropped by the server emits here; without a listener the process would exit.
    this.pool.on('error', () => undefined);
    this.tables = new TableCatalog(this.pool, config.schema ?? 'public');
    this.conditionalWrites = config.conditionalWrites === true;
  }

  async create(entity: SystemEntityConfig, record: Record<string, unknown>, _opts: WriteOptions): Promise<AdapterRecord> {
    if (this.closed) throw adapterClosedError(this.system);
    const write: RowWrite = { kind: 'create', entity, record: Object.fromEntries(definedEntries(record)) };
    return (await this.batcher.submit(batchKey(write), write))!;
  }

  private createOne(entity: SystemEntityConfig, record: Record<string, unknown>): Promise<AdapterRecord> {
    return this.run(`create ${entity.name}`, async () => {
      const entries = definedEntries(record);
      const t = await this.tables.withColumns(entity.name, [entity.id, ...entries.map(([c]) => c)]);
      const values = entries.map(([c, v]) => toParam(t, c, v));
      let sql: string;
      if (entries.length === 0) {
        sql = `INSERT INTO ${t.sql} DEFAULT VALUES RETURNING *`;
      } else {
        const cols = entries.map(([c]) => q(c));
        sql = `INSERT INTO ${t.sql} (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`;
        // With its id given, a create retried after a lost answer converges on one row instead of failing.
        if (entries.some(([c]) => c === entity.id) && t.uniqueColumns.has(entity.id)) {
          const set = cols.filter((_, i) => entries[i][0] !== entity.id).map((c) => `${c} = EXCLUDED.${c}`);
          sql += ` ON CONFLICT (${q(entity.id)}) DO UPDATE SET ${set.length ? set.join(', ') : `${q(entity.id)} = EXCLUDED.${q(entity.id)}`}`;
        }
        sql += ' RETURNING *';
      }
      const res = await this.pool.query<Record<string, unknown>>(sql, values);
      return toAdapterRecord(entity, res.rows[0]);
    });
  }

  async update(
    entity: SystemEntityConfig,
    externalId: string,
    record: Record<string, unknown>,
    opts: WriteOptions,
  ): Promise<AdapterRecord | null> {
    if (this.closed) throw adapterClosedError(this.system);
    // Conditional updates stay single: a refused one is told apart from a missing row by its own read.
    if (this.conditionalWrites && opts.ifVersion !== undefined) return this.updateOne(entity, externalId, record, opts);
    const entries = definedEntries(record).filter(([c]) => c !== entity.id);
    if (entries.length === 0) return this.updateOne(entity, externalId, record, opts);
    const write: RowWrite = { kind: 'update', entity, externalId, record: Object.fromEntries(entries) };
    return this.batcher.submit(batchKey(write), write);
  }

  private updateOne(
    entity: SystemEntityConfig,
    externalId: string,
    record: Record<string, unknown>,
    opts: WriteOptions,
  ): Promise<AdapterRecord | null> {
    return this.run(`update ${entity.name}`, async () => {
      // The id identifies the row; it is never rewritten.
      const entries = definedEntries(record).filter(([c]) => c !== entity.id);
      const versionCol = this.conditionalWrites && opts.ifVersion !== undefined ? versionField(entity) : undefined;
      const t = await this.tables.withColumns(entity.name, [entity.id, ...entries.map(([c]) => c), ...(versionCol ? [versionCol] : [])]);
      if (entries.length === 0) return this.selectOne(t, entity, entity.id, externalId);
      const set = entries.map(([c], i) => `${q(c)} = $${i + 2}`).join(', ');
      const params = [externalId, ...entries.map(([c, v]) => toParam(t, c, v))];
      // Conditional: the row must still be at the version the hub last saw (the column's own type compares it).
      const condition = versionCol ? ` AND ${q(versionCol)} = $${params.push(opts.ifVersion)}` : '';
      const res = await this.pool.query<Record<string, unknown>>(
        `UPDATE ${t.sql} SET ${set} WHERE ${q(entity.id)} = $1${condition} RETURNING *`,
        params,
      );
      if (res.rows[0]) return toAdapterRecord(entity, res.rows[0]);
      if (versionCol && (await this.selectOne(t, entity, entity.id, externalId))) {
        throw new AdapterError(`${entity.name} ${externalId} changed in ${this.system} since version ${opts.ifVersion}`, {
          retryable: true,
          code: 'SYSTEM_CHANGED',
        });
      }
      return null;
    });
  }

  delete(entity: SystemEntityConfig, externalId: string, _opts: WriteOptions): Promise<void> {
    return this.run(`delete ${entity.name}`, async () => {
      const t = await this.tables.withColumns(entity.name, [entity.id]);
      // Zero rows deleted is success: the row is already gone.
      await this.pool.query(`DELETE FROM ${t.sql} WHERE ${q(entity.id)} = $1`, [externalId]);
    });
  }

  get(entity: SystemEntityConfig, externalId: string): Promise<AdapterRecord | null> {
    return this.run(`get ${entity.name}`, async () => {
      const t = await this.tables.withColumns(entity.name, [entity.id]);
      return this.selectOne(t, entity, entity.id, externalId);
    });
  }

  findBy(entity: SystemEntityConfig, field: string, value: unknown): Promise<AdapterRecord | null> {
    return this.run(`findBy ${entity.name}.${field}`, async () => {
      if (value === null || value === undefined) return null;
      const t = await this.tables.withColumns(entity.name, [entity.id, field]);
      return this.selectOne(t, entity, field, toParam(t, field, value));
    });
  }

  listChanges(entity: SystemEntityConfig, query: ListChangesQuery): Promise<ListChangesPage> {
    return this.run(`listChanges ${entity.name}`, async () => {
      const updatedCol = entity.updatedAt;
      if (!updatedCol) {
        throw new AdapterError(`entity ${entity.name} has no updatedAt column configured for polling`, {
          retryable: false,
          code: 'PG_NO_WATERMARK_COLUMN',
        });
      }
      const t = await this.tables.withColumns(entity.name, [entity.id, updatedCol]);
      const position = query.cursor ? decodeCursor(query.cursor) : { since: query.since, afterId: query.afterId };
      const upd = q(updatedCol);
      // Ordered and compared as one (watermark, id) tuple, so rows sharing a timestamp are split across
      // pages without a gap or a repeat. id as text in "C" collation: one total order for every id type.
      const id = `${q(entity.id)}::text COLLATE "C"`;
      const values: unknown[] = [];
      let where = `${upd} IS NOT NULL`;
      if (position.since !== null && position.afterId !== undefined) {
        values.push(position.since, position.afterId);
        where = `(${upd}, ${id}) > ($1, $2)`;
      } else if (position.since !== null) {
        values.push(position.since);
        where = `${upd} >= $1`;
      }
      const limit = Math.max(1, Math.floor(query.limit));
      values.push(limit);
      const res = await this.pool.query<Record<string, unknown>>(
        `SELECT * FROM ${t.sql} WHERE ${where} ORDER BY ${upd}, ${id} LIMIT $${values.length}`,
        values,
      );
      const records = res.rows.map((row) => toAdapterRecord(entity, row));
      if (res.rows.length < limit) return { records };
      const last = res.rows[res.rows.length - 1];
      return { records, next: encodeCursor(String(last[updatedCol]), String(last[entity.id])) };
    });
  }

  async *listIds(entity: SystemEntityConfig): AsyncIterable<string> {
    const t = await this.run(`listIds ${entity.name}`, () => this.tables.withColumns(entity.name, [entity.id]));
    const id = `${q(entity.id)}::text COLLATE "C"`;
    let after: string | null = null;
    for (;;) {
      const res: pg.QueryResult<{ id: string }> = await this.run(`listIds ${entity.name}`, () =>
        this.pool.query<{ id: string }>(
          `SELECT ${id} AS id FROM ${t.sql} WHERE $1::text IS NULL OR ${id} > $1 ORDER BY ${id} LIMIT ${LIST_IDS_PAGE_SIZE}`,
          [after],
        ),
      );
      for (const row of res.rows) yield row.id;
      if (res.rows.length < LIST_IDS_PAGE_SIZE) return;
      after = res.rows[res.rows.length - 1].id;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Pool.end waits for checked-out clients, so statements already running finish.
    await this.pool.end();
  }

  /**
   * Writes gathered by the batcher (one table, one kind, the same columns) in one statement. When it fails (a
   * constraint, a bad value), each half is tried on its own, down to single writes: only the faulty ones fail,
   * with their own error, and the others still share a few statements.
   */
  private async writeMany(writes: RowWrite[]): Promise<(AdapterRecord | null | Error)[]> {
    const first = writes[0];
    const { entity } = first;
    const cols = Object.keys(first.record);
    const ids = writes.map((w) => (w.kind === 'update' ? w.externalId : w.record[entity.id]));
    const keyed = first.kind === 'update' || cols.includes(entity.id);
    if (writes.length === 1 || cols.length === 0 || (keyed && hasRepeatedIds(ids))) {
      return Promise.all(writes.map((w) => this.writeOne(w).catch((err: unknown) => err as Error)));
    }
    let rows: (Record<string, unknown> | null)[];
    try {
      const t = await this.run(`write ${entity.name}`, () => this.tables.withColumns(entity.name, [entity.id, ...cols]));
      rows = first.kind === 'create'
        ? await insertRows(this.pool, t, entity, cols, writes.map((w) => w.record))
        : await updateRows(this.pool, t, entity, cols, writes.map((w) => ({ externalId: (w as Extract<RowWrite, { kind: 'update' }>).externalId, record: w.record })));
    } catch {
      const half = Math.ceil(writes.length / 2);
      return [...(await this.writeMany(writes.slice(0, half))), ...(await this.writeMany(writes.slice(half)))];
    }
    return rows.map((r, i) => (r ? toAdapterRecord(entity, r) : writes[i].kind === 'create' ? new Error('row not returned') : null));
  }

  private writeOne(w: RowWrite): Promise<AdapterRecord | null> {
    return w.kind === 'create' ? this.createOne(w.entity, w.record) : this.updateOne(w.entity, w.externalId, w.record, { idempotencyKey: '' });
  }

  private async selectOne(t: TableInfo, entity: SystemEntityConfig, column: string, value: unknown): Promise<AdapterRecord | null> {
    const res = await this.pool.query<Record<string, unknown>>(
      `SELECT * FROM ${t.sql} WHERE ${q(column)} = $1 ORDER BY ${q(entity.id)} LIMIT 1`,
      [value],
    );
    return res.rows[0] ? toAdapterRecord(entity, res.rows[0]) : null;
  }

  private async run<T>(where: string, work: () => Promise<T>): Promise<T> {
    if (this.closed) throw adapterClosedError(this.system);
    try {
      return await work();
    } catch (err) {
      if (this.closed && !(err instanceof AdapterError)) throw adapterClosedError(this.system);
      throw toAdapterError(err, `${this.system} ${where}`);
    }
  }
}

/** Absent fields are left alone, as everywhere in the hub; null is written as NULL. */
function definedEntries(record: Record<string, unknown>): [string, unknown][] {
  return Object.entries(record).filter(([, v]) => v !== undefined);
}

/** pg would send a JS array as a PostgreSQL array; json columns need the JSON text instead. */
function toParam(t: TableInfo, column: string, value: unknown): unknown {
  const type = t.columns.get(column);
  if ((type === 'json' || type === 'jsonb') && value !== null) return JSON.stringify(value);
  return value;
}
