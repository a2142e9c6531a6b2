import type { EntityManager } from 'typeorm';
import type { CanonicalRecord } from '../../catalog/catalog.types';
import type { ActiveConfig, SystemEntityBinding } from '../../config/active-config';
import type { BatchLedger } from '../../golden-records/pipeline/delivery-ledger.port';
import type { EventOutcome, InboxEvent } from '../../golden-records/pipeline/pipeline.types';
import { wakeRefusedDeliveries } from '../delivery-results.repository';
import { clearEchoHashes, type LedgerEntry, recordRemoteVersions } from './delivery-ledger.repository';
import { EchoMemory } from './echo-memory';
import { SeenVersions } from './seen-versions';

/**
 * The delivery ledger as one pipeline batch sees it: the entries read for its records, the echo memory and the
 * versions seen that the batch asks in memory, and the writes of what it learned.
 */
export class BatchLedgerState implements BatchLedger {
  private readonly echoes: EchoMemory;
  private readonly versions: SeenVersions;

  constructor(active: ActiveConfig, entries: Map<string, LedgerEntry>) {
    this.echoes = new EchoMemory(entries);
    this.versions = new SeenVersions(active, (system, goldenId) => this.echoes.remoteVersion(system, goldenId));
  }

  isEcho(binding: SystemEntityBinding, goldenId: string, record: CanonicalRecord, changedAt: string): boolean {
    return this.echoes.isEcho(binding, goldenId, record, changedAt);
  }

  needsRewrite(binding: SystemEntityBinding, goldenId: string, record: CanonicalRecord, golden: CanonicalRecord): boolean {
    return this.echoes.needsRewrite(binding, goldenId, record, golden);
  }

  alreadySeen(ev: InboxEvent, binding: SystemEntityBinding, goldenId: string): boolean {
    return this.versions.alreadySeen(ev, binding, goldenId);
  }

  note(ev: InboxEvent, outcome: EventOutcome): void {
    this.versions.note(ev, outcome);
  }

  /** Outbox rows first (refused deliveries woken), then ledger rows: the order a delivery claim locks them in. */
  async flush(m: EntityManager): Promise<void> {
    await wakeRefusedDeliveries(m, this.versions.decidedRecords());
    await recordRemoteVersions(m, this.versions.merged());
    await clearEchoHashes(m, this.echoes.forgotten());
  }
}
