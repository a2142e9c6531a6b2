import type { EntityManager } from 'typeorm';
import { newestBySerialPage } from '../common/newest-first-page';
import type { Page } from '../common/page-cursor';
import type { AlertCondition, AlertRule, AlertStatus, AlertView, OpenAlert } from './domain/alert-rules';

/** Every statement on `alert`, owned by this module. */

const COLUMNS = `a.id::text AS id, a.id::text AS key_text, a.rule, a.subject, a.status, a.message, a.details, a.opened_at, a.last_seen_at, a.resolved_at`;

interface AlertRow {
  id: string; rule: AlertRule; subject: string; status: AlertStatus; message: string; details: Record<string, unknown>;
  opened_at: Date; last_seen_at: Date; resolved_at: Date | null;
}

export function toAlertView(r: AlertRow): AlertView {
  return {
    id: r.id, rule: r.rule, subject: r.subject, status: r.status, message: r.message, details: r.details,
    openedAt: r.opened_at, lastSeenAt: r.last_seen_at, resolvedAt: r.resolved_at,
  };
}

/**
 * Only one evaluator at a time across replicas: a transaction-scoped advisory lock, skipped (not waited for)
 * when another process holds it, since that one is doing the same work.
 */
export async function tryLockEvaluation(m: EntityManager): Promise<boolean> {
  const [r]: { locked: boolean }[] = await m.query(`SELECT pg_try_advisory_xact_lock(hashtext('hub_alert_evaluation')) AS locked`);
  return r.locked;
}

export async function openAlerts(m: EntityManager): Promise<OpenAlert[]> {
  return m.query(`SELECT id::text AS id, rule, subject FROM alert WHERE status = 'open' ORDER BY id`);
}

export async function insertOpened(m: EntityManager, conditions: AlertCondition[]): Promise<void> {
  if (conditions.length === 0) return;
  await m.query(
    `INSERT INTO alert (rule, subject, message, details)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[])
     ON CONFLICT (rule, subject) WHERE status = 'open' DO NOTHING`,
    [conditions.map((c) => c.rule), conditions.map((c) => c.subject), conditions.map((c) => c.message), conditions.map((c) => JSON.stringify(c.details))],
  );
}

/** Still firing: the message and details follow the latest counts; nobody is notified again. */
export async function touchOpen(m: EntityManager, still: { id: string; condition: AlertCondition }[]): Promise<void> {
  if (still.length === 0) return;
  await m.query(
    `UPDATE alert a SET message = u.message, details = u.details, last_seen_at = now()
       FROM unnest($1::bigint[], $2::text[], $3::jsonb[]) AS u(id, message, details)
      WHERE a.id = u.id AND a.status = 'open'`,
    [still.map((s) => s.id), still.map((s) => s.condition.message), still.map((s) => JSON.stringify(s.condition.details))],
  );
}

export async function resolveAlerts(m: EntityManager, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await m.query(`UPDATE alert SET status = 'resolved', resolved_at = now() WHERE id = ANY($1::bigint[]) AND status = 'open'`, [ids]);
}

/**
 * Claims the notifications not sent yet, in order (an opening before its resolution), marking them sent inside
 * the caller's transaction; a send that fails is handed back with releaseNotification and goes out on the next
 * evaluation. Each transition is one notification: the alert as it was at that transition.
 */
export async function claimNotifications(m: EntityManager, limit: number): Promise<AlertView[]> {
  const rows: (AlertRow & { open_due: boolean })[] = await m.query(
    `SELECT ${COLUMNS}, a.notified_open_at IS NULL AS open_due FROM alert a
      WHERE a.notified_open_at IS NULL OR (a.status = 'resolved' AND a.notified_resolved_at IS NULL)
      ORDER BY a.id LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [limit],
  );
  if (rows.length === 0) return [];
  await m.query(
    `UPDATE alert SET notified_open_at = coalesce(notified_open_at, now()),
                      notified_resolved_at = CASE WHEN status = 'resolved' THEN now() ELSE notified_resolved_at END
      WHERE id = ANY($1::bigint[])`,
    [rows.map((r) => r.id)],
  );
  const out: AlertView[] = [];
  for (const r of rows) {
    const view = toAlertView(r);
    if (r.open_due) out.push({ ...view, status: 'open', resolvedAt: null });
    if (r.status === 'resolved') out.push(view);
  }
  return out;
}

/** A notification that could not be delivered to every target: sent again on the next evaluation. */
export async function releaseNotification(m: EntityManager, alert: AlertView): Promise<void> {
  // An opening not sent leaves its resolution unsent too, so they go out in order.
  const columns = alert.status === 'resolved' ? 'notified_resolved_at = NULL' : 'notified_open_at = NULL, notified_resolved_at = NULL';
  await m.query(`UPDATE alert SET ${columns} WHERE id = $1`, [alert.id]);
}

export function listAlerts(m: EntityManager, filter: { status?: AlertStatus | null; rule?: AlertRule | null }, first?: number | null, after?: string | null): Promise<Page<AlertView>> {
  return newestBySerialPage<AlertRow & { key_text: string }>(m, {
    kind: 'alert',
    select: `SELECT ${COLUMNS} FROM alert a`,
    key: 'a.id',
    equal: [['a.status', filter.status], ['a.rule', filter.rule]],
    first,
    after,
  }).then((page) => ({ ...page, items: page.items.map(toAlertView) }));
}
