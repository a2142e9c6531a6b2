import { Module } from '@nestjs/common';
import { AdaptersModule } from '../adapters/adapters.module';
import { IngestModule } from '../ingest/ingest.module';
import { InferredDeleteResolver } from './inferred-delete.resolver';
import { InferredDeleteService } from './inferred-delete.service';
import { InferredDeletesController } from './inferred-deletes.controller';
import { PullService } from './pull.service';
import { ReconcileService } from './reconcile.service';
import { SyncLockService } from './sync-lock.service';
import { SyncRunQueryService } from './sync-run-query.service';
import { SyncRunResolver } from './sync-run.resolver';
import { SyncRunRepository } from './sync-run.repository';
import { SyncRunService } from './sync-run.service';
import { SyncRunnerService } from './sync-runner.service';
import { SyncSchedulerService } from './sync-scheduler.service';
import { SyncStateRepository } from './sync-state.repository';
import { SyncStatusService } from './sync-status.service';
import { SyncController } from './sync.controller';

/**
 * Scheduled polling, manual refresh, reconciliation and the sync-run log. Pulled records enter through
 * the ingest module's inbox writer, so they take the same pipeline as webhooks. SyncRunService and
 * SyncRunQueryService are exported for the delivery worker (batch windows) and the status page.
 */
@Module({
  imports: [AdaptersModule, IngestModule],
  controllers: [SyncController, InferredDeletesController],
  providers: [
    SyncRunRepository, SyncRunService, SyncRunQueryService, SyncStateRepository, SyncLockService, PullService, ReconcileService,
    InferredDeleteService, InferredDeleteResolver, SyncRunnerService, SyncSchedulerService, SyncStatusService, SyncRunResolver,
  ],
  exports: [SyncRunService, SyncRunQueryService, SyncStatusService],
})
export class PollingModule {}
