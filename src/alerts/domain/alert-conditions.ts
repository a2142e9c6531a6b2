import type { AlertCondition, AlertSettings } from './alert-rules';

/** What the database says now, per rule (alert-conditions.repository reads it). */
export interface AlertFacts {
  /** new conflicts (open or auto-resolved alike: each is a disagreement) within the window, by entity type */
  conflicts: Map<string, number>;
  /** events rejected within the window, by sending system */
  rejected: Map<string, number>;
  /** dead letters now, by target system */
  dead: Map<string, number>;
  /** deliveries paused by the circuit breaker now, by target system */
  paused: Map<string, number>;
  /** `system/entityType` whose latest reconciliation the mass-delete guard stopped, with its reason */
  guarded: Map<string, string>;
  /** last successful sync per configured system (null: never), when the no-sync rule is on */
  lastSync: Map<string, string | null> | null;
}

/** The conditions firing now, from the facts: pure, so each rule's edge is unit-tested. */
export function firingConditions(settings: AlertSettings, facts: AlertFacts, now: Date): AlertCondition[] {
  const out: AlertCondition[] = [];
  const windowText = (msValue: number) => `${Math.round(msValue / 60_000)} min`;
  if (settings.conflicts.enabled) {
    for (const [entityType, n] of facts.conflicts) {
      if (n < settings.conflicts.threshold) continue;
      out.push({
        rule: 'conflicts', subject: entityType,
        message: `${n} new conflicts on ${entityType} in the last ${windowText(settings.conflicts.windowMs)} (threshold ${settings.conflicts.threshold})`,
        details: { count: n, threshold: settings.conflicts.threshold, windowMs: settings.conflicts.windowMs },
      });
    }
  }
  if (settings.rejectedEvents.enabled) {
    for (const [system, n] of facts.rejected) {
      if (n < settings.rejectedEvents.threshold) continue;
      out.push({
        rule: 'rejected_events', subject: system,
        message: `${n} events from ${system} rejected in the last ${windowText(settings.rejectedEvents.windowMs)} (threshold ${settings.rejectedEvents.threshold})`,
        details: { count: n, threshold: settings.rejectedEvents.threshold, windowMs: settings.rejectedEvents.windowMs },
      });
    }
  }
  if (settings.deadLetters) {
    for (const [system, n] of facts.dead) {
      if (n > 0) out.push({ rule: 'dead_letters', subject: system, message: `${n} dead letter${n === 1 ? '' : 's'} for ${system}`, details: { count: n } });
    }
  }
  if (settings.circuitOpen) {
    for (const [system, n] of facts.paused) {
      if (n > 0) {
        out.push({ rule: 'circuit_open', subject: system, message: `circuit breaker open: ${n} deliveries to ${system} paused`, details: { count: n } });
      }
    }
  }
  if (settings.massDeleteGuard) {
    for (const [subject, reason] of facts.guarded) {
      out.push({ rule: 'mass_delete_guard', subject, message: `mass-delete guard stopped reconciliation of ${subject}: ${reason}`, details: { reason } });
    }
  }
  if (settings.noSyncAfterMs !== null && facts.lastSync) {
    for (const [system, at] of facts.lastSync) {
      const quietMs = at ? now.getTime() - Date.parse(at) : Number.POSITIVE_INFINITY;
      if (quietMs < settings.noSyncAfterMs) continue;
      out.push({
        rule: 'no_sync', subject: system,
        message: at ? `no successful sync with ${system} since ${at}` : `no successful sync with ${system} yet`,
        details: { lastSyncAt: at, afterMs: settings.noSyncAfterMs },
      });
    }
  }
  return out;
}
