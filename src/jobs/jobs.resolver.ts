import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../admin/auth/actor';
import { CurrentActor, RequireRole } from '../admin/auth/auth.decorators';
import { toConnection } from '../common/connection';
import { AFTER_ARG, FIRST_ARG } from '../common/page-args';
import { JobConnectionModel, JobModel, JobStatusEnum } from './job.model';
import { JobsService } from './jobs.service';

@Resolver(() => JobModel)
export class JobsResolver {
  constructor(private readonly service: JobsService) {}

  @Query(() => JobConnectionModel, { description: 'Jobs, newest first' })
  async jobs(
    @Args('status', { type: () => JobStatusEnum, nullable: true, description: 'only jobs in this status' }) status?: string | null,
    @Args('kind', { type: () => String, nullable: true, description: 'only jobs of this kind (recompute, suspect-scan)' }) kind?: string | null,
    @Args('first', FIRST_ARG) first?: number | null,
    @Args('after', AFTER_ARG) after?: string | null,
  ): Promise<JobConnectionModel> {
    return toConnection(await this.service.list({ status, kind, first, after }));
  }

  @Query(() => JobModel, { nullable: true, description: 'One job; null when there is none with this id' })
  job(@Args('id', { type: () => ID, description: 'job id (Job.id); not a positive integer: INVALID_ID' }) id: string): Promise<JobModel | null> {
    return this.service.find(id);
  }

  @Mutation(() => JobModel, { description: 'Cancel a queued or running job at once (a running one stops at its next checkpoint; the batch in progress is rolled back); audited. Role: admin. Errors: JOB_NOT_FOUND, JOB_NOT_CANCELLABLE.' })
  @RequireRole('admin')
  cancelJob(@CurrentActor() actor: Actor, @Args('id', { type: () => ID, description: 'job id (Job.id)' }) id: string): Promise<JobModel> {
    return this.service.cancel(id, actor);
  }

  @Mutation(() => JobModel, {
    description: 'Queue a failed or cancelled job again, to resume from its checkpoint; audited. Role: admin. '
      + 'Errors: JOB_NOT_FOUND, JOB_NOT_RETRYABLE (not failed or cancelled, or a newer job for the same kind and key is open).',
  })
  @RequireRole('admin')
  retryJob(@CurrentActor() actor: Actor, @Args('id', { type: () => ID, description: 'job id (Job.id)' }) id: string): Promise<JobModel> {
    return this.service.retry(id, actor);
  }
}
