import { Global, Module } from '@nestjs/common';
import { StatisticsKeeperService } from '../../database/statistics-keeper.service';
import { InboxWorkerService } from './inbox-worker.service';
import { PipelineHooks } from './pipeline-hooks';

@Global()
@Module({
  providers: [InboxWorkerService, PipelineHooks, StatisticsKeeperService],
  exports: [InboxWorkerService, PipelineHooks],
})
export class GoldenRecordsPipelineModule {}
