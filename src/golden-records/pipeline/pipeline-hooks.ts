import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DeliveryLedgerPort } from './delivery-ledger.port';
import type { CommittedBatch, GoldenChange } from './pipeline.types';

/** Called inside the batch's transaction, after golden state is written: the outbox enqueues here. */
export interface GoldenChangeListener {
  onGoldenChanges(m: EntityManager, changes: GoldenChange[]): Promise<void>;
}

/** Called after the batch commits (metrics, notifications): must not throw. */
export interface BatchCommittedListener {
  onBatchCommitted(batch: CommittedBatch): void;
}

/**
 * Other modules (delivery, observability) plug into the pipeline here instead of the pipeline importing them,
 * so golden-records stays independent of what reacts to it: listeners for golden changes, and the delivery
 * ledger the batch consults for echoes and record versions.
 */
@Injectable()
export class PipelineHooks {
  readonly inTransaction: GoldenChangeListener[] = [];
  readonly afterCommit: BatchCommittedListener[] = [];
  private ledgerPort?: DeliveryLedgerPort;

  onChanges(listener: GoldenChangeListener): void {
    this.inTransaction.push(listener);
  }

  onCommitted(listener: BatchCommittedListener): void {
    this.afterCommit.push(listener);
  }

  provideLedger(port: DeliveryLedgerPort): void {
    if (this.ledgerPort) throw new Error('a delivery ledger is already registered with the pipeline');
    this.ledgerPort = port;
  }

  /** Without it the pipeline could not tell an echo from a change: no batch runs without one. */
  get ledger(): DeliveryLedgerPort {
    if (!this.ledgerPort) throw new Error('no delivery ledger is registered with the pipeline (the delivery module provides it)');
    return this.ledgerPort;
  }
}
