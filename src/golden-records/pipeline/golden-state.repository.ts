import type { EntityManager } from 'typeorm';
import { jsonColumn } from '../../database/json-column';
import type { CanonicalRecord } from '../../catalog/catalog.types';
import type { LineageEntry } from '../domain';
import type { ConflictRow, GoldenRow, SourceRow, VersionRow } from './pipeline.types';

/**
 * Bulk reads and writes of golden state for one batch: a fixed handful of statements however large the batch.
 *
 * Lookups by key are written as LATERAL subqueries with LIMIT 1: the planner cannot flatten those into a join,
 * so each key stays one index probe. As plain joins, statistics gone stale on a fast-growing table (a bulk
 * load, a new deployment) made the planner pick hash or merge joins that scan the whole table every batch.
 */

export interface XrefKey {
  system: string;
  entityType: string;
  externalId: string;
}

/** Cross-references with the version their golden record had when read (unlocked), to detect a move later. */
export async function loadXrefs(m: EntityManager, keys: XrefKey[]): Promise<{ key: XrefKey; goldenId: string; goldenVersion: number | null }[]> {
  if (keys.length === 0) return [];
  const rows: { system: string; entity_type: string; external_id: string; golden_id: string; version: number | null }[] = await m.query(
    `SELECT k.system, k.entity_type, k.external_id, x.golden_id, (SELECT version FROM golden_record WHERE id = x.golden_id) AS version
       FROM unnest($1::text[], $2::text[], $3::text[]) AS k(system, entity_type, external_id)
       CROSS JOIN LATERAL (SELECT golden_id FROM xref
                            WHERE system = k.system AND entity_type = k.entity_type AND external_id = k.external_id LIMIT 1) x`,
    [keys.map((k) => k.system), keys.map((k) => k.entityType), keys.map((k) => k.externalId)],
  );
  return rows.map((r) => ({ key: { system: r.system, entityType: r.entity_type, externalId: r.external_id }, goldenId: r.golden_id, goldenVersion: r.version }));
}

/**
 * Serialises creation per normalised match key across workers and replicas, so two events for the same new
 * person cannot create two golden records. Locks are taken in sorted order: no deadlock between batches.
 */
export async function lockAndLoadMatchKeys(
  m: EntityManager,
  keys: { entityType: string; key: string }[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (keys.length === 0) return found;
  const unique = [...new Set(keys.map((k) => `${k.entityType}\u0000${k.key}`))].sort().map((u) => u.split('\u0000'));
  const types = unique.map((u) => u[0]);
  const values = unique.map((u) => u[1]);
  await m.query(
    `SELECT pg_advisory_xact_lock(hashtextextended(t.entity_type || ':' || t.key, 7))
       FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(entity_type, key, n) ORDER BY n`,
    [types, values],
  );
  const rows: { entity_type: string; key: string; golden_id: string }[] = await m.query(
    `SELECT k.entity_type, k.key, mk.golden_id
       FROM unnest($1::text[], $2::text[]) AS k(entity_type, key)
       CROSS JOIN LATERAL (SELECT golden_id FROM match_key WHERE entity_type = k.entity_type AND key = k.key LIMIT 1) mk`,
    [types, values],
  );
  for (const r of rows) found.set(`${r.entity_type}\u0000${r.key}`, r.golden_id);
  return found;
}

/** Row locks in id order, so concurrent batches touching the same records queue instead of deadlocking. */
export async function lockGoldenRecords(m: EntityManager, ids: string[]): Promise<GoldenRow[]> {
  if (ids.length === 0) return [];
  const rows: RawGolden[] = await m.query(
    `SELECT id, entity_type, version, deleted, data, lineage, updated_at
       FROM golden_record WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
    [ids],
  );
  return rows.map((r) => ({
    id: r.id,
    entityType: r.entity_type,
    version: r.version,
    deleted: r.deleted,
    data: r.data,
    lineage: r.lineage,
    updatedAt: r.updated_at.toISOString(),
  }));
}

export async function loadSourceRecords(m: EntityManager, goldenIds: string[]): Promise<SourceRow[]> {
  if (goldenIds.length === 0) return [];
  const rows: RawSource[] = await m.query(
    `SELECT system, entity_type, external_id, golden_id, data, synced, received_hash, source_updated_at, deleted
       FROM source_record WHERE golden_id = ANY($1::uuid[])`,
    [goldenIds],
  );
  return rows.map((r) => ({
    system: r.system,
    entityType: r.entity_type,
    externalId: r.external_id,
    goldenId: r.golden_id,
    data: r.data,
    synced: r.synced,
    receivedHash: r.received_hash,
    sourceUpdatedAt: r.source_updated_at ? r.source_updated_at.toISOString() : null,
    deleted: r.deleted,
  }));
}

export interface BatchWrites {
  insertGolden: GoldenRow[];
  updateGolden: GoldenRow[];
  versions: VersionRow[];
  xrefs: { system: string; entityType: string; externalId: string; goldenId: string }[];
  sources: SourceRow[];
  /** match keys a record no longer produces (its key fields changed, or it was tombstoned) */
  dropKeys: { entityType: string; key: string; goldenId: string }[];
  matchKeys: { entityType: string; key: string; goldenId: string }[];
  conflicts: ConflictRow[];
}

/** JSON columns are sent whole (database/json-column.ts): row n's value is `$k::jsonb -> (u.n::int - 1)`. */
export async function writeBatch(m: EntityManager, w: BatchWrites): Promise<void> {
  const j = (v: unknown) => JSON.stringify(v);
  if (w.insertGolden.length) {
    await m.query(
      `INSERT INTO golden_record (id, entity_type, version, deleted, data, lineage)
       SELECT u.id, u.entity_type, u.version, u.deleted, $5::jsonb -> (u.n::int - 1), $6::jsonb -> (u.n::int - 1)
         FROM unnest($1::uuid[], $2::text[], $3::int[], $4::bool[]) WITH ORDINALITY AS u(id, entity_type, version, deleted, n)`,
      golden(w.insertGolden),
    );
  }
  if (w.updateGolden.length) {
    await m.query(
      `UPDATE golden_record g
          SET entity_type = u.entity_type, version = u.version, deleted = u.deleted, data = $5::jsonb -> (u.n::int - 1),
              lineage = $6::jsonb -> (u.n::int - 1), updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::int[], $4::bool[]) WITH ORDINALITY AS u(id, entity_type, version, deleted, n)
        WHERE g.id = u.id`,
      golden(w.updateGolden),
    );
  }
  if (w.versions.length) {
    await m.query(
      `INSERT INTO golden_version (golden_id, version, deleted, data, diff, cause)
       SELECT u.golden_id, u.version, u.deleted, $4::jsonb -> (u.n::int - 1), $5::jsonb -> (u.n::int - 1), $6::jsonb -> (u.n::int - 1)
         FROM unnest($1::uuid[], $2::int[], $3::bool[]) WITH ORDINALITY AS u(golden_id, version, deleted, n)`,
      [
        w.versions.map((v) => v.goldenId), w.versions.map((v) => v.version), w.versions.map((v) => v.deleted),
        jsonColumn(w.versions.map((v) => v.data)), jsonColumn(w.versions.map((v) => v.diff)), jsonColumn(w.versions.map((v) => v.cause)),
      ],
    );
  }
  if (w.xrefs.length) {
    await m.query(
      `INSERT INTO xref (system, entity_type, external_id, golden_id)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[]) ON CONFLICT DO NOTHING`,
      [w.xrefs.map((x) => x.system), w.xrefs.map((x) => x.entityType), w.xrefs.map((x) => x.externalId), w.xrefs.map((x) => x.goldenId)],
    );
  }
  if (w.sources.length) {
    await m.query(
      `INSERT INTO source_record (system, entity_type, external_id, golden_id, data, synced, received_hash, source_updated_at, deleted)
       SELECT u.system, u.entity_type, u.external_id, u.golden_id, $5::jsonb -> (u.n::int - 1), $6::jsonb -> (u.n::int - 1),
              u.received_hash, u.source_updated_at, u.deleted
         FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $7::text[], $8::timestamptz[], $9::bool[])
              WITH ORDINALITY AS u(system, entity_type, external_id, golden_id, received_hash, source_updated_at, deleted, n)
       ON CONFLICT (system, entity_type, external_id) DO UPDATE
          SET golden_id = EXCLUDED.golden_id, data = EXCLUDED.data, synced = EXCLUDED.synced,
              received_hash = EXCLUDED.received_hash, source_updated_at = EXCLUDED.source_updated_at,
              deleted = EXCLUDED.deleted, updated_at = now()`,
      [
        w.sources.map((s) => s.system), w.sources.map((s) => s.entityType), w.sources.map((s) => s.externalId),
        w.sources.map((s) => s.goldenId), jsonColumn(w.sources.map((s) => s.data)), jsonColumn(w.sources.map((s) => s.synced)),
        w.sources.map((s) => s.receivedHash), w.sources.map((s) => s.sourceUpdatedAt), w.sources.map((s) => s.deleted),
      ],
    );
  }
  if (w.dropKeys.length) {
    // Only the keys this record's own values stopped producing: keys a steward merge moved here stay.
    await m.query(
      `DELETE FROM match_key mk USING unnest($1::text[], $2::text[], $3::uuid[]) AS d(entity_type, key, golden_id)
        WHERE mk.entity_type = d.entity_type AND mk.key = d.key AND mk.golden_id = d.golden_id`,
      [w.dropKeys.map((k) => k.entityType), w.dropKeys.map((k) => k.key), w.dropKeys.map((k) => k.goldenId)],
    );
  }
  if (w.matchKeys.length) {
    // A key already held by another golden record is a probable duplicate: it stays with its first owner.
    await m.query(
      `INSERT INTO match_key (entity_type, key, golden_id)
       SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[]) ON CONFLICT DO NOTHING`,
      [w.matchKeys.map((k) => k.entityType), w.matchKeys.map((k) => k.key), w.matchKeys.map((k) => k.goldenId)],
    );
  }
  if (w.conflicts.length) {
    const c = w.conflicts;
    await m.query(
      `INSERT INTO conflict (id, golden_id, entity_type, field, status, rule, candidates, winner, winning_value, golden_version, event_id)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::text[], $9::jsonb[], $10::int[], $11::bigint[])`,
      [
        c.map((x) => x.id), c.map((x) => x.goldenId), c.map((x) => x.entityType), c.map((x) => x.field),
        c.map((x) => x.status), c.map((x) => x.rule), c.map((x) => j(x.candidates)), c.map((x) => x.winner),
        c.map((x) => (x.winningValue === undefined ? null : j(x.winningValue))), c.map((x) => x.goldenVersion), c.map((x) => x.eventId),
      ],
    );
  }
}

function golden(rows: GoldenRow[]): unknown[] {
  return [
    rows.map((g) => g.id), rows.map((g) => g.entityType), rows.map((g) => g.version), rows.map((g) => g.deleted),
    jsonColumn(rows.map((g) => g.data)), jsonColumn(rows.map((g) => g.lineage)),
  ];
}

interface RawGolden {
  id: string;
  entity_type: string;
  version: number;
  deleted: boolean;
  data: CanonicalRecord;
  lineage: Record<string, LineageEntry>;
  updated_at: Date;
}

interface RawSource {
  system: string;
  entity_type: string;
  external_id: string;
  golden_id: string;
  data: CanonicalRecord;
  synced: CanonicalRecord;
  received_hash: string | null;
  source_updated_at: Date | null;
  deleted: boolean;
}
