import { Args, ID, Int, Mutation, Resolver } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-type-json';
import type { Actor } from '../../admin/auth/actor';
import { CurrentActor, RequireRole } from '../../admin/auth/auth.decorators';
import { GoldenRecordModel } from '../read/golden-record.model';
import { GoldenMergeService } from './golden-merge.service';
import { GoldenStewardService } from './golden-steward.service';

/** Steward mutations on golden records; the returned record's fields (sources, versions, …) resolve as in queries. */
@Resolver()
@RequireRole('steward')
export class GoldenStewardResolver {
  constructor(
    private readonly steward: GoldenStewardService,
    private readonly merging: GoldenMergeService,
  ) {}

  @Mutation(() => GoldenRecordModel, { nullable: true, description: 'Pin a field to a value; source changes to it are then refused (and recorded as conflicts)' })
  overrideField(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('field') field: string,
    @Args('value', { type: () => GraphQLJSON, nullable: true, description: 'canonical value; null means empty' }) value: unknown,
  ): Promise<GoldenRecordModel> {
    return this.steward.overrideField({ id }, field, value, actor);
  }

  @Mutation(() => GoldenRecordModel, { nullable: true, description: 'Unpin a field: it takes the best source value by precedence, or is removed' })
  releaseOverride(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('field') field: string,
  ): Promise<GoldenRecordModel> {
    return this.steward.releaseOverride({ id }, field, actor);
  }

  @Mutation(() => GoldenRecordModel, { nullable: true, description: "A new version holding version toVersion's snapshot" })
  rollbackGoldenRecord(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('toVersion', { type: () => Int }) toVersion: number,
  ): Promise<GoldenRecordModel> {
    return this.steward.rollback({ id }, toVersion, actor);
  }

  @Mutation(() => GoldenRecordModel, { nullable: true, description: 'Undelete a tombstoned record' })
  restoreGoldenRecord(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<GoldenRecordModel> {
    return this.steward.restore({ id }, actor);
  }

  @Mutation(() => GoldenRecordModel, { nullable: true, description: 'Merge duplicateId into survivorId (the duplicate is tombstoned); returns the survivor' })
  mergeGoldenRecords(
    @CurrentActor() actor: Actor,
    @Args('survivorId', { type: () => ID }) survivorId: string,
    @Args('duplicateId', { type: () => ID }) duplicateId: string,
  ): Promise<GoldenRecordModel> {
    return this.merging.merge({ id: survivorId }, duplicateId, actor);
  }

  @Mutation(() => GoldenRecordModel, { nullable: true, description: 'Split a source record out into a new golden record; returns the new record' })
  unmergeGoldenRecord(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('system') system: string,
    @Args('externalId') externalId: string,
  ): Promise<GoldenRecordModel> {
    return this.merging.unmerge({ id }, system, externalId, actor);
  }
}
