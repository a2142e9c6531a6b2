import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-type-json';
import type { Actor } from '../admin/auth/actor';
import { CurrentActor, RequireRole } from '../admin/auth/auth.decorators';
import { toConnection } from '../golden-records/read/connection';
import { ConflictQueryService } from './conflict-query.service';
import { ConflictResolutionService } from './conflict-resolution.service';
import { ConflictConnectionModel, ConflictModel } from './conflict.model';

@Resolver(() => ConflictModel)
export class ConflictResolver {
  constructor(
    private readonly queries: ConflictQueryService,
    private readonly resolution: ConflictResolutionService,
  ) {}

  @Query(() => ConflictConnectionModel, { description: 'Conflicts, newest first' })
  async conflicts(
    @CurrentActor() actor: Actor,
    @Args('status', { type: () => String, nullable: true, description: 'auto_resolved | open | resolved | superseded' }) status?: string | null,
    @Args('entityType', { type: () => String, nullable: true }) entityType?: string | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<ConflictConnectionModel> {
    return toConnection(await this.queries.list({ status, entityType, first, after }, actor));
  }

  @Query(() => ConflictModel, { nullable: true, description: 'One conflict; null when there is none with this id' })
  conflict(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<ConflictModel | null> {
    return this.queries.find(id, actor);
  }

  @Mutation(() => ConflictModel, {
    nullable: true,
    description: "Resolve a conflict with one candidate system's value or an explicit value (exactly one); the field is then pinned",
  })
  @RequireRole('steward')
  resolveConflict(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('system', { type: () => String, nullable: true }) system?: string | null,
    @Args('value', { type: () => GraphQLJSON, nullable: true, description: 'canonical value; null means empty' }) value?: unknown,
  ): Promise<ConflictModel> {
    return this.resolution.resolve(id, { system, value }, actor);
  }
}
