import { Module } from '@nestjs/common';
import { StatisticsKeeperService } from '../../database/statistics-keeper.service';
import { InboxWorkerService } from './inbox-worker.service';
import { PipelineHooks } from './pipeline-hooks';

/**
 * The inbox worker and the hooks other modules plug into (PipelineHooks): modules that react to golden changes
 * (delivery, observability, steward actions) import this module.
 */
@Module({
  providers: [InboxWorkerService, PipelineHooks, StatisticsKeeperService],
  exports: [InboxWorkerService, PipelineHooks],
})
export class GoldenRecordsPipelineModule {}
