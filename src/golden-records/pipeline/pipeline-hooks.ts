import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
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
 * so golden-records stays independent of what reacts to it.
 */
@Injectable()
export class PipelineHooks {
  readonly inTransaction: GoldenChangeListener[] = [];
  readonly afterCommit: BatchCommittedListener[] = [];

  onChanges(listener: GoldenChangeListener): void {
    this.inTransaction.push(listener);
  }

  onCommitted(listener: BatchCommittedListener): void {
    this.afterCommit.push(listener);
  }
}
