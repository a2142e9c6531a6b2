import type { EntityManager } from 'typeorm';
import { insertSyncRun, loadSyncRunCounts, reopenSyncRun, writeSyncRunCounts } from '../polling/sync-run.repository';
import {
  type ClaimedWindowRow, emptyTally, type SettledWindowRow, tallyClaimed, tallySettled, type WindowTally, windowStatus,
} from './domain/batch-window';
import type { SyncRunTrigger } from '../polling/sync-run.types';

/**
 * Batch windows and their sync runs (kind `batch-window`). A window is one `batch_window` row keyed by (system,
 * window time): the cron occurrence its rows were queued for (trigger `schedule`), or the moment a steward
 * flushed them (trigger `manual`, created by the flush). Its run is created by the first claim of one of its
 * rows; every claim and every recorded answer of its rows updates the run's counts; the answer that leaves no
 * row of the window pending or in flight ends it. All of it happens in the claim's or the recording's own
 * transaction, under the window row's lock, so replicas and claim batches add to one run, and a crash never
 * leaves a run without its counts. That is why the run is written through polling's sync-run.repository with
 * this transaction's manager, not through SyncRunService, whose writes are autocommitted.
 *
 * One run per window and system, with entity type null (a window sends every entity type of the system, like a
 * whole-system refresh); the counts per entity type are in `details.entityTypes`.
 */

export interface WindowKey {
  system: string;
  windowAt: Date;
}

export interface WindowChanges {
  /** rows claimed for the first time in their window */
  joined: (WindowKey & ClaimedWindowRow)[];
  /** rows whose first answer in their window is in (or that left it otherwise: paused, lease expired) */
  settled: (WindowKey & SettledWindowRow)[];
}

interface WindowGroup {
  key: WindowKey;
  joined: ClaimedWindowRow[];
  settled: SettledWindowRow[];
}

/** batch_window.trigger: a cron occurrence, or a steward's flush. */
type WindowTrigger = Extract<SyncRunTrigger, 'schedule' | 'manual'>;

interface LockedWindow {
  id: string;
  runId: string | null;
  trigger: WindowTrigger;
  triggeredBy: string | null;
}

/**
 * Applies what a claim or a recording did to the windows of its rows, windows locked in (system, time) order
 * and last in the transaction, after the golden, ledger and outbox locks, as every caller takes them.
 */
export async function updateWindows(m: EntityManager, changes: WindowChanges): Promise<void> {
  for (const group of groupByWindow(changes)) {
    const window = group.joined.length > 0 ? await openWindow(m, group.key) : await lockWindow(m, group.key);
    // Rows settled in a window that never started were not claimed through it (nothing to add them to).
    if (!window) continue;
    const runId = window.runId ?? (await startRun(m, window, group.key));
    let tally = await loadTally(m, runId);
    tally = tallySettled(tallyClaimed(tally, group.joined), group.settled);
    const ended = group.settled.length > 0 && !(await hasOpenRows(m, group.key));
    await writeTally(m, runId, tally, ended ? windowStatus(tally) : null);
    if (ended) await m.query(`UPDATE batch_window SET finished_at = now() WHERE id = $1::bigint`, [window.id]);
  }
}

/**
 * Ends started windows with nothing left to send whose last rows left without an answer (superseded while
 * waiting, moved to a later window by a flush). Skips windows another transaction is updating: it checks them
 * itself. Returns how many it ended.
 */
export async function finishIdleWindows(m: EntityManager): Promise<number> {
  const idle: { id: string; system: string; window_at: Date; run_id: string }[] = await m.query(
    `SELECT w.id::text AS id, w.system, w.window_at, w.run_id FROM batch_window w
      WHERE w.finished_at IS NULL AND w.run_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.system = w.system AND o.window_at = w.window_at AND o.status IN ('pending', 'in_flight'))
      ORDER BY w.system, w.window_at
      FOR UPDATE OF w SKIP LOCKED`,
  );
  let ended = 0;
  for (const w of idle) {
    if (await hasOpenRows(m, { system: w.system, windowAt: w.window_at })) continue;
    const tally = await loadTally(m, w.run_id);
    await writeTally(m, w.run_id, tally, windowStatus(tally));
    await m.query(`UPDATE batch_window SET finished_at = now() WHERE id = $1::bigint`, [w.id]);
    ended++;
  }
  return ended;
}

/**
 * A steward's flush, inside its transaction, after the flushed rows were given `window_at` = FLUSH_WINDOW_AT: the
 * manual window they are sent in. A flush that found nothing to send is recorded at once as an empty run.
 */
export async function openManualWindow(m: EntityManager, system: string, triggeredBy: string, rows: number): Promise<void> {
  const [w]: { id: string; window_at: Date }[] = await m.query(
    `INSERT INTO batch_window (system, window_at, trigger, triggered_by) VALUES ($1, ${FLUSH_WINDOW_AT}, 'manual', $2)
     ON CONFLICT (system, window_at) DO UPDATE SET trigger = 'manual', triggered_by = EXCLUDED.triggered_by
     RETURNING id::text AS id, window_at`,
    [system, triggeredBy],
  );
  if (rows > 0) return;
  const runId = await startRun(m, { id: w.id, runId: null, trigger: 'manual', triggeredBy }, { system, windowAt: w.window_at });
  await writeTally(m, runId, emptyTally(), 'succeeded');
  await m.query(`UPDATE batch_window SET finished_at = now() WHERE id = $1::bigint`, [w.id]);
}

/** The window time of a flush: its transaction's time, to the millisecond so it survives a round trip through JS. */
export const FLUSH_WINDOW_AT = `date_trunc('milliseconds', now())`;

async function openWindow(m: EntityManager, key: WindowKey): Promise<LockedWindow> {
  // DO UPDATE (not DO NOTHING) so the row comes back locked whether this claim created it or found it.
  const [w]: { id: string; run_id: string | null; trigger: WindowTrigger; triggered_by: string | null }[] = await m.query(
    `INSERT INTO batch_window (system, window_at, trigger) VALUES ($1, $2, 'schedule')
     ON CONFLICT (system, window_at) DO UPDATE SET system = EXCLUDED.system
     RETURNING id::text AS id, run_id, trigger, triggered_by`,
    [key.system, key.windowAt.toISOString()],
  );
  if (w.run_id) {
    // Rows reaching a window after it ended (a replica whose clock ran behind queued them): the same run goes on.
    await reopenSyncRun(m, w.run_id);
    await m.query(`UPDATE batch_window SET finished_at = NULL WHERE id = $1::bigint AND finished_at IS NOT NULL`, [w.id]);
  }
  return { id: w.id, runId: w.run_id, trigger: w.trigger, triggeredBy: w.triggered_by };
}

async function lockWindow(m: EntityManager, key: WindowKey): Promise<LockedWindow | null> {
  const [w]: { id: string; run_id: string | null; trigger: WindowTrigger; triggered_by: string | null }[] = await m.query(
    `SELECT id::text AS id, run_id, trigger, triggered_by FROM batch_window WHERE system = $1 AND window_at = $2 FOR UPDATE`,
    [key.system, key.windowAt.toISOString()],
  );
  if (!w?.run_id) return null;
  return { id: w.id, runId: w.run_id, trigger: w.trigger, triggeredBy: w.triggered_by };
}

/** The window's sync run, started now (its first delivery attempt). */
async function startRun(m: EntityManager, window: LockedWindow, key: WindowKey): Promise<string> {
  const runId = await insertSyncRun(m, {
    system: key.system, entityType: null, kind: 'batch-window', trigger: window.trigger, triggeredBy: window.triggeredBy,
    details: { windowId: window.id, windowAt: key.windowAt.toISOString() },
  }, { changed: 0, rejected: 0 });
  await m.query(`UPDATE batch_window SET run_id = $2 WHERE id = $1::bigint`, [window.id, runId]);
  return runId;
}

async function hasOpenRows(m: EntityManager, key: WindowKey): Promise<boolean> {
  const [row]: { open: boolean }[] = await m.query(
    `SELECT EXISTS (SELECT 1 FROM outbox WHERE system = $1 AND window_at = $2 AND status IN ('pending', 'in_flight')) AS open`,
    [key.system, key.windowAt.toISOString()],
  );
  return row.open;
}

async function loadTally(m: EntityManager, runId: string): Promise<WindowTally> {
  const r = await loadSyncRunCounts(m, runId);
  const d = r.details;
  return {
    seen: r.seen, queued: r.queued, changed: r.changed ?? 0, rejected: r.rejected ?? 0, errors: r.errors as WindowTally['errors'],
    retried: typeof d.retried === 'number' ? d.retried : 0,
    paused: typeof d.paused === 'number' ? d.paused : 0,
    entityTypes: (d.entityTypes as WindowTally['entityTypes'] | undefined) ?? {},
  };
}

/** Writes the counts; with a status, also ends the run (finished now, its duration from its first attempt). */
async function writeTally(m: EntityManager, runId: string, t: WindowTally, finish: 'succeeded' | 'failed' | null): Promise<void> {
  await writeSyncRunCounts(m, runId, {
    seen: t.seen, queued: t.queued, changed: t.changed, rejected: t.rejected, errors: t.errors,
    details: { retried: t.retried, paused: t.paused, entityTypes: t.entityTypes },
  }, finish);
}

function groupByWindow(changes: WindowChanges): WindowGroup[] {
  const groups = new Map<string, WindowGroup>();
  const group = (k: WindowKey) => {
    const id = `${k.system}\u0000${k.windowAt.toISOString()}`;
    let g = groups.get(id);
    if (!g) {
      g = { key: { system: k.system, windowAt: k.windowAt }, joined: [], settled: [] };
      groups.set(id, g);
    }
    return g;
  };
  for (const r of changes.joined) group(r).joined.push({ entityType: r.entityType, paused: r.paused });
  for (const r of changes.settled) {
    group(r).settled.push({ entityType: r.entityType, goldenId: r.goldenId, outcome: r.outcome, code: r.code, message: r.message, status: r.status });
  }
  return [...groups.values()].sort((a, b) =>
    a.key.system < b.key.system ? -1 : a.key.system > b.key.system ? 1 : a.key.windowAt.getTime() - b.key.windowAt.getTime());
}
