import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ActiveConfig } from '../../config/active-config';
import type { BatchLedger, DeliveryLedgerPort } from '../../golden-records/pipeline/delivery-ledger.port';
import { PipelineHooks } from '../../golden-records/pipeline/pipeline-hooks';
import { BatchLedgerState } from './batch-ledger-state';
import { loadLedgerEntries } from './delivery-ledger.repository';

/** The delivery ledger, offered to the pipeline through its port (PipelineHooks): one read per batch, one flush. */
@Injectable()
export class PipelineLedgerService implements DeliveryLedgerPort, OnModuleInit {
  constructor(private readonly hooks: PipelineHooks) {}

  onModuleInit(): void {
    this.hooks.provideLedger(this);
  }

  async loadBatch(m: EntityManager, active: ActiveConfig, keys: { system: string; goldenId: string }[]): Promise<BatchLedger> {
    return new BatchLedgerState(active, await loadLedgerEntries(m, keys));
  }
}
