import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeliveryHarness, startDeliveryHarness, waitFor, waitForOutboxIdle } from './fixtures/delivery/delivery-harness';
import { sample, seriesOf } from './support/metrics';

/** Delivery and latency metrics, checked for exact values after a known sequence of changes against real targets. */
describe('delivery metrics', () => {
  let h: DeliveryHarness;
  beforeAll(async () => {
    h = await startDeliveryHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  const metrics = async () => (await h.hub.http.get('/metrics')).text;

  it('count attempts by outcome, time them, and measure webhook → applied and applied → delivered', async () => {
    // 1. A creates a contact: applied once, delivered to B on the first attempt (C waits for its window, D filters it out).
    const aId = h.A.put({ email: 'metered@example.com', firstName: 'Met', lastName: 'Ered' });
    await h.send('A', 'contacts.created', h.A.records.get(aId)!);
    await waitFor('the create in B', () => [...h.B.records.values()].some((r) => r.email_address === 'metered@example.com'));
    await waitForOutboxIdle(h.hub);

    // 2. An update that B refuses twice with 503 before taking it: two retries, then delivered.
    let refusals = 0;
    h.B.failWith((r) => (r.method === 'PUT' && refusals++ < 2 ? { status: 503, body: { error: 'busy' } } : undefined));
    h.A.records.set(aId, { ...h.A.records.get(aId)!, lastName: 'Updated' });
    await h.send('A', 'contacts.updated', h.A.records.get(aId)!);
    await waitFor('the update in B', () => [...h.B.records.values()].some((r) => r.last_name === 'Updated'));
    await waitForOutboxIdle(h.hub);
    h.B.heal();

    // 3. A second contact that B refuses for good (422): one dead letter.
    h.B.failWith((r) => (r.method === 'POST' ? { status: 422, body: { error: 'refused' } } : undefined));
    const bad = h.A.put({ email: 'refused@example.com', firstName: 'Re', lastName: 'Fused' });
    await h.send('A', 'contacts.created', h.A.records.get(bad)!);
    await waitFor('the dead letter', async () => (await h.hub.sql.query(`SELECT 1 FROM outbox WHERE system = 'B' AND status = 'dead'`)).rowCount === 1);
    h.B.heal();

    const text = await metrics();
    expect(sample(text, 'hub_deliveries_total', { system: 'B', outcome: 'delivered' })).toBe(2);
    expect(sample(text, 'hub_deliveries_total', { system: 'B', outcome: 'retried' })).toBe(2);
    expect(sample(text, 'hub_deliveries_total', { system: 'B', outcome: 'dead' })).toBe(1);
    // Only B was written: no series for A (the origin), C (window not open) or D (filtered out).
    expect(seriesOf(text, 'hub_deliveries_total').map((l) => `${l.system}/${l.outcome}`).sort()).toEqual(['B/dead', 'B/delivered', 'B/retried']);
    expect(sample(text, 'hub_delivery_duration_seconds_count', { system: 'B' })).toBe(5);
    expect(sample(text, 'hub_applied_to_delivered_seconds_count', { system: 'B' })).toBe(2);
    // three webhooks from A, each applied once
    expect(sample(text, 'hub_webhook_to_applied_seconds_count', { system: 'A' })).toBe(3);
    expect(sample(text, 'hub_webhook_to_applied_seconds_count', { system: 'B' })).toBeUndefined();

    // Last successful sync for every configured system: A by its applied webhooks, B by its deliveries, C and D never.
    const now = Date.now() / 1000;
    for (const system of ['A', 'B']) {
      const at = sample(text, 'hub_sync_last_success_timestamp_seconds', { system })!;
      expect(now - at, system).toBeGreaterThanOrEqual(0);
      expect(now - at, system).toBeLessThan(120);
    }
    expect(sample(text, 'hub_sync_last_success_timestamp_seconds', { system: 'C' })).toBe(0);
    expect(sample(text, 'hub_sync_last_success_timestamp_seconds', { system: 'D' })).toBe(0);

    // The pool of this process: its configured maximum, and no more in use than that.
    expect(sample(text, 'hub_db_pool_connections', { state: 'max' })).toBe(20);
    expect(sample(text, 'hub_db_pool_connections', { state: 'in_use' })).toBeLessThanOrEqual(20);
    expect(sample(text, 'hub_db_pool_waiting_requests')).toBeGreaterThanOrEqual(0);
  });
});
