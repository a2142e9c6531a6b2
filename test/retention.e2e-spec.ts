import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InboxWorkerService } from '../src/golden-records/pipeline/inbox-worker.service';
import { count, startTestHub, type TestHub } from './support/test-hub';

describe('retention of the change log', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ HUB_RETENTION_DAYS: '30', HUB_WORKERS: 'off' });
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('removes processed inbox events older than HUB_RETENTION_DAYS and keeps newer and pending ones', async () => {
    const insert = `INSERT INTO inbox_event (system, event_id, event_type, entity_type, action, external_id, payload, origin, status, processed_at, received_at)
                    VALUES ('A', $1, 'contacts.updated', 'contact', 'upsert', 'x', '{}', 'webhook', $2, now() - $3::interval, now() - $3::interval)`;
    await hub.sql.query(insert, ['old-applied', 'applied', '31 days']);
    await hub.sql.query(insert, ['recent-applied', 'applied', '29 days']);
    await hub.sql.query(
      `INSERT INTO inbox_event (system, event_id, event_type, entity_type, action, external_id, payload, origin, received_at)
       VALUES ('A', 'old-pending', 'contacts.updated', 'contact', 'upsert', 'y', '{}', 'webhook', now() - interval '31 days')`,
    );

    const worker = hub.app.get(InboxWorkerService);
    // The pending event is about an unknown binding: it is rejected, not purged.
    await worker.drain();
    await worker.runOnce();

    const left = await hub.sql.query(`SELECT event_id FROM inbox_event ORDER BY event_id`);
    expect(left.rows.map((r) => r.event_id)).toEqual(['old-pending', 'recent-applied']);
    expect(await count(hub.sql, 'inbox_event', `status = 'pending'`)).toBe(0);
  });
});
