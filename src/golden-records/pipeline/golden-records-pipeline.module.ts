import { Global, Module } from '@nestjs/common';
import { InboxWorkerService } from './inbox-worker.service';
import { PipelineHooks } from './pipeline-hooks';

@Global()
@Module({
  providers: [InboxWorkerService, PipelineHooks],
  exports: [InboxWorkerService, PipelineHooks],
})
export class GoldenRecordsPipelineModule {}
