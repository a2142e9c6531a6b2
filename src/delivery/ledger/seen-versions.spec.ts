import { describe, expect, it } from 'vitest';
import type { ActiveConfig } from '../../config/active-config';
import type { EventOutcome, InboxEvent } from '../../golden-records/pipeline/pipeline.types';
import { binding, deliveryTestConfig } from '../testing/delivery-config.fixture';
import { type LedgerVersionLookup, SeenVersions } from './seen-versions';

/** System B of the delivery fixture, writing conditionally on its updated_at. */
function conditionalConfig(): ActiveConfig {
  const active = deliveryTestConfig();
  const B = active.config.systems.B;
  B.adapter = { type: 'http', baseUrl: 'http://127.0.0.1:2', conditionalWrites: true };
  B.entities.contact.updatedAt = 'updated_at';
  return active;
}

const event = (updatedAt: string, id = '1'): InboxEvent => ({
  id, system: 'B', eventId: `e${id}`, eventType: 'customers.updated', entityType: 'contact', action: 'upsert', externalId: 'b-1',
  payload: { customer_id: 'b-1', updated_at: updatedAt }, origin: 'webhook', sourceTimestamp: updatedAt, receivedAt: '2024-01-01T00:00:09.000Z', correlationId: null,
});
const applied = (ev: InboxEvent): EventOutcome => ({ id: ev.id, system: 'B', status: 'applied', goldenId: 'g-1', goldenVersion: 2 });

describe('SeenVersions', () => {
  const active = conditionalConfig();
  const B = binding(active, 'B');
  const ledger: LedgerVersionLookup = () => ({ version: '2024-01-01T00:00:05.000Z', at: '2024-01-01T00:00:05.000Z' });

  it('a state the hub already merged (same version) or one older than it is already seen; a newer one is not', () => {
    const seen = new SeenVersions(active, ledger);
    expect(seen.alreadySeen(event('2024-01-01T00:00:05.000Z'), B, 'g-1')).toBe(true);
    expect(seen.alreadySeen(event('2024-01-01T00:00:04.000Z'), B, 'g-1')).toBe(true);
    expect(seen.alreadySeen(event('2024-01-01T00:00:06.000Z'), B, 'g-1')).toBe(false);
  });

  it('follows the batch: a refresh merged earlier in the same batch makes its late webhook a repeat', () => {
    const seen = new SeenVersions(active, () => undefined);
    const refresh = event('2024-01-01T00:00:07.000Z', '1');
    expect(seen.alreadySeen(refresh, B, 'g-1')).toBe(false);
    seen.note(refresh, applied(refresh));
    expect(seen.alreadySeen(event('2024-01-01T00:00:07.000Z', '2'), B, 'g-1')).toBe(true);
    // a skipped event does not move what was seen
    const old = event('2024-01-01T00:00:01.000Z', '3');
    seen.note(old, { ...applied(old), status: 'noop', reason: 'VERSION_ALREADY_SEEN' });
    expect(seen.alreadySeen(event('2024-01-01T00:00:06.000Z', '4'), B, 'g-1')).toBe(true);
  });

  it("the version of another of the system's records (two after a merge) does not judge this one", () => {
    const other: LedgerVersionLookup = () => ({ version: '2024-01-01T00:00:05.000Z', at: '2024-01-01T00:00:05.000Z', externalId: 'b-2' });
    const seen = new SeenVersions(active, other);
    expect(seen.alreadySeen(event('2024-01-01T00:00:05.000Z'), B, 'g-1')).toBe(false);
    expect(seen.alreadySeen(event('2024-01-01T00:00:04.000Z'), B, 'g-1')).toBe(false);
    seen.note(event('2024-01-01T00:00:03.000Z'), applied(event('2024-01-01T00:00:03.000Z')));
    expect(seen.merged()).toEqual([expect.objectContaining({ externalId: 'b-1', version: '2024-01-01T00:00:03.000Z' })]);
  });

  it('systems without conditional writes are never judged by version', () => {
    const plain = deliveryTestConfig();
    const seen = new SeenVersions(plain, ledger);
    expect(seen.alreadySeen(event('2024-01-01T00:00:01.000Z'), binding(plain, 'B'), 'g-1')).toBe(false);
  });
});
