import { Module } from '@nestjs/common';
import { AdaptersModule } from '../adapters/adapters.module';
import { AuditModule } from '../admin/audit/audit.module';
import { OpsSignalsModule } from '../common/ops-signals';
import { GoldenRecordsPipelineModule } from '../golden-records/pipeline/golden-records-pipeline.module';
import { DeliveriesController } from './deliveries.controller';
import { DeliveriesRepository } from './deliveries.repository';
import { DeliveriesResolver } from './deliveries.resolver';
import { DeliveriesService } from './deliveries.service';
import { DeliveryWorkerService } from './delivery-worker.service';
import { PipelineLedgerService } from './ledger/pipeline-ledger.service';
import { OutboxEnqueuer } from './outbox-enqueuer.service';

/**
 * Outbox and delivery: the enqueue listener on the pipeline's hooks (same transaction as each golden version),
 * the delivery ledger the pipeline consults through its port, the delivery worker, and the admin API for
 * deliveries, dead letters and the ledger.
 */
@Module({
  imports: [AdaptersModule, AuditModule, GoldenRecordsPipelineModule, OpsSignalsModule],
  controllers: [DeliveriesController],
  providers: [OutboxEnqueuer, PipelineLedgerService, DeliveryWorkerService, DeliveriesRepository, DeliveriesService, DeliveriesResolver],
  exports: [DeliveryWorkerService, DeliveriesService],
})
export class DeliveryModule {}
