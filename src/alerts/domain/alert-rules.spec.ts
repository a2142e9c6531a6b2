import { describe, expect, it } from 'vitest';
import { firingConditions, type AlertFacts } from './alert-conditions';
import { alertSettings, notificationFor, notificationText, planAlerts } from './alert-rules';

const facts = (over: Partial<AlertFacts> = {}): AlertFacts => ({
  conflicts: new Map(), rejected: new Map(), dead: new Map(), paused: new Map(), guarded: new Map(), lastSync: null, ...over,
});
const now = new Date('2026-12-01T12:00:00.000Z');

describe('alert rules', () => {
  it('defaults: thresholds of 10 per 15 min, every switch on, no-sync off', () => {
    const s = alertSettings(undefined);
    expect(s).toEqual({
      everyMs: 30_000, conflicts: { enabled: true, threshold: 10, windowMs: 900_000 }, rejectedEvents: { enabled: true, threshold: 10, windowMs: 900_000 },
      deadLetters: true, circuitOpen: true, massDeleteGuard: true, noSyncAfterMs: null,
    });
  });

  it('fires thresholds at the threshold, not below', () => {
    const s = alertSettings({ targets: [], rules: { conflicts: { threshold: 3, window: '5m' }, rejectedEvents: { threshold: 2 } } });
    const firing = firingConditions(s, facts({ conflicts: new Map([['contact', 3], ['order', 2]]), rejected: new Map([['A', 1], ['B', 2]]) }), now);
    expect(firing.map((c) => `${c.rule}:${c.subject}`)).toEqual(['conflicts:contact', 'rejected_events:B']);
    expect(firing[0].message).toBe('3 new conflicts on contact in the last 5 min (threshold 3)');
  });

  it('any dead letter, any paused delivery and a guarded reconciliation fire; switched-off rules do not', () => {
    const f = facts({ dead: new Map([['B', 1], ['C', 0]]), paused: new Map([['B', 2]]), guarded: new Map([['B/contact', '60% would be deleted']]) });
    expect(firingConditions(alertSettings(undefined), f, now).map((c) => `${c.rule}:${c.subject}`)).toEqual(['dead_letters:B', 'circuit_open:B', 'mass_delete_guard:B/contact']);
    const off = alertSettings({ targets: [], rules: { deadLetters: { enabled: false }, circuitOpen: { enabled: false }, massDeleteGuard: { enabled: false } } });
    expect(firingConditions(off, f, now)).toEqual([]);
  });

  it('no sync: a system quiet for longer than `after`, or never synced', () => {
    const s = alertSettings({ targets: [], rules: { noSync: { after: '30m' } } });
    const lastSync = new Map([['A', '2026-12-01T11:45:00.000Z'], ['B', '2026-12-01T11:00:00.000Z'], ['C', null]]);
    expect(firingConditions(s, facts({ lastSync }), now).map((c) => c.subject)).toEqual(['B', 'C']);
  });

  it('de-duplicates: an open alert still firing is kept, a new one opens, a cleared one resolves', () => {
    const plan = planAlerts(
      [{ id: '1', rule: 'dead_letters', subject: 'B' }, { id: '2', rule: 'circuit_open', subject: 'B' }],
      [
        { rule: 'dead_letters', subject: 'B', message: '2 dead letters for B', details: {} },
        { rule: 'dead_letters', subject: 'C', message: '1 dead letter for C', details: {} },
        { rule: 'dead_letters', subject: 'C', message: '1 dead letter for C', details: {} },
      ],
    );
    expect(plan.still.map((s) => s.id)).toEqual(['1']);
    expect(plan.open.map((c) => c.subject)).toEqual(['C']);
    expect(plan.resolve.map((a) => a.id)).toEqual(['2']);
  });

  it('notifications name their transition in the message id and the text', () => {
    const alert = { id: '7', rule: 'dead_letters' as const, subject: 'B', status: 'resolved' as const, message: '1 dead letter for B', details: {},
      openedAt: now, lastSeenAt: now, resolvedAt: now };
    const n = notificationFor(alert);
    expect(n).toMatchObject({ messageId: 'alert-7-resolved', type: 'alert.resolved' });
    expect(notificationText(n)).toBe('RESOLVED dead_letters B: 1 dead letter for B');
    expect(notificationFor({ ...alert, status: 'open' }).messageId).toBe('alert-7-open');
  });
});
