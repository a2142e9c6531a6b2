import type { EntityManager } from 'typeorm';
import type { CanonicalRecord } from '../../catalog/catalog.types';
import type { ActiveConfig, SystemEntityBinding } from '../../config/active-config';
import type { EventOutcome, InboxEvent } from './pipeline.types';

/**
 * What the delivery ledger knows about one batch's records (what the hub wrote to each system, what each
 * acknowledged, the system's record version), loaded once per batch and then asked synchronously while the
 * batch decides in memory. The delivery module owns the ledger and implements this port; the pipeline only
 * asks and reports, so golden-records imports nothing from delivery.
 */
export interface BatchLedger {
  /**
   * Whether the system reports exactly a state the hub wrote there (an echo of the hub's own delivery).
   * `changedAt`: when the system says the change was made (ISO 8601), else when it was received. A real change
   * made after the last acknowledged write makes the ledger forget its writes when the batch is flushed.
   */
  isEcho(binding: SystemEntityBinding, goldenId: string, record: CanonicalRecord, changedAt: string): boolean;
  /**
   * After an echo: whether the system now holds stale values that nothing already on its way will replace, so
   * golden must be written to it again.
   */
  needsRewrite(binding: SystemEntityBinding, goldenId: string, record: CanonicalRecord, golden: CanonicalRecord): boolean;
  /**
   * Conditional writes: a state of the system's record that the hub already merged or knowingly overwrote (the
   * same version, or an older one), which applying again would take for a new change back to old values.
   */
  alreadySeen(ev: InboxEvent, binding: SystemEntityBinding, goldenId: string): boolean;
  /** Each event's outcome, in inbox order: the versions the batch merged count for later events of the batch. */
  note(ev: InboxEvent, outcome: EventOutcome): void;
  /**
   * Writes what the batch learned, in the batch's transaction, after its outbox rows: a delivery claim locks
   * outbox rows and then ledger rows, and the batch must take them in the same order.
   */
  flush(m: EntityManager): Promise<void>;
}

export interface DeliveryLedgerPort {
  /** The ledger state of these (system, golden record) pairs, read in one statement of the batch's transaction. */
  loadBatch(m: EntityManager, active: ActiveConfig, keys: { system: string; goldenId: string }[]): Promise<BatchLedger>;
}
