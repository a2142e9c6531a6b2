import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../admin/auth/actor';
import { CurrentActor, RequireRole } from '../admin/auth/auth.decorators';
import { toConnection } from '../common/connection';
import { AFTER_ARG, FIRST_ARG } from '../common/page-args';
import type { ConnectionShape } from '../common/page-models';
import { InferredDeleteService } from './inferred-delete.service';
import type { InferredDeleteStatus } from './inferred-delete.types';
import { InferredDeleteConnection, InferredDeleteModel, InferredDeleteStatusEnum } from './sync-run.model';

const INFERRED_DELETE_ID = { type: () => ID, description: 'inferred delete id (InferredDelete.id, a uuid)' } as const;

/** GraphQL twin of InferredDeletesController: the review queue of deletes inferred by reconciliation. */
@Resolver(() => InferredDeleteModel)
export class InferredDeleteResolver {
  constructor(private readonly inferred: InferredDeleteService) {}

  @Query(() => InferredDeleteConnection, { description: 'Inferred deletes, newest first; status pending is the review queue' })
  async inferredDeletes(
    @Args('system', { type: () => String, nullable: true, description: 'only records gone from this system' }) system?: string | null,
    @Args('entityType', { type: () => String, nullable: true, description: 'only records of this entity type' }) entityType?: string | null,
    @Args('status', { type: () => InferredDeleteStatusEnum, nullable: true, description: 'only in this status (pending: the review queue)' }) status?: InferredDeleteStatus | null,
    @Args('first', FIRST_ARG) first?: number | null,
    @Args('after', AFTER_ARG) after?: string | null,
  ): Promise<ConnectionShape<InferredDeleteModel>> {
    return toConnection(await this.inferred.list({
      system: system ?? undefined, entityType: entityType ?? undefined, status: status ?? undefined, first: first ?? undefined, after: after ?? undefined,
    }));
  }

  @Query(() => InferredDeleteModel, { nullable: true, description: 'One inferred delete; null when there is none' })
  inferredDelete(@Args('id', INFERRED_DELETE_ID) id: string): Promise<InferredDeleteModel | null> {
    return this.inferred.find(id);
  }

  @Mutation(() => InferredDeleteModel, {
    description: 'Delete the golden record as the system did (asks the system first that the record is still gone); audited. Role: steward or admin. '
      + 'Errors: INFERRED_DELETE_NOT_FOUND, INFERRED_DELETE_DECIDED, INFERRED_DELETE_OBSOLETE (the record came back), SYSTEM_UNAVAILABLE.',
  })
  @RequireRole('steward')
  approveInferredDelete(@CurrentActor() actor: Actor, @Args('id', INFERRED_DELETE_ID) id: string): Promise<InferredDeleteModel> {
    return this.inferred.approve(id, actor);
  }

  @Mutation(() => InferredDeleteModel, {
    description: 'Keep the golden record; later reconciliations do not raise it again; audited. Role: steward or admin. Errors: INFERRED_DELETE_NOT_FOUND, INFERRED_DELETE_DECIDED.',
  })
  @RequireRole('steward')
  dismissInferredDelete(@CurrentActor() actor: Actor, @Args('id', INFERRED_DELETE_ID) id: string): Promise<InferredDeleteModel> {
    return this.inferred.dismiss(id, actor);
  }
}
