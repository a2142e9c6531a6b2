import type { SyncRunError } from '../../polling/sync-run.types';

/**
 * The tally of one batch window (a batch-mode system's cron occurrence, or a steward's flush), kept in its sync
 * run. A row joins its window when it is first claimed and leaves it with its first answer; what happens to it
 * afterwards (a retry after a backoff) is ordinary delivery, not part of any window.
 */

/** Errors kept on a window's run: the latest ones, enough to see what failed without growing without bound. */
export const MAX_WINDOW_ERRORS = 20;

/** How a row left its window. `retry`: back to pending after a retryable failure (or a lost worker). */
export type WindowOutcome = 'delivered' | 'dead' | 'retry' | 'paused';

export interface WindowError extends SyncRunError {
  goldenId: string;
  /** the system's HTTP status, when it answered */
  status?: number;
}

export interface EntityTally {
  seen: number;
  changed: number;
  rejected: number;
}

export interface WindowTally {
  /** rows of the window claimed so far (sent or paused by the circuit breaker) */
  seen: number;
  /** of those, sent to the system */
  queued: number;
  /** delivered */
  changed: number;
  /** dead letters: the system refused them for good */
  rejected: number;
  /** back to pending after a retryable failure: they are retried outside the window */
  retried: number;
  /** held by the circuit breaker until a steward resumes them */
  paused: number;
  /** the latest MAX_WINDOW_ERRORS, oldest first */
  errors: WindowError[];
  entityTypes: Record<string, EntityTally>;
}

export interface ClaimedWindowRow {
  entityType: string;
  paused: boolean;
}

export interface SettledWindowRow {
  entityType: string;
  goldenId: string;
  outcome: WindowOutcome;
  code: string | null;
  message: string | null;
  status: number | null;
}

export function emptyTally(): WindowTally {
  return { seen: 0, queued: 0, changed: 0, rejected: 0, retried: 0, paused: 0, errors: [], entityTypes: {} };
}

/** Rows claimed for the first time in their window. */
export function tallyClaimed(tally: WindowTally, rows: ClaimedWindowRow[]): WindowTally {
  const next = copy(tally);
  for (const row of rows) {
    next.seen += 1;
    if (!row.paused) next.queued += 1;
    entity(next, row.entityType).seen += 1;
  }
  return next;
}

/** Rows whose first answer of the window is in. */
export function tallySettled(tally: WindowTally, rows: SettledWindowRow[]): WindowTally {
  const next = copy(tally);
  for (const row of rows) {
    const perType = entity(next, row.entityType);
    if (row.outcome === 'delivered') {
      next.changed += 1;
      perType.changed += 1;
      continue;
    }
    if (row.outcome === 'dead') {
      next.rejected += 1;
      perType.rejected += 1;
    } else if (row.outcome === 'retry') {
      next.retried += 1;
    } else {
      next.paused += 1;
    }
    next.errors.push({
      code: row.code ?? (row.outcome === 'paused' ? 'CIRCUIT_OPEN' : 'DELIVERY_FAILED'),
      message: row.message ?? row.outcome,
      entityType: row.entityType,
      goldenId: row.goldenId,
      retryable: row.outcome !== 'dead',
      ...(row.status !== null ? { status: row.status } : {}),
    });
  }
  next.errors = next.errors.slice(-MAX_WINDOW_ERRORS);
  return next;
}

/**
 * A window fails when the system took nothing while rows were left for later (it was unreachable or every
 * write was held back). Dead letters alone do not fail it: like records a pipeline rejects, they are the
 * data's problem, counted as rejected.
 */
export function windowStatus(tally: WindowTally): 'succeeded' | 'failed' {
  return tally.changed === 0 && tally.retried + tally.paused > 0 ? 'failed' : 'succeeded';
}

function copy(t: WindowTally): WindowTally {
  const entityTypes: Record<string, EntityTally> = {};
  for (const [name, e] of Object.entries(t.entityTypes)) entityTypes[name] = { ...e };
  return { ...t, errors: [...t.errors], entityTypes };
}

function entity(t: WindowTally, name: string): EntityTally {
  if (!Object.hasOwn(t.entityTypes, name)) t.entityTypes[name] = { seen: 0, changed: 0, rejected: 0 };
  return t.entityTypes[name];
}
