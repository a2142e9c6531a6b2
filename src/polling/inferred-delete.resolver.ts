import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../admin/auth/actor';
import { CurrentActor, RequireRole } from '../admin/auth/auth.decorators';
import { toConnection } from '../common/connection';
import type { ConnectionShape } from '../common/page-models';
import { InferredDeleteService } from './inferred-delete.service';
import type { InferredDeleteStatus } from './inferred-delete.types';
import { InferredDeleteConnection, InferredDeleteModel, InferredDeleteStatusEnum } from './sync-run.model';

/** GraphQL twin of InferredDeletesController: the review queue of deletes inferred by reconciliation. */
@Resolver(() => InferredDeleteModel)
export class InferredDeleteResolver {
  constructor(private readonly inferred: InferredDeleteService) {}

  @Query(() => InferredDeleteConnection, { description: 'Inferred deletes, newest first; status pending is the review queue' })
  async inferredDeletes(
    @Args('system', { type: () => String, nullable: true }) system?: string | null,
    @Args('entityType', { type: () => String, nullable: true }) entityType?: string | null,
    @Args('status', { type: () => InferredDeleteStatusEnum, nullable: true }) status?: InferredDeleteStatus | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<ConnectionShape<InferredDeleteModel>> {
    return toConnection(await this.inferred.list({
      system: system ?? undefined, entityType: entityType ?? undefined, status: status ?? undefined, first: first ?? undefined, after: after ?? undefined,
    }));
  }

  @Query(() => InferredDeleteModel, { nullable: true, description: 'One inferred delete; null when there is none' })
  inferredDelete(@Args('id', { type: () => ID }) id: string): Promise<InferredDeleteModel | null> {
    return this.inferred.find(id);
  }

  @Mutation(() => InferredDeleteModel, { description: 'Delete the golden record as the system did (checks the record is still gone); audited' })
  @RequireRole('steward')
  approveInferredDelete(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<InferredDeleteModel> {
    return this.inferred.approve(id, actor);
  }

  @Mutation(() => InferredDeleteModel, { description: 'Keep the golden record; later reconciliations do not raise it again; audited' })
  @RequireRole('steward')
  dismissInferredDelete(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<InferredDeleteModel> {
    return this.inferred.dismiss(id, actor);
  }
}
