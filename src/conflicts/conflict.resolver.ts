import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-type-json';
import type { Actor } from '../admin/auth/actor';
import { CurrentActor, RequireRole } from '../admin/auth/auth.decorators';
import { toConnection } from '../common/connection';
import { AFTER_ARG, FIRST_ARG } from '../common/page-args';
import { ConflictQueryService } from './conflict-query.service';
import { ConflictResolutionItemDto } from './conflict-resolution.dto';
import { ConflictResolutionService } from './conflict-resolution.service';
import { ConflictConnectionModel, ConflictFacetsModel, ConflictModel, ConflictResolutionOutcomeModel, ConflictStatusEnum, ConflictAgeEnum } from './conflict.model';

const STATUS = { type: () => ConflictStatusEnum, nullable: true, description: 'only conflicts in this status' } as const;
const ENTITY_TYPE = { type: () => String, nullable: true, description: 'only conflicts on records of this entity type' } as const;
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
    @Args('entityType', ENTITY_TYPE) entityType?: string | null,
    @Args('field', FIELD) field?: string | null,
    @Args('system', SYSTEM) system?: string | null,
    @Args('age', AGE) age?: string | null,
    @Args('goldenRecordId', { type: () => ID, nullable: true, description: "one golden record's conflicts" }) goldenRecordId?: string | null,
    @Args('first', FIRST_ARG) first?: number | null,
    @Args('after', AFTER_ARG) after?: string | null,
  ): Promise<ConflictConnectionModel> {
    return toConnection(await this.queries.list({ status, entityType, field, system, age, goldenRecordId, first, after }, actor));
  }

  @Query(() => ConflictFacetsModel, { description: 'Conflict counts per status, entity type, field, system and age under the given filters' })
  conflictFacets(
    @Args('status', STATUS) status?: string | null,
    @Args('entityType', ENTITY_TYPE) entityType?: string | null,
    @Args('field', FIELD) field?: string | null,
    @Args('system', SYSTEM) system?: string | null,
    @Args('age', AGE) age?: string | null,
  ): Promise<ConflictFacetsModel> {
    return this.queries.facets({ status, entityType, field, system, age });
  }

  @Query(() => ConflictModel, { nullable: true, description: 'One conflict; null when there is none with this id' })
  conflict(@CurrentActor() actor: Actor, @Args('id', { type: () => ID, description: 'conflict id (uuid); not a uuid: INVALID_ID' }) id: string): Promise<ConflictModel | null> {
    return this.queries.find(id, actor);
  }

  @Mutation(() => ConflictModel, {
    nullable: true,
    description: "Resolve a conflict with one candidate system's value or an explicit value (exactly one); the field is then pinned; audited. "
      + 'Returns the resolved conflict (never null on success). Role: steward or admin. '
      + 'Errors: CONFLICT_NOT_FOUND, CONFLICT_ALREADY_RESOLVED, CONFLICT_SUPERSEDED, INVALID_RESOLUTION, INVALID_VALUE, GOLDEN_RECORD_DELETED.',
  })
  @RequireRole('steward')
  resolveConflict(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID, description: 'the conflict to resolve (Conflict.id)' }) id: string,
    @Args('system', { type: () => String, nullable: true, description: "take this candidate system's value (one of the systems in Conflict.values)" }) system?: string | null,
    @Args('value', { type: () => GraphQLJSON, nullable: true, description: 'canonical value; null means empty' }) value?: unknown,
  ): Promise<ConflictModel> {
    return this.resolution.resolve(id, { system, value }, actor);
  }

  @Mutation(() => [ConflictResolutionOutcomeModel], {
    description: 'Resolve several conflicts, each in its own transaction; one outcome per item, in order (a failed item does not stop the others; its code is in the outcome). '
      + 'Role: steward or admin. Errors: INVALID_BULK_SIZE (0 or more than 200 items).',
  })
  @RequireRole('steward')
  resolveConflicts(
    @CurrentActor() actor: Actor,
    @Args('items', { type: () => [ConflictResolutionItemDto], description: 'the conflicts to resolve, 1 to 200, each with exactly one of system or value' }) items: ConflictResolutionItemDto[],
  ): Promise<ConflictResolutionOutcomeModel[]> {
    return this.resolution.resolveMany(items, actor);
  }
}
