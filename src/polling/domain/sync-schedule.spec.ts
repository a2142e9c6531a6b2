import { describe, expect, it } from 'vitest';
import { hubConfigSchema } from '../../config/hub-config.schema';
import { diffJobs, jobSignature, overlapMs, RECONCILE_CRON, scheduledJobs } from './sync-schedule';

const config = hubConfigSchema.parse({
  systems: {
    A: {
      adapter: { type: 'http', baseUrl: 'http://127.0.0.1:1' },
      poll: { every: '5m', overlap: '10s' },
      entities: { contact: { name: 'contacts' }, user: { name: 'users', direction: 'out' } },
    },
    C: { adapter: { type: 'postgres', url: 'postgres://x/y' }, poll: { cron: '*/2 * * * *' }, entities: { inventory: { name: 'stock_items' } } },
    N: { adapter: { type: 'webhook', url: 'http://127.0.0.1:2', secret: 'whsec_x' }, direction: 'out', entities: { contact: { name: 'c' } } },
    W: { webhookSecret: 'whsec_x', entities: { contact: { name: 'c' } } },
    H: { adapter: { type: 'http', baseUrl: 'http://127.0.0.1:3' }, entities: { contact: { name: 'c' } } },
  },
});

describe('scheduledJobs', () => {
  it('polls each inbound entity type of a polled system and reconciles every listable one', () => {
    const jobs = scheduledJobs(config);
    expect(jobs).toEqual([
      { key: 'poll:A:contact', kind: 'poll', system: 'A', entityType: 'contact', everyMs: 300_000 },
      { key: 'reconcile:A:contact', kind: 'reconcile', system: 'A', entityType: 'contact', cron: RECONCILE_CRON },
      { key: 'poll:C:inventory', kind: 'poll', system: 'C', entityType: 'inventory', cron: '*/2 * * * *' },
      { key: 'reconcile:C:inventory', kind: 'reconcile', system: 'C', entityType: 'inventory', cron: RECONCILE_CRON },
      { key: 'reconcile:H:contact', kind: 'reconcile', system: 'H', entityType: 'contact', cron: RECONCILE_CRON },
    ]);
  });

  it('re-registers only jobs whose schedule changed', () => {
    const jobs = scheduledJobs(config);
    const registered = new Map(jobs.map((j) => [j.key, jobSignature(j)]));
    registered.set('poll:Z:contact', 'poll:Z:contact|every:1000');
    const changed = jobs.map((j) => (j.key === 'poll:A:contact' ? { ...j, everyMs: 1000 } : j));
    const diff = diffJobs(registered, changed);
    expect(diff.remove.sort()).toEqual(['poll:A:contact', 'poll:Z:contact']);
    expect(diff.add.map((j) => j.key)).toEqual(['poll:A:contact']);
  });

  it('overlap defaults to 60 s', () => {
    expect(overlapMs(config.systems.A)).toBe(10_000);
    expect(overlapMs(config.systems.C)).toBe(60_000);
  });
});
