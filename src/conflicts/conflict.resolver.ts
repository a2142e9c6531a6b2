import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../admin/auth/actor';
import { CurrentActor } from '../admin/auth/auth.decorators';
import { toConnection } from '../golden-records/read/connection';
import { ConflictQueryService } from './conflict-query.service';
import { ConflictConnectionModel, ConflictModel } from './conflict.model';

@Resolver(() => ConflictModel)
export class ConflictResolver {
  constructor(private readonly queries: ConflictQueryService) {}

  @Query(() => ConflictConnectionModel, { description: 'Conflicts, newest first' })
  async conflicts(
    @CurrentActor() actor: Actor,
    @Args('status', { type: () => String, nullable: true, description: 'auto_resolved | open | resolved' }) status?: string | null,
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
}
