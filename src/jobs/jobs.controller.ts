import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../admin/auth/actor';
import { CurrentActor, RequireRole } from '../admin/auth/auth.decorators';
import { toRestPage } from '../common/connection';
import { JobModel, JobPageModel } from './job.model';
import { ListJobsQueryDto } from './jobs.dto';
import { JobsService } from './jobs.service';

@ApiTags('jobs')
@ApiBearerAuth()
@Controller('api/jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Get()
  @ApiOperation({ operationId: 'jobs', summary: 'Jobs (recomputes after rule changes), newest first; page with ?after=<pageInfo.endCursor>' })
  @ApiOkResponse({ type: JobPageModel })
  async list(@Query() q: ListJobsQueryDto): Promise<JobPageModel> {
    return toRestPage(await this.jobs.list(q));
  }

  @Get(':id')
  @ApiOperation({ operationId: 'job', summary: 'One job: status, progress, counts, last error' })
  @ApiOkResponse({ type: JobModel })
  @ApiNotFoundResponse({ description: 'JOB_NOT_FOUND' })
  get(@Param('id') id: string): Promise<JobModel> {
    return this.jobs.get(id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({ operationId: 'cancelJob', summary: 'Cancel a queued or running job (a running one stops before its next batch commits); audited' })
  @ApiOkResponse({ type: JobModel })
  @ApiNotFoundResponse({ description: 'JOB_NOT_FOUND' })
  @ApiConflictResponse({ description: 'JOB_NOT_CANCELLABLE: the job has finished' })
  cancel(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<JobModel> {
    return this.jobs.cancel(id, actor);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({ operationId: 'retryJob', summary: 'Queue a failed or cancelled job again; it resumes from its last checkpoint; audited' })
  @ApiOkResponse({ type: JobModel })
  @ApiNotFoundResponse({ description: 'JOB_NOT_FOUND' })
  @ApiConflictResponse({ description: 'JOB_NOT_RETRYABLE: not failed or cancelled, or a newer job of its kind and key is open' })
  retry(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<JobModel> {
    return this.jobs.retry(id, actor);
  }
}
