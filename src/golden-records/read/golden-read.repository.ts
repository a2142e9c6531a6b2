import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PLAN_PER_CALL } from '../../database/prepared-statements';
import type { GoldenRecordRow, GoldenVersionRow, SourceRefRow } from './golden-read.types';
import { type GoldenSearch, goldenSearchQuery } from './golden-search';

/** Must stay identical to the expression of the golden_record_search index (migration ConsoleReads). */
const SEARCH_VECTOR = `jsonb_to_tsvector('simple'::regconfig, data, '["string"]'::jsonb)`;

const RECORD_COLUMNS = 'id, entity_type, version, deleted, data, lineage, created_at, updated_at';
/** A tombstone a steward merged away names its survivor in the cause of its current version. */
const MERGED_INTO = (g: string) => `CASE WHEN ${g}.deleted THEN (SELECT v.cause ->> 'mergedInto' FROM golden_version v
  WHERE v.golden_id = ${g}.id AND v.version = ${g}.version) END AS merged_into`;
const VERSION_COLUMNS = 'golden_id, version, deleted, data, diff, cause, created_at';

export interface RecordListQuery {
  entityType: string;
  filter?: Record<string, unknown>;
  /** word prefixes over the record's strings, or a source-id prefix; `hidden` fields must not be matched on */
  search?: GoldenSearch & { hidden: string[] };
  afterId?: string;
  includeDeleted: boolean;
  limit: number;
}

/** Read-only SQL over golden_record, golden_version, xref and source_record. Never writes. */
@Injectable()
export class GoldenReadRepository {
  constructor(private readonly db: DataSource) {}

  async recordsByIds(ids: string[]): Promise<GoldenRecordRow[]> {
    if (ids.length === 0) return [];
    return this.db.query(`SELECT ${RECORD_COLUMNS}, ${MERGED_INTO('golden_record')} FROM golden_record WHERE id = ANY($1::uuid[])`, [ids]);
  }

  async recordBySource(system: string, entityType: string, externalId: string): Promise<GoldenRecordRow | null> {
    const rows: GoldenRecordRow[] = await this.db.query(
      `SELECT ${RECORD_COLUMNS.split(', ').map((c) => `g.${c}`).join(', ')}, ${MERGED_INTO('g')}
         FROM xref x JOIN golden_record g ON g.id = x.golden_id
        WHERE x.system = $1 AND x.entity_type = $2 AND x.external_id = $3`,
      [system, entityType, externalId],
    );
    return rows[0] ?? null;
  }

  /** Keyset page ordered by id: stable under concurrent inserts, and served by golden_record_type_id. */
  listRecords(q: RecordListQuery): Promise<GoldenRecordRow[]> {
    const params: unknown[] = [q.entityType];
    const where = ['entity_type = $1'];
    if (q.filter && Object.keys(q.filter).length > 0) {
      params.push(JSON.stringify(q.filter));
      where.push(`data @> $${params.length}::jsonb`);
    }
    if (q.search) {
      params.push(q.search.words);
      const tsq = goldenSearchQuery(`$${params.length}`);
      // The index finds candidates over every string; for a caller who may not see some fields, a candidate must
      // also match without them.
      let words = `${SEARCH_VECTOR} @@ ${tsq}`;
      if (q.search.hidden.length) {
        params.push(q.search.hidden);
        words += ` AND jsonb_to_tsvector('simple'::regconfig, data - $${params.length}::text[], '["string"]'::jsonb) @@ ${tsq}`;
      }
      params.push(q.search.idPrefix);
      // A UNION of ids, not an OR: each side keeps its own index (the GIN above, xref_external_id_prefix).
      where.push(`id IN (SELECT id FROM golden_record WHERE entity_type = $1 AND ${words}
                         UNION SELECT golden_id FROM xref WHERE entity_type = $1 AND lower(external_id) LIKE $${params.length})`);
    }
    if (!q.includeDeleted) where.push('NOT deleted');
    if (q.afterId) {
      params.push(q.afterId);
      where.push(`id > $${params.length}::uuid`);
    }
    params.push(q.limit);
    // A filter's selectivity decides between the GIN index and walking the id index (database/prepared-statements).
    const planning = q.filter && Object.keys(q.filter).length > 0 ? PLAN_PER_CALL : '';
    return this.db.query(
      `${planning}SELECT ${RECORD_COLUMNS}, ${MERGED_INTO('golden_record')} FROM golden_record WHERE ${where.join(' AND ')} ORDER BY id LIMIT $${params.length}`,
      params,
    );
  }

  async sourcesOf(ids: string[]): Promise<Map<string, SourceRefRow[]>> {
    const rows: SourceRefRow[] = await this.db.query(
      `SELECT x.golden_id, x.system, x.external_id, x.created_at AS linked_at,
              s.data, s.deleted, s.source_updated_at, s.updated_at
         FROM xref x
         LEFT JOIN source_record s USING (system, entity_type, external_id)
        WHERE x.golden_id = ANY($1::uuid[])
        ORDER BY x.system, x.external_id`,
      [ids],
    );
    return groupBy(rows, (r) => r.golden_id);
  }

  /**
   * Oldest first, per record: the versions after `afterVersion`, at most `limit` of each record (one query for a
   * whole page of records).
   */
  async versionsOf(ids: string[], afterVersion: number, limit: number): Promise<Map<string, GoldenVersionRow[]>> {
    const rows: GoldenVersionRow[] = await this.db.query(
      `SELECT ${VERSION_COLUMNS} FROM (
         SELECT *, row_number() OVER (PARTITION BY golden_id ORDER BY version) AS rn
           FROM golden_version WHERE golden_id = ANY($1::uuid[]) AND version > $2) v
        WHERE rn <= $3 ORDER BY golden_id, version`,
      [ids, afterVersion, limit],
    );
    return groupBy(rows, (r) => r.golden_id);
  }

  versionsByNumber(id: string, versions: number[]): Promise<GoldenVersionRow[]> {
    return this.db.query(
      `SELECT ${VERSION_COLUMNS} FROM golden_version WHERE golden_id = $1 AND version = ANY($2::int[])`,
      [id, versions],
    );
  }

  /**
   * The version in force at `at`. Compared at millisecond precision because the API reports version times in
   * milliseconds: asking "as of" a version's own reported time must return that version, not the one before.
   * Versions written in one transaction share created_at; the highest number is the one in force.
   */
  async versionAt(id: string, at: Date): Promise<GoldenVersionRow | null> {
    const rows: GoldenVersionRow[] = await this.db.query(
      `SELECT ${VERSION_COLUMNS} FROM golden_version
        WHERE golden_id = $1 AND date_trunc('milliseconds', created_at) <= $2::timestamptz
        ORDER BY version DESC LIMIT 1`,
      [id, at.toISOString()],
    );
    return rows[0] ?? null;
  }
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}
