import type { EntityManager } from 'typeorm';
import type { AlertFacts } from './domain/alert-conditions';
import type { AlertSettings } from './domain/alert-rules';

/**
 * What the rules look at, read from the tables of the modules that own them (conflicts, inbox, outbox, sync runs).
 * Reads only, for an operator view (docs/architecture.md): each is one aggregate over an indexed range.
 */
export async function readAlertFacts(m: EntityManager, settings: AlertSettings, lastSync: () => Promise<Map<string, string | null>>): Promise<AlertFacts> {
  // One after another: `m` is the evaluator's transaction, one connection, and a connection runs one statement at a
  // time anyway (pg queues concurrent calls on a client, deprecated since pg 8.x and removed in pg 9).
  const conflicts = settings.conflicts.enabled
    ? await counts(m, `SELECT entity_type AS k, count(*) AS n FROM conflict WHERE created_at > now() - $1::int * interval '1 millisecond' GROUP BY entity_type`,
      [settings.conflicts.windowMs])
    : new Map<string, number>();
  const rejected = settings.rejectedEvents.enabled
    // every status listed: the (status, received_at) index serves the window
    ? await counts(m, `SELECT system AS k, count(*) AS n FROM inbox_event
                  WHERE status = 'rejected' AND received_at > now() - $1::int * interval '1 millisecond' GROUP BY system`,
      [settings.rejectedEvents.windowMs])
    : new Map<string, number>();
  const outbox = await m.query<{ system: string; dead: string; paused: string }[]>(`SELECT system, count(*) FILTER (WHERE status = 'dead') AS dead,
                  count(*) FILTER (WHERE status = 'paused' AND last_code = 'CIRCUIT_OPEN') AS paused
             FROM outbox WHERE status IN ('dead', 'paused') GROUP BY system`);
  const guarded = settings.massDeleteGuard ? await guardedReconciliations(m) : new Map<string, string>();
  const last = settings.noSyncAfterMs !== null ? await lastSync() : null;
  return {
    conflicts,
    rejected,
    dead: new Map(outbox.map((r) => [r.system, Number(r.dead)])),
    paused: new Map(outbox.map((r) => [r.system, Number(r.paused)])),
    guarded,
    lastSync: last,
  };
}

/** The latest reconciliation of each system and entity type, when the mass-delete guard stopped it. */
async function guardedReconciliations(m: EntityManager): Promise<Map<string, string>> {
  const rows: { system: string; entity_type: string; status: string; errors: { code?: string; message?: string }[] }[] = await m.query(
    `SELECT DISTINCT ON (system, entity_type) system, entity_type, status, errors
       FROM sync_run WHERE kind = 'reconcile' AND status <> 'running'
      ORDER BY system, entity_type, started_at DESC`,
  );
  const out = new Map<string, string>();
  for (const r of rows) {
    const guard = r.status === 'aborted' ? r.errors.find((e) => e.code === 'MASS_DELETE_GUARD') : undefined;
    if (guard) out.set(`${r.system}/${r.entity_type}`, guard.message ?? 'too many records would be deleted');
  }
  return out;
}

async function counts(m: EntityManager, sql: string, params: unknown[]): Promise<Map<string, number>> {
  const rows: { k: string; n: string }[] = await m.query(sql, params);
  return new Map(rows.map((r) => [r.k, Number(r.n)]));
}
