import type { EntityManager } from 'typeorm';
import { jsonColumn } from '../../database/json-column';
import type { CanonicalRecord } from '../../catalog/catalog.types';
import { recordKey } from '../../common/record-key';

/**
 * What each system holds of each golden record, as other modules record it: cross-references (`xref`) for the
 * records the hub created or adopted in a system, and source records (`source_record`, the three-way merge base)
 * for what a delivery wrote. golden-records owns both tables (the pipeline and steward actions write them too);
 * this is the door the delivery module and polling use.
 */

/**
 * Row locks on golden records, in id order like the pipeline. The pipeline holds them while it writes source
 * records and enqueues outbox rows, so holding them serialises delivery bookkeeping with those writes: no
 * confirmed delivery overwritten by a batch that read the state before it, no outbox row enqueued between a
 * check and a write here.
 */
export async function lockGolden(m: EntityManager, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await m.query(`SELECT id FROM golden_record WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [[...new Set(ids)]]);
}

export interface NewXref {
  system: string;
  entityType: string;
  externalId: string;
  goldenId: string;
}

/** Links records the hub created or adopted; returns the ones owned by another golden record (not linked). */
export async function linkCreated(m: EntityManager, xrefs: NewXref[]): Promise<NewXref[]> {
  if (xrefs.length === 0) return [];
  const params = [xrefs.map((x) => x.system), xrefs.map((x) => x.entityType), xrefs.map((x) => x.externalId), xrefs.map((x) => x.goldenId)];
  await m.query(
    `INSERT INTO xref (system, entity_type, external_id, golden_id)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[]) ON CONFLICT DO NOTHING`,
    params,
  );
  const owners: { system: string; entity_type: string; external_id: string; golden_id: string }[] = await m.query(
    `SELECT x.system, x.entity_type, x.external_id, x.golden_id
       FROM unnest($1::text[], $2::text[], $3::text[]) AS k(system, entity_type, external_id)
       JOIN xref x USING (system, entity_type, external_id)`,
    params.slice(0, 3),
  );
  const owner = new Map(owners.map((o) => [recordKey(o.system, o.entity_type, o.external_id), o.golden_id]));
  return xrefs.filter((x) => owner.get(recordKey(x.system, x.entityType, x.externalId)) !== x.goldenId);
}

export interface SourceRef {
  system: string;
  entityType: string;
  externalId: string;
}

export interface StoredSource extends SourceRef {
  data: CanonicalRecord;
  synced: CanonicalRecord;
  sourceUpdatedAt: string | null;
  deleted: boolean;
}

export async function loadSources(m: EntityManager, refs: SourceRef[]): Promise<Map<string, StoredSource>> {
  const found = new Map<string, StoredSource>();
  if (refs.length === 0) return found;
  const rows: { system: string; entity_type: string; external_id: string; data: CanonicalRecord; synced: CanonicalRecord; source_updated_at: Date | null; deleted: boolean }[] =
    await m.query(
      `SELECT s.system, s.entity_type, s.external_id, s.data, s.synced, s.source_updated_at, s.deleted
         FROM unnest($1::text[], $2::text[], $3::text[]) AS k(system, entity_type, external_id)
         JOIN source_record s USING (system, entity_type, external_id)`,
      [refs.map((r) => r.system), refs.map((r) => r.entityType), refs.map((r) => r.externalId)],
    );
  for (const r of rows) {
    found.set(recordKey(r.system, r.entity_type, r.external_id), {
      system: r.system, entityType: r.entity_type, externalId: r.external_id, data: r.data, synced: r.synced,
      sourceUpdatedAt: r.source_updated_at?.toISOString() ?? null, deleted: r.deleted,
    });
  }
  return found;
}

export interface DeliveredSource extends SourceRef {
  goldenId: string;
  data: CanonicalRecord;
  synced: CanonicalRecord;
  sourceUpdatedAt: string;
}

/** The system now holds what was written: its source record (three-way merge base) moves there. */
export async function writeDeliveredSources(m: EntityManager, rows: DeliveredSource[]): Promise<void> {
  if (rows.length === 0) return;
  // JSON columns are sent whole (database/json-column.ts).
  await m.query(
    `INSERT INTO source_record (system, entity_type, external_id, golden_id, data, synced, source_updated_at, deleted)
     SELECT u.system, u.entity_type, u.external_id, u.golden_id, $5::jsonb -> (u.n::int - 1), $6::jsonb -> (u.n::int - 1), u.at, false
       FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $7::timestamptz[]) WITH ORDINALITY AS u(system, entity_type, external_id, golden_id, at, n)
     ON CONFLICT (system, entity_type, external_id) DO UPDATE
        SET golden_id = EXCLUDED.golden_id, data = EXCLUDED.data, synced = EXCLUDED.synced,
            source_updated_at = EXCLUDED.source_updated_at, deleted = false, updated_at = now()`,
    [
      rows.map((r) => r.system), rows.map((r) => r.entityType), rows.map((r) => r.externalId), rows.map((r) => r.goldenId),
      jsonColumn(rows.map((r) => r.data)), jsonColumn(rows.map((r) => r.synced)), rows.map((r) => r.sourceUpdatedAt),
    ],
  );
}

/** The hub deleted these records in their systems (or found them gone): the systems no longer hold them. */
export async function markSourcesDeleted(m: EntityManager, refs: SourceRef[]): Promise<void> {
  if (refs.length === 0) return;
  await m.query(
    `UPDATE source_record s SET deleted = true, updated_at = now()
       FROM unnest($1::text[], $2::text[], $3::text[]) AS k(system, entity_type, external_id)
      WHERE s.system = k.system AND s.entity_type = k.entity_type AND s.external_id = k.external_id AND NOT s.deleted`,
    [refs.map((r) => r.system), refs.map((r) => r.entityType), refs.map((r) => r.externalId)],
  );
}

/** A system's record the hub has linked: its golden record, and whether it is gone. */
export interface LinkedRecord {
  externalId: string;
  goldenId: string;
  /** the golden record is tombstoned, or the system's record is known to be deleted */
  gone: boolean;
}

/** The records of one system and entity type (or one of them) that have a cross-reference. */
export async function linkedRecords(m: EntityManager, system: string, entityType: string, externalId?: string): Promise<LinkedRecord[]> {
  const rows: { external_id: string; golden_id: string; gone: boolean }[] = await m.query(
    `SELECT x.external_id, x.golden_id, (g.deleted OR COALESCE(s.deleted, false)) AS gone
       FROM xref x
       JOIN golden_record g ON g.id = x.golden_id
       LEFT JOIN source_record s ON s.system = x.system AND s.entity_type = x.entity_type AND s.external_id = x.external_id
      WHERE x.system = $1 AND x.entity_type = $2 AND ($3::text IS NULL OR x.external_id = $3)`,
    [system, entityType, externalId ?? null],
  );
  return rows.map((r) => ({ externalId: r.external_id, goldenId: r.golden_id, gone: r.gone }));
}
