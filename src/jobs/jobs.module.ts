import { Module } from '@nestjs/common';
import { AuditModule } from '../admin/audit/audit.module';
import { JobHandlerRegistry } from './job-handler.registry';
import { JobRunnerService } from './job-runner.service';
import { JobsController } from './jobs.controller';
import { JobsResolver } from './jobs.resolver';
import { JobsService } from './jobs.service';

/**
 * The generic job runner and the jobs API. Feature modules import it to register their job kinds
 * (JobHandlerRegistry) and to queue jobs in their own transactions (JobsService.enqueue); it imports no feature.
 */
@Module({
  imports: [AuditModule],
  controllers: [JobsController],
  providers: [JobHandlerRegistry, JobRunnerService, JobsService, JobsResolver],
  exports: [JobHandlerRegistry, JobRunnerService, JobsService],
})
export class JobsModule {}
