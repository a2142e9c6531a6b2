import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-type-json';
import type { Actor } from '../admin/auth/actor';
import { CurrentActor, RequireRole } from '../admin/auth/auth.decorators';
import { toConnection } from '../common/connection';
import { ConflictQueryService } from './conflict-query.service';
import { ConflictResolutionItemDto } from './conflict-resolution.dto';
import { ConflictResolutionService } from './conflict-resolution.service';
import { ConflictConnectionModel, ConflictFacetsModel, ConflictModel, ConflictResolutionOutcomeModel, ConflictStatusEnum, ConflictAgeEnum } from './conflict.model';

const STATUS = { type: () => ConflictStatusEnum, nullable: true } as const;
const FIELD = { type: () => String, nullable: true, description: 'canonical field name' } as const;
const SYSTEM = { type: () => String, nullable: true, description: 'a system among the candidates' } as const;
const AGE = { type: () => ConflictAgeEnum, nullable: true, description: 'hour (< 1 h) | day (1-24 h) | week (1-7 days) | older (> 7 days)' } as const;

@Resolver(() => ConflictModel)
export class ConflictResolver {
  constructor(
    private readonly queries: ConflictQueryService,
    private readonly resolution: ConflictResolutionService,
  ) {}

  @Query(() => ConflictConnectionModel, { description: 'Conflicts, newest first; every filter is optional and they combine' })
  async conflicts(
    @CurrentActor() actor: Actor,
    @Args('status', STATUS) status?: string | null,
    @Args('entityType', { type: () => String, nullable: true }) entityType?: string | null,
    @Args('field', FIELD) field?: string | null,
    @Args('system', SYSTEM) system?: string | null,
    @Args('age', AGE) age?: string | null,
    @Args('goldenRecordId', { type: () => ID, nullable: true, description: "one golden record's conflicts" }) goldenRecordId?: string | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<ConflictConnectionModel> {
    return toConnection(await this.queries.list({ status, entityType, field, system, age, goldenRecordId, first, after }, actor));
  }

  @Query(() => ConflictFacetsModel, { description: 'Conflict counts per status, entity type, field, system and age under the given filters' })
  conflictFacets(
    @Args('status', STATUS) status?: string | null,
    @Args('entityType', { type: () => String, nullable: true }) entityType?: string | null,
    @Args('field', FIELD) field?: string | null,
    @Args('system', SYSTEM) system?: string | null,
    @Args('age', AGE) age?: string | null,
  ): Promise<ConflictFacetsModel> {
    return this.queries.facets({ status, entityType, field, system, age });
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

  @Mutation(() => [ConflictResolutionOutcomeModel], {
    description: 'Resolve several conflicts, each in its own transaction; one outcome per item, in order (a failed item does not stop the others)',
  })
  @RequireRole('steward')
  resolveConflicts(
    @CurrentActor() actor: Actor,
    @Args('items', { type: () => [ConflictResolutionItemDto] }) items: ConflictResolutionItemDto[],
  ): Promise<ConflictResolutionOutcomeModel[]> {
    return this.resolution.resolveMany(items, actor);
  }
}
