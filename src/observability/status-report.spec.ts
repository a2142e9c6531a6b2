import { describe, expect, it } from 'vitest';
import { buildStatusReport, type StatusInputs } from './status-report';

const HEALTH = { status: 'ok' as const, checks: { database: { status: 'up' as const, latencyMs: 1 } } };

function inputs(over: Partial<StatusInputs> = {}): StatusInputs {
  return {
    generatedAt: '2026-11-21T10:00:00.000Z',
    configVersion: 3,
    health: HEALTH,
    systems: [
      { key: 'A', name: 'CRM', direction: 'both', entityTypes: ['contact'] },
      { key: 'B', name: 'ERP', direction: 'in', entityTypes: ['contact', 'order'] },
      { key: 'C', name: 'C', direction: 'out', entityTypes: [] },
    ],
    entityTypes: ['contact', 'order', 'user'],
    inboxWindow: [
      { system: 'A', applied: 5, rejected: 2, failed: 1, lastAppliedAt: '2026-11-21T09:59:00.000Z', latencySamples: 4, latencyP50Ms: 12, latencyP95Ms: 40 },
    ],
    lastAppliedBefore: new Map([['B', '2026-11-19T08:00:00.000Z']]),
    pending: [{ system: 'A', pending: 3, oldestAt: '2026-11-21T09:58:00.000Z', oldestAgeSeconds: 120 }],
    xrefs: new Map([['A', 7], ['B', 2]]),
    openConflicts: new Map([['contact', 2], ['order', 1]]),
    golden: [{ entityType: 'contact', live: 6, deleted: 1, versions: 15 }],
    features: { outbox: false, syncRuns: false, jobs: false },
    jobs: null,
    outbox: null,
    syncRuns: null,
    lastRuns: null,
    alerts: null,
    throughput: [],
    warnings: [],
    ...over,
  };
}

describe('buildStatusReport', () => {
  it('joins the per-system rows and fills quiet systems with zeros', () => {
    const r = buildStatusReport(inputs());
    const [a, b, c] = r.systems;
    expect(a).toMatchObject({
      key: 'A', name: 'CRM', direction: 'both',
      lastSync: { at: '2026-11-21T09:59:00.000Z', source: 'inbox' },
      records: { applied24h: 5, linked: 7 },
      errors24h: { rejected: 2, failed: 1, failedRuns: null, deadDeliveries: null, total: 3 },
      queue: { inboxPending: 3, oldestPendingAt: '2026-11-21T09:58:00.000Z', outboxQueued: null, outboxPaused: null, total: 3 },
      openConflicts: 2,
      executionTime: { events: { p50Ms: 12, p95Ms: 40, samples: 4 }, syncRuns: null },
      lastRun: null,
    });
    // B had nothing in 24 h: its last sync comes from the older lookup; conflicts of both its types count
    expect(b.lastSync).toEqual({ at: '2026-11-19T08:00:00.000Z', source: 'inbox' });
    expect(b.openConflicts).toBe(3);
    expect(b.errors24h.total).toBe(0);
    expect(c).toMatchObject({ lastSync: null, records: { applied24h: 0, linked: 0 }, openConflicts: 0, queue: { total: 0 } });
  });

  it('totals the hub and lists configured entity types that hold no record yet', () => {
    const r = buildStatusReport(inputs());
    expect(r.hub).toMatchObject({ goldenRecords: 6, versions: 15, openConflicts: 3, inboxPending: 3 });
    expect(r.hub.entityTypes).toEqual([
      { entityType: 'contact', live: 6, deleted: 1, versions: 15, openConflicts: 2 },
      { entityType: 'order', live: 0, deleted: 0, versions: 0, openConflicts: 1 },
      { entityType: 'user', live: 0, deleted: 0, versions: 0, openConflicts: 0 },
    ]);
  });

  it('adds the outbox to queue depth and dead letters to errors when the outbox exists', () => {
    const r = buildStatusReport(inputs({
      features: { outbox: true, syncRuns: false, jobs: false },
      outbox: [
        { system: 'A', status: 'pending', count: 4, failing: 0 }, { system: 'A', status: 'in_flight', count: 1, failing: 0 },
        { system: 'A', status: 'paused', count: 2, failing: 0 }, { system: 'A', status: 'dead', count: 3, failing: 0 },
        { system: 'B', status: 'dead', count: 1, failing: 0 },
      ],
    }));
    expect(r.systems[0].queue).toMatchObject({ inboxPending: 3, outboxQueued: 7, outboxPaused: 2, total: 10 });
    expect(r.systems[0].errors24h).toMatchObject({ deadDeliveries: 3, failingDeliveries: 0, total: 6 });
    expect(r.systems[1].errors24h).toMatchObject({ deadDeliveries: 1, total: 1 });
    expect(r.systems[2]).toMatchObject({ queue: { outboxQueued: 0, outboxPaused: 0 }, errors24h: { deadDeliveries: 0 } });
  });

  it('counts failing deliveries as failing, not queued, and links each list', () => {
    const r = buildStatusReport(inputs({
      features: { outbox: true, syncRuns: false, jobs: false },
      outbox: [{ system: 'B', status: 'pending', count: 3, failing: 1 }, { system: 'B', status: 'in_flight', count: 2, failing: 1 }],
    }));
    expect(r.systems[1].queue).toMatchObject({ outboxQueued: 3, total: 3 });
    expect(r.systems[1].errors24h).toMatchObject({ failingDeliveries: 2, total: 2 });
    expect(r.systems[1].links).toEqual({
      failingDeliveries: '/console/systems/B#failing-deliveries', deadLetters: '/console/systems/B#dead-letters',
      syncRuns: '/console/systems/B#sync-runs', rejectedEvents: '/console/systems/B#rejected-events',
    });
    expect(r.systems[1].apiLists.failingDeliveries).toBe('/api/deliveries?system=B&failing=true');
  });

  it('takes the later of the last sync run and the last applied event, and reports run durations', () => {
    const r = buildStatusReport(inputs({
      features: { outbox: false, syncRuns: true, jobs: false },
      syncRuns: [
        { system: 'A', lastSuccessAt: '2026-11-21T09:00:00.000Z', failed24h: 2, runs1h: 3, durationP50Ms: 800, durationP95Ms: 1500 },
        { system: 'B', lastSuccessAt: '2026-11-21T09:30:00.000Z', failed24h: 0, runs1h: 0, durationP50Ms: null, durationP95Ms: null },
      ],
      lastRuns: [{ system: 'A', entityType: 'contact', kind: 'poll', status: 'failed', startedAt: '2026-11-21T09:50:00.000Z', finishedAt: null }],
    }));
    const [a, b, c] = r.systems;
    expect(a.lastSync).toEqual({ at: '2026-11-21T09:59:00.000Z', source: 'inbox' });
    expect(b.lastSync).toEqual({ at: '2026-11-21T09:30:00.000Z', source: 'sync_run' });
    expect(a.errors24h).toMatchObject({ failedRuns: 2, total: 5 });
    expect(a.executionTime.syncRuns).toEqual({ p50Ms: 800, p95Ms: 1500, samples: 3 });
    expect(a.lastRun).toMatchObject({ kind: 'poll', status: 'failed' });
    expect(c.errors24h.failedRuns).toBe(0);
    expect(c.lastRun).toBeNull();
  });
});

describe('buildStatusReport — jobs', () => {
  it('reports jobs with their progress, or null when they are not recorded', () => {
    expect(buildStatusReport(inputs()).jobs).toBeNull();
    const r = buildStatusReport(inputs({
      features: { outbox: false, syncRuns: false, jobs: true },
      jobs: [
        { id: '4', kind: 'recompute', key: 'contact', status: 'running', processed: 250, total: 1000, changed: 20, error: null,
          createdAt: '2026-11-21T09:00:00.000Z', startedAt: '2026-11-21T09:00:01.000Z', finishedAt: null, heartbeatAt: '2026-11-21T09:59:59.000Z' },
        { id: '3', kind: 'recompute', key: 'order', status: 'succeeded', processed: 0, total: 0, changed: 0, error: null,
          createdAt: '2026-11-21T08:00:00.000Z', startedAt: null, finishedAt: '2026-11-21T08:00:01.000Z', heartbeatAt: null },
      ],
    }));
    expect(r.features.jobs).toBe(true);
    expect(r.jobs).toEqual([
      expect.objectContaining({ id: '4', status: 'running', progress: 0.25, lastError: null, key: 'contact' }),
      expect.objectContaining({ id: '3', progress: 1 }),
    ]);
  });
});
