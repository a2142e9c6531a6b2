import { Args, Context, GraphQLISODateTime, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-type-json';
import type { Actor } from '../../admin/auth/actor';
import { CurrentActor } from '../../admin/auth/auth.decorators';
import { ConflictModel } from '../../conflicts/conflict.model';
import { ConflictQueryService } from '../../conflicts/conflict-query.service';
import { toConnection } from './connection';
import { GoldenRecordQueryService } from './golden-record-query.service';
import {
  GoldenRecordConnectionModel, GoldenRecordModel, GoldenRecordSnapshotModel, GoldenVersionModel, SourceRefModel,
} from './golden-record.model';

/** GraphQL reads over golden records. `req` (one per request) scopes the batching of the list fields. */
@Resolver(() => GoldenRecordModel)
export class GoldenRecordResolver {
  constructor(
    private readonly records: GoldenRecordQueryService,
    private readonly conflictQueries: ConflictQueryService,
  ) {}

  @Query(() => GoldenRecordModel, { nullable: true, description: 'A golden record by id; null when there is none' })
  goldenRecord(
    @CurrentActor() actor: Actor,
    @Context('req') req: object,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<GoldenRecordModel | null> {
    return this.records.findById(id, actor, req);
  }

  @Query(() => GoldenRecordModel, { nullable: true, description: 'The golden record a source system record is linked to' })
  goldenRecordBySource(
    @CurrentActor() actor: Actor,
    @Args('system') system: string,
    @Args('entityType') entityType: string,
    @Args('externalId') externalId: string,
  ): Promise<GoldenRecordModel | null> {
    return this.records.findBySource(system, entityType, externalId, actor);
  }

  @Query(() => GoldenRecordConnectionModel, { description: 'Golden records of one entity type, by id, filtered by field equality' })
  async goldenRecords(
    @CurrentActor() actor: Actor,
    @Args('entityType') entityType: string,
    @Args('filter', { type: () => GraphQLJSON, nullable: true, description: '{ canonicalField: value, … }; objects match partially' })
    filter?: unknown,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
    @Args('includeDeleted', { type: () => Boolean, nullable: true, defaultValue: false }) includeDeleted?: boolean | null,
  ): Promise<GoldenRecordConnectionModel> {
    return toConnection(await this.records.list(entityType, { filter, first, after, includeDeleted }, actor));
  }

  @ResolveField(() => [SourceRefModel])
  sources(@Parent() record: GoldenRecordModel, @CurrentActor() actor: Actor, @Context('req') req: object): Promise<SourceRefModel[]> {
    return this.records.sources(record, actor, req);
  }

  @ResolveField(() => [GoldenVersionModel], { description: 'All versions, oldest first' })
  versions(@Parent() record: GoldenRecordModel, @CurrentActor() actor: Actor, @Context('req') req: object): Promise<GoldenVersionModel[]> {
    return this.records.versions(record, actor, req);
  }

  // Named atVersion because `version` is already the record's current version number.
  @ResolveField(() => GoldenVersionModel, { nullable: true, description: 'One version of this record; null when it does not exist' })
  atVersion(
    @Parent() record: GoldenRecordModel,
    @CurrentActor() actor: Actor,
    @Args('version', { type: () => Int }) version: number,
  ): Promise<GoldenVersionModel | null> {
    return this.records.findVersion(record, version, actor);
  }

  @ResolveField(() => GoldenRecordSnapshotModel, { nullable: true, description: 'The version in force at a time; null before the record existed' })
  asOf(
    @Parent() record: GoldenRecordModel,
    @CurrentActor() actor: Actor,
    @Args('at', { type: () => GraphQLISODateTime }) at: Date,
  ): Promise<GoldenRecordSnapshotModel | null> {
    return this.records.asOf(record, at, actor);
  }

  @ResolveField(() => GraphQLJSON, { description: 'RFC 6902 JSON Patch from version `from` to version `to`' })
  diff(
    @Parent() record: GoldenRecordModel,
    @CurrentActor() actor: Actor,
    @Args('from', { type: () => Int }) from: number,
    @Args('to', { type: () => Int }) to: number,
  ): Promise<unknown> {
    return this.records.diff(record, from, to, actor);
  }

  @ResolveField(() => [ConflictModel], { description: 'Conflicts on this record, newest first' })
  conflicts(
    @Parent() record: GoldenRecordModel,
    @CurrentActor() actor: Actor,
    @Context('req') req: object,
    @Args('status', { type: () => String, nullable: true, description: 'auto_resolved | open | resolved | superseded' }) status?: string | null,
  ): Promise<ConflictModel[]> {
    return this.conflictQueries.forRecord(record, status, actor, req);
  }
}
