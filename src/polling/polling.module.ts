import { Module } from '@nestjs/common';
import { AdaptersModule } from '../adapters/adapters.module';
import { AuditModule } from '../admin/audit/audit.module';
import { InboxModule } from '../inbox/inbox.module';
import { InferredDeleteResolver } from './inferred-delete.resolver';
import { InferredDeleteService } from './inferred-delete.service';
import { InferredDeletesController } from './inferred-deletes.controller';
import { PullService } from './pull.service';
import { ReconcileService } from './reconcile.service';
import { SyncLockService } from './sync-lock.service';
import { SyncRunQueryService } from './sync-run-query.service';
import { SyncRunResolver } from './sync-run.resolver';
import { SyncRunService } from './sync-run.service';
import { SyncRunnerService } from './sync-runner.service';
import { SyncSchedulerService } from './sync-scheduler.service';
import { SyncStatusService } from './sync-status.service';
import { SyncController } from './sync.controller';

/**
 * Scheduled polling, manual refresh, reconciliation and the sync-run log. Pulled records enter through
 * the inbox module's writer, so they take the same pipeline as webhooks. Polling owns the sync-run log; the
 * delivery module's batch windows write their runs through sync-run.repository.ts in their own transactions.
 */
@Module({
  imports: [AdaptersModule, AuditModule, InboxModule],
  controllers: [SyncController, InferredDeletesController],
  providers: [
    SyncRunService, SyncRunQueryService, SyncLockService, PullService, ReconcileService,
    InferredDeleteService, InferredDeleteResolver, SyncRunnerService, SyncSchedulerService, SyncStatusService, SyncRunResolver,
  ],
  exports: [SyncRunService, SyncRunQueryService, SyncStatusService],
})
export class PollingModule {}
