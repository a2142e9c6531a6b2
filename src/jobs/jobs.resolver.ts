import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../admin/auth/actor';
import { CurrentActor, RequireRole } from '../admin/auth/auth.decorators';
import { toConnection } from '../common/connection';
import { JobConnectionModel, JobModel, JobStatusEnum } from './job.model';
import { JobsService } from './jobs.service';

@Resolver(() => JobModel)
export class JobsResolver {
  constructor(private readonly service: JobsService) {}

  @Query(() => JobConnectionModel, { description: 'Jobs, newest first' })
  async jobs(
    @Args('status', { type: () => JobStatusEnum, nullable: true }) status?: string | null,
    @Args('kind', { type: () => String, nullable: true }) kind?: string | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<JobConnectionModel> {
    return toConnection(await this.service.list({ status, kind, first, after }));
  }

  @Query(() => JobModel, { nullable: true, description: 'One job; null when there is none with this id' })
  job(@Args('id', { type: () => ID }) id: string): Promise<JobModel | null> {
    return this.service.find(id);
  }

  @Mutation(() => JobModel, { description: 'Cancel a queued or running job' })
  @RequireRole('admin')
  cancelJob(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<JobModel> {
    return this.service.cancel(id, actor);
  }

  @Mutation(() => JobModel, { description: 'Queue a failed or cancelled job again, to resume from its checkpoint' })
  @RequireRole('admin')
  retryJob(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<JobModel> {
    return this.service.retry(id, actor);
  }
}
