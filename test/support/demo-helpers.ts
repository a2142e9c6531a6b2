import type pg from 'pg';

/**
 * Retries `probe` until it returns without throwing and with a value other than `false`, then returns that
 * value. An `expect(…)` inside the probe is the usual way to say what is awaited; on timeout the last
 * failure is rethrown, so the test reports what was still wrong rather than a bare "timed out".
 */
export async function eventually<T>(probe: () => T | Promise<T>, timeoutMs = 15_000, intervalMs = 50): Promise<Exclude<T, false>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== false) return value as Exclude<T, false>;
      lastError = new Error('the condition returned false');
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const err = lastError instanceof Error ? lastError : new Error(String(lastError));
      err.message = `after ${timeoutMs} ms: ${err.message}`;
      throw err;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Work the hub still has in hand, as read from its own tables. */
export interface HubBacklog {
  inboxPending: number;
  outboxPending: number;
  outboxInFlight: number;
}

export async function hubBacklog(sql: pg.Pool): Promise<HubBacklog> {
  const { rows } = await sql.query(`
    SELECT (SELECT count(*)::int FROM inbox_event WHERE status = 'pending') AS inbox_pending,
           (SELECT count(*)::int FROM outbox WHERE status = 'pending') AS outbox_pending,
           (SELECT count(*)::int FROM outbox WHERE status = 'in_flight') AS outbox_in_flight`);
  return { inboxPending: rows[0].inbox_pending, outboxPending: rows[0].outbox_pending, outboxInFlight: rows[0].outbox_in_flight };
}

export interface IdleProbe {
  sql: pg.Pool;
  /** webhooks A and B still have to send (queued or being retried) */
  webhooksPending(): Promise<number>;
}

/**
 * Waits until nothing is moving: no pending inbox event, no pending or in-flight delivery, and no webhook
 * waiting in A or B — seen on two consecutive checks (a webhook may be on the wire between them) — and
 * then lets `settleMs` pass and checks once more. Only then are "no further writes" counts meaningful.
 */
export async function waitForIdle(probe: IdleProbe, opts: { timeoutMs?: number; settleMs?: number } = {}): Promise<void> {
  const busy = async (): Promise<string | null> => {
    const b = await hubBacklog(probe.sql);
    const webhooks = await probe.webhooksPending();
    const total = b.inboxPending + b.outboxPending + b.outboxInFlight + webhooks;
    return total === 0 ? null : `inbox pending ${b.inboxPending}, outbox pending ${b.outboxPending}, in flight ${b.outboxInFlight}, webhooks ${webhooks}`;
  };
  const quiet = async (): Promise<void> => {
    let state = await busy();
    if (state === null) {
      await new Promise((r) => setTimeout(r, 100));
      state = await busy();
    }
    if (state !== null) throw new Error(`the hub is still busy: ${state}`);
  };
  await eventually(quiet, opts.timeoutMs ?? 30_000, 100);
  await new Promise((r) => setTimeout(r, opts.settleMs ?? 750));
  await eventually(quiet, opts.timeoutMs ?? 30_000, 100);
}

export interface InboxRow {
  id: string;
  system: string;
  eventType: string;
  externalId: string;
  origin: string;
  status: string;
  reason: string | null;
  goldenId: string | null;
  payload: Record<string, unknown>;
}

/** Inbox events of one record of one system, in arrival order (by numeric id, not by its text form). */
export async function inboxOf(sql: pg.Pool, system: string, externalId: string): Promise<InboxRow[]> {
  const { rows } = await sql.query(
    `SELECT id::text, system, event_type, external_id, origin, status, reason, golden_id, payload
       FROM inbox_event WHERE system = $1 AND external_id = $2 ORDER BY inbox_event.id`,
    [system, externalId],
  );
  return rows.map((r) => ({
    id: r.id, system: r.system, eventType: r.event_type, externalId: r.external_id, origin: r.origin, status: r.status, reason: r.reason,
    goldenId: r.golden_id, payload: r.payload,
  }));
}

export interface OutboxRow {
  id: string;
  system: string;
  entityType: string;
  operation: string;
  status: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  payload: Record<string, unknown>;
}

/** Outbox rows, oldest first, narrowed by golden id and/or system and/or entity type. */
export async function outboxRows(sql: pg.Pool, where: { goldenId?: string; system?: string; entityType?: string }): Promise<OutboxRow[]> {
  const { rows } = await sql.query(
    `SELECT id::text, system, entity_type, operation, status, attempts, last_status, last_error, payload FROM outbox
      WHERE ($1::uuid IS NULL OR golden_id = $1) AND ($2::text IS NULL OR system = $2) AND ($3::text IS NULL OR entity_type = $3)
      ORDER BY outbox.id`,
    [where.goldenId ?? null, where.system ?? null, where.entityType ?? null],
  );
  return rows.map((r) => ({
    id: r.id, system: r.system, entityType: r.entity_type, operation: r.operation, status: r.status, attempts: r.attempts,
    lastStatus: r.last_status, lastError: r.last_error, payload: r.payload,
  }));
}

/** Applied API writes per entity and method, as a demo system's /_admin/stats reports them. */
export type WriteCounts = Record<string, Record<string, number>>;

/** Total of a count table, optionally for one entity. */
export function totalWrites(counts: WriteCounts, entity?: string): number {
  const rows = entity ? [counts[entity] ?? {}] : Object.values(counts);
  return rows.reduce((sum, row) => sum + Object.values(row).reduce((s, n) => s + n, 0), 0);
}
