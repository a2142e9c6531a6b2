import { Args, Context, GraphQLISODateTime, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-type-json';
import type { Actor } from '../../admin/auth/actor';
import { CurrentActor } from '../../admin/auth/auth.decorators';
import { ConflictModel, ConflictStatusEnum } from '../../conflicts/conflict.model';
import { ConflictQueryService } from '../../conflicts/conflict-query.service';
import { toConnection } from '../../common/connection';
import { AFTER_ARG, FIRST_ARG } from '../../common/page-args';
import { GoldenRecordQueryService } from './golden-record-query.service';
import {
  GoldenRecordConnectionModel, GoldenRecordModel, GoldenRecordSnapshotModel, GoldenVersionConnection, GoldenVersionModel, SourceRefModel,
} from './golden-record.model';
import type { ConnectionShape } from '../../common/page-models';

/** GraphQL reads over golden records. `req` (one per request) scopes the batching of the list fields. */
@Resolver(() => GoldenRecordModel)
export class GoldenRecordResolver {
  constructor(
    private readonly records: GoldenRecordQueryService,
    private readonly conflictQueries: ConflictQueryService,
  ) {}

  @Query(() => GoldenRecordModel, { nullable: true, description: 'A golden record by id, tombstoned ones included; null when there is none. Sensitive values are masked for non-admins.' })
  goldenRecord(
    @CurrentActor() actor: Actor,
    @Context('req') req: object,
    @Args('id', { type: () => ID, description: 'golden record id (uuid); not a uuid: INVALID_ID' }) id: string,
  ): Promise<GoldenRecordModel | null> {
    return this.records.findById(id, actor, req);
  }

  @Query(() => GoldenRecordModel, { nullable: true, description: 'The golden record a source system record is linked to; null when none is. Errors: ENTITY_TYPE_UNKNOWN.' })
  goldenRecordBySource(
    @CurrentActor() actor: Actor,
    @Args('system', { description: 'the source system key' }) system: string,
    @Args('entityType', { description: 'entity type name' }) entityType: string,
    @Args('externalId', { description: "the record's id in that system" }) externalId: string,
  ): Promise<GoldenRecordModel | null> {
    return this.records.findBySource(system, entityType, externalId, actor);
  }

  @Query(() => GoldenRecordConnectionModel, {
    description: 'Golden records of one entity type, by id, filtered by field equality and searched by prefix. Errors: ENTITY_TYPE_UNKNOWN, INVALID_FILTER, INVALID_SEARCH.',
  })
  async goldenRecords(
    @CurrentActor() actor: Actor,
    @Args('entityType', { description: 'entity type name (EntityType.name)' }) entityType: string,
    @Args('filter', { type: () => GraphQLJSON, nullable: true, description: '{ canonicalField: value, … }; objects match partially' })
    filter?: unknown,
    @Args('search', {
      type: () => String, nullable: true,
      description: 'case-insensitive prefix of words of any string value (name, e-mail, …) or of a source record id; every word must match',
    })
    search?: string | null,
    @Args('first', FIRST_ARG) first?: number | null,
    @Args('after', AFTER_ARG) after?: string | null,
    @Args('includeDeleted', { type: () => Boolean, nullable: true, defaultValue: false, description: 'true: tombstoned records too' }) includeDeleted?: boolean | null,
  ): Promise<GoldenRecordConnectionModel> {
    return toConnection(await this.records.list(entityType, { filter, search, first, after, includeDeleted }, actor));
  }

  @ResolveField(() => [SourceRefModel], { description: 'the source system records linked to this one (cross-references), values masked by role' })
  sources(@Parent() record: GoldenRecordModel, @CurrentActor() actor: Actor, @Context('req') req: object): Promise<SourceRefModel[]> {
    return this.records.sources(record, actor, req);
  }

  @ResolveField(() => GoldenVersionConnection, { description: 'Versions, oldest first' })
  async versions(
    @Parent() record: GoldenRecordModel,
    @CurrentActor() actor: Actor,
    @Context('req') req: object,
    @Args('first', FIRST_ARG) first?: number | null,
    @Args('after', AFTER_ARG) after?: string | null,
  ): Promise<ConnectionShape<GoldenVersionModel>> {
    return toConnection(await this.records.versions(record, actor, { first, after }, req));
  }

  // Named atVersion because `version` is already the record's current version number.
  @ResolveField(() => GoldenVersionModel, { nullable: true, description: 'One version of this record; null when it does not exist' })
  atVersion(
    @Parent() record: GoldenRecordModel,
    @CurrentActor() actor: Actor,
    @Args('version', { type: () => Int, description: 'the version number, from 1' }) version: number,
  ): Promise<GoldenVersionModel | null> {
    return this.records.findVersion(record, version, actor);
  }

  @ResolveField(() => GoldenRecordSnapshotModel, { nullable: true, description: 'The version in force at a time; null before the record existed' })
  asOf(
    @Parent() record: GoldenRecordModel,
    @CurrentActor() actor: Actor,
    @Args('at', { type: () => GraphQLISODateTime, description: 'the instant to read the record at' }) at: Date,
  ): Promise<GoldenRecordSnapshotModel | null> {
    return this.records.asOf(record, at, actor);
  }

  @ResolveField(() => GraphQLJSON, { description: 'RFC 6902 JSON Patch from version `from` to version `to` (sensitive values masked). Errors: VERSION_NOT_FOUND.' })
  diff(
    @Parent() record: GoldenRecordModel,
    @CurrentActor() actor: Actor,
    @Args('from', { type: () => Int, description: 'the version to compare from' }) from: number,
    @Args('to', { type: () => Int, description: 'the version to compare to (may be older than from)' }) to: number,
  ): Promise<unknown> {
    return this.records.diff(record, from, to, actor);
  }

  @ResolveField(() => [ConflictModel], { description: 'Conflicts on this record, newest first' })
  conflicts(
    @Parent() record: GoldenRecordModel,
    @CurrentActor() actor: Actor,
    @Context('req') req: object,
    @Args('status', { type: () => ConflictStatusEnum, nullable: true, description: 'only conflicts in this status; all when left out' }) status?: string | null,
  ): Promise<ConflictModel[]> {
    return this.conflictQueries.forRecord(record, status, actor, req);
  }
}
