import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { OptionalTables } from './ops-queries';
import { registerScrapeGauges, type ScrapeSource } from './scrape-gauges';

function source(over: Partial<ScrapeSource> = {}, tables: OptionalTables = { outbox: false, syncRun: false, job: false, alert: false }) {
  const failures: string[] = [];
  const s: ScrapeSource = {
    tables: async () => tables,
    pending: async () => [{ system: 'A', pending: 4, oldestAt: '2026-11-21T10:00:00.000Z', oldestAgeSeconds: 90.5 }],
    openConflicts: async () => new Map([['contact', 2]]),
    outbox: async () => [{ system: 'B', status: 'pending', count: 5, failing: 0 }, { system: 'B', status: 'dead', count: 2, failing: 0 }],
    syncRuns: async () => [{ system: 'A', lastSuccessAt: '2026-11-21T10:00:00.000Z', failed24h: 0, runs1h: 1, durationP50Ms: 1, durationP95Ms: 1 }],
    jobs: async () => [
      { id: '3', kind: 'recompute', key: 'contact', status: 'running', processed: 10, total: 20, changed: 2, error: null, createdAt: '2026-11-21T10:00:00.000Z', startedAt: null, finishedAt: null, heartbeatAt: null },
      { id: '2', kind: 'recompute', key: 'order', status: 'failed', processed: 1, total: 2, changed: 0, error: 'x', createdAt: '2026-11-21T10:00:00.000Z', startedAt: null, finishedAt: null, heartbeatAt: null },
      { id: '1', kind: 'recompute', key: 'user', status: 'succeeded', processed: 1, total: 1, changed: 0, error: null, createdAt: '2026-11-21T10:00:00.000Z', startedAt: null, finishedAt: null, heartbeatAt: null },
    ],
    lastSync: async (systems) => new Map(systems.map((k) => [k, k === 'A' ? '2026-11-21T10:00:00.000Z' : null])),
    systems: () => ['A', 'B'],
    failed: (gauge) => failures.push(gauge),
    ...over,
  };
  return { s, failures };
}

async function scrape(s: ScrapeSource): Promise<string> {
  const registry = new Registry();
  registerScrapeGauges(registry, s);
  return registry.metrics();
}

describe('scrape-time gauges', () => {
  it('reports queues per configured system, zero when nothing waits', async () => {
    const text = await scrape(source().s);
    expect(text).toContain('hub_inbox_pending_events{system="A"} 4');
    expect(text).toContain('hub_inbox_pending_events{system="B"} 0');
    expect(text).toContain('hub_inbox_oldest_pending_age_seconds{system="A"} 90.5');
    expect(text).toContain('hub_inbox_oldest_pending_age_seconds{system="B"} 0');
    expect(text).toContain('hub_conflicts_open{entity_type="contact"} 2');
  });

  it('reports the last successful sync of every configured system, 0 for one never synced', async () => {
    const text = await scrape(source().s);
    expect(text).toContain(`hub_sync_last_success_timestamp_seconds{system="A"} ${Date.parse('2026-11-21T10:00:00.000Z') / 1000}`);
    expect(text).toContain('hub_sync_last_success_timestamp_seconds{system="B"} 0');
  });

  it('leaves out outbox and job series while those tables do not exist', async () => {
    const text = await scrape(source().s);
    expect(text).not.toMatch(/^hub_outbox_rows\{/m);
    expect(text).not.toMatch(/^hub_outbox_dead_letters\{/m);
    expect(text).not.toMatch(/^hub_jobs\{/m);
  });

  it('reports outbox depth, dead letters and last successful sync once the tables exist', async () => {
    const text = await scrape(source({}, { outbox: true, syncRun: true, job: true, alert: true }).s);
    expect(text).toContain('hub_jobs{kind="recompute",status="running"} 1');
    expect(text).toContain('hub_jobs{kind="recompute",status="failed"} 1');
    expect(text).not.toContain('status="succeeded"');
    expect(text).toContain('hub_outbox_rows{system="B",status="pending"} 5');
    expect(text).toContain('hub_outbox_rows{system="A",status="pending"} 0');
    expect(text).toContain('hub_outbox_dead_letters{system="B"} 2');
    expect(text).toContain('hub_outbox_dead_letters{system="A"} 0');
  });

  it('a failed read drops that gauge\'s series and is reported, the others still answer', async () => {
    const { s, failures } = source({ pending: async () => { throw new Error('timed out'); } });
    const text = await scrape(s);
    expect(text).not.toMatch(/^hub_inbox_pending_events\{/m);
    expect(text).toContain('hub_conflicts_open{entity_type="contact"} 2');
    expect(failures.sort()).toEqual(['hub_inbox_oldest_pending_age_seconds', 'hub_inbox_pending_events']);
  });
});
