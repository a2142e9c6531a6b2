import ms from 'ms';
import type { AlertsConfig } from '../../config/hub-config.schema';

export const ALERT_RULES = ['conflicts', 'rejected_events', 'dead_letters', 'circuit_open', 'mass_delete_guard', 'no_sync'] as const;
export type AlertRule = (typeof ALERT_RULES)[number];
export const ALERT_STATUSES = ['open', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** A rule firing for one subject (a system key, an entity type, `system/entityType`) now. */
export interface AlertCondition {
  rule: AlertRule;
  subject: string;
  message: string;
  details: Record<string, unknown>;
}

export interface OpenAlert {
  id: string;
  rule: AlertRule;
  subject: string;
}

export interface ThresholdRule {
  enabled: boolean;
  threshold: number;
  windowMs: number;
}

/** The rules in force: the configuration's values over the defaults. */
export interface AlertSettings {
  everyMs: number;
  conflicts: ThresholdRule;
  rejectedEvents: ThresholdRule;
  deadLetters: boolean;
  circuitOpen: boolean;
  massDeleteGuard: boolean;
  /** null: the rule is off */
  noSyncAfterMs: number | null;
}

const DEFAULT_EVERY = '30s';
const DEFAULT_THRESHOLD = { threshold: 10, window: '15m' };

export function alertSettings(config: AlertsConfig | undefined): AlertSettings {
  const rules = config?.rules ?? {};
  const threshold = (r: { enabled?: boolean; threshold?: number; window?: string } | undefined): ThresholdRule => ({
    enabled: r?.enabled ?? true,
    threshold: r?.threshold ?? DEFAULT_THRESHOLD.threshold,
    windowMs: duration(r?.window ?? DEFAULT_THRESHOLD.window),
  });
  const noSync = rules.noSync;
  return {
    everyMs: duration(config?.every ?? DEFAULT_EVERY),
    conflicts: threshold(rules.conflicts),
    rejectedEvents: threshold(rules.rejectedEvents),
    deadLetters: rules.deadLetters?.enabled ?? true,
    circuitOpen: rules.circuitOpen?.enabled ?? true,
    massDeleteGuard: rules.massDeleteGuard?.enabled ?? true,
    noSyncAfterMs: noSync?.after && (noSync.enabled ?? true) ? duration(noSync.after) : null,
  };
}

/** What one evaluation changes: alerts to open, alerts still firing (refreshed, not notified again), alerts cleared. */
export interface AlertPlan {
  open: AlertCondition[];
  still: { id: string; condition: AlertCondition }[];
  resolve: OpenAlert[];
}

/** De-duplication: a condition already open stays one alert; an open alert whose condition is gone is resolved. */
export function planAlerts(open: OpenAlert[], firing: AlertCondition[]): AlertPlan {
  const openByKey = new Map(open.map((a) => [alertKey(a.rule, a.subject), a]));
  const firingKeys = new Set<string>();
  const plan: AlertPlan = { open: [], still: [], resolve: [] };
  for (const c of firing) {
    const key = alertKey(c.rule, c.subject);
    if (firingKeys.has(key)) continue;
    firingKeys.add(key);
    const existing = openByKey.get(key);
    if (existing) plan.still.push({ id: existing.id, condition: c });
    else plan.open.push(c);
  }
  for (const a of open) if (!firingKeys.has(alertKey(a.rule, a.subject))) plan.resolve.push(a);
  return plan;
}

/** The notification an alert's change sends: its own id per transition, so a receiver can drop a repeat. */
export interface AlertNotification {
  /** Standard Webhooks message id */
  messageId: string;
  type: 'alert.opened' | 'alert.resolved';
  alert: AlertView;
}

export interface AlertView {
  id: string;
  rule: AlertRule;
  subject: string;
  status: AlertStatus;
  message: string;
  details: Record<string, unknown>;
  openedAt: Date;
  lastSeenAt: Date;
  resolvedAt: Date | null;
}

export function notificationFor(alert: AlertView): AlertNotification {
  const type = alert.status === 'resolved' ? 'alert.resolved' : 'alert.opened';
  return { messageId: `alert-${alert.id}-${alert.status}`, type, alert };
}

/** The words a person reads in a chat channel or the log: what, where, and that it is over. */
export function notificationText(n: AlertNotification): string {
  return n.type === 'alert.resolved'
    ? `RESOLVED ${n.alert.rule} ${n.alert.subject}: ${n.alert.message}`
    : `ALERT ${n.alert.rule} ${n.alert.subject}: ${n.alert.message}`;
}

function alertKey(rule: string, subject: string): string {
  return `${rule}\u0000${subject}`;
}

function duration(text: string): number {
  return ms(text as ms.StringValue);
}
