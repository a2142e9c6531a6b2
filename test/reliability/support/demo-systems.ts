import path from 'node:path';
import type pg from 'pg';
import type { RestSystem } from '../../../examples/shared/rest-system';
import { startSystemA, SYSTEM_A_DEMO_SECRET } from '../../../examples/system-a/system-a';
import { startSystemB, SYSTEM_B_DEMO_SECRET } from '../../../examples/system-b/system-b';
import { DemoSystemClient } from '../../support/demo-harness';
import { waitForIdle } from '../../support/demo-helpers';

export const DEMO_AB_CONFIG = path.resolve(__dirname, '../fixtures/demo-ab.config.yaml');

export interface DemoSystems {
  /** the servers, in this process: their stores, request logs and change feeds */
  a: RestSystem;
  b: RestSystem;
  /** the same systems driven over HTTP (/_admin/edit, /_admin/faults), as a user and an operator would */
  A: DemoSystemClient;
  B: DemoSystemClient;
  /** settings a child hub needs to reach A and B and check their signatures */
  hubEnv: Record<string, string>;
  /** no pending inbox event, outbox row or webhook left in A or B, twice in a row and after a settle time */
  waitForIdle(sql: pg.Pool, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The demo systems A (CRM) and B (ERP) as real HTTP servers sending signed webhooks, A to `hubForA` and B to
 * `hubForB` (one hub, or two hub processes sharing one database). Webhooks are retried generously: a hub
 * that answers 503 or is briefly away must not make a system give up on an event.
 */
export async function startDemoSystems(hubForA: string, hubForB: string): Promise<DemoSystems> {
  const common = { port: 0, log: () => undefined, webhookAttempts: 20, webhookRetryDelayMs: 100 };
  const a = await startSystemA({ ...common, hubUrl: hubForA, webhookSecret: SYSTEM_A_DEMO_SECRET });
  const b = await startSystemB({ ...common, hubUrl: hubForB, webhookSecret: SYSTEM_B_DEMO_SECRET });
  const A = new DemoSystemClient('A', a.url);
  const B = new DemoSystemClient('B', b.url);
  return {
    a, b, A, B,
    hubEnv: { SYSTEM_A_URL: a.url, SYSTEM_B_URL: b.url, SYSTEM_A_SECRET: SYSTEM_A_DEMO_SECRET, SYSTEM_B_SECRET: SYSTEM_B_DEMO_SECRET },
    waitForIdle: (sql, timeoutMs) =>
      waitForIdle({ sql, webhooksPending: async () => a.webhooks.stats().pending + b.webhooks.stats().pending }, { timeoutMs, settleMs: 1_000 }),
    close: async () => {
      await Promise.all([a.close(), b.close()]);
    },
  };
}

/** Webhooks a system sent, by outcome; `failed` means it gave up on an event. */
export function webhookCounts(system: RestSystem): { delivered: number; failed: number; pending: number } {
  const s = system.webhooks.stats();
  return { delivered: s.delivered, failed: s.failed, pending: s.pending };
}

/** Inbox events of one system, by status. */
/** Inbox events of one system by status; only those of one origin (webhook, refresh, poll…) when given. */
export async function inboxOfSystem(sql: pg.Pool, system: string, origin?: string): Promise<Record<string, number>> {
  const { rows } = await sql.query(
    `SELECT status, count(*)::int AS n FROM inbox_event WHERE system = $1 AND ($2::text IS NULL OR origin = $2) GROUP BY status`,
    [system, origin ?? null],
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

export const sum = (counts: Record<string, number>): number => Object.values(counts).reduce((s, n) => s + n, 0);
