/**
 * The system's record for a golden record, as a LATERAL subquery over a key row `<alias>(system, entity_type,
 * golden_id)`: its cross-reference, preferring one whose source record is not deleted, then its own over one a
 * steward's merge brought in (the system then holds both; see onMerge), then the newest (a record the hub
 * re-created after the system lost it has two).
 *
 * Written so that the plan does not depend on statistics: a fresh hub fills xref and source_record from nothing in
 * seconds, and on statistics still saying "empty" PostgreSQL probed xref by its primary key's (system,
 * entity_type) prefix and joined source_record the same way, reading every record of the system per key
 * (1,045 ms instead of 4 ms for 500 keys over 10,000 records; docs/decision-stats-proof-lookups.md). The
 * xref_golden_system index matches all three key columns, and source_record is probed per cross-reference by its
 * whole primary key (LIMIT 1 keeps the subquery from being flattened into a join the planner may reorder).
 */
export function heldRecordQuery(alias: string): string {
  return `
  SELECT x.external_id, s.deleted, s.data
    FROM xref x
    LEFT JOIN LATERAL (SELECT sr.deleted, sr.data FROM source_record sr
                        WHERE sr.system = x.system AND sr.entity_type = x.entity_type AND sr.external_id = x.external_id
                        LIMIT 1) s ON true
   WHERE x.golden_id = ${alias}.golden_id AND x.system = ${alias}.system AND x.entity_type = ${alias}.entity_type
   ORDER BY (s.deleted IS TRUE), (x.merged_from IS NOT NULL), x.created_at DESC, x.external_id
   LIMIT 1`;
}
