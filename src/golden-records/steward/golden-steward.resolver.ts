import { Args, ID, Int, Mutation, Resolver } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-type-json';
import type { Actor } from '../../admin/auth/actor';
import { CurrentActor, RequireRole } from '../../admin/auth/auth.decorators';
import { GoldenRecordModel } from '../read/golden-record.model';
import { GoldenMergeService } from './golden-merge.service';
import { GoldenStewardService } from './golden-steward.service';

const RECORD_ID = { type: () => ID, description: 'golden record id (uuid); not a uuid: INVALID_ID' } as const;
const FIELD = { description: 'canonical field name (top level)' } as const;
const STEWARD = 'Role: steward or admin.';

/**
 * Steward mutations on golden records; the returned record's fields (sources, versions, …) resolve as in queries.
 * Each returns the record as it is after the commit: never null on success (a failure is an error with a code).
 */
@Resolver()
@RequireRole('steward')
export class GoldenStewardResolver {
  constructor(
    private readonly steward: GoldenStewardService,
    private readonly merging: GoldenMergeService,
  ) {}

  @Mutation(() => GoldenRecordModel, {
    nullable: true,
    description: `Pin a field to a value (a new version); source changes to it are then refused (and recorded as conflicts); open conflicts on the field are settled; audited. ${STEWARD} `
      + 'Errors: GOLDEN_RECORD_NOT_FOUND, GOLDEN_RECORD_DELETED, UNKNOWN_FIELD, INVALID_VALUE.',
  })
  overrideField(
    @CurrentActor() actor: Actor,
    @Args('id', RECORD_ID) id: string,
    @Args('field', FIELD) field: string,
    @Args('value', { type: () => GraphQLJSON, nullable: true, description: 'canonical value; null means empty' }) value: unknown,
  ): Promise<GoldenRecordModel> {
    return this.steward.overrideField({ id }, field, value, actor);
  }

  @Mutation(() => GoldenRecordModel, {
    nullable: true,
    description: `Unpin a field: it takes the best source value by precedence, or is removed (a new version); audited. ${STEWARD} `
      + 'Errors: GOLDEN_RECORD_NOT_FOUND, GOLDEN_RECORD_DELETED, UNKNOWN_FIELD, FIELD_NOT_OVERRIDDEN.',
  })
  releaseOverride(
    @CurrentActor() actor: Actor,
    @Args('id', RECORD_ID) id: string,
    @Args('field', FIELD) field: string,
  ): Promise<GoldenRecordModel> {
    return this.steward.releaseOverride({ id }, field, actor);
  }

  @Mutation(() => GoldenRecordModel, {
    nullable: true,
    description: `Roll back: a new version holding version toVersion's snapshot and deleted flag (the versions in between stay in history); audited. ${STEWARD} `
      + 'Errors: GOLDEN_RECORD_NOT_FOUND, VERSION_NOT_FOUND.',
  })
  rollbackGoldenRecord(
    @CurrentActor() actor: Actor,
    @Args('id', RECORD_ID) id: string,
    @Args('toVersion', { type: () => Int, description: 'the earlier version whose snapshot to bring back' }) toVersion: number,
  ): Promise<GoldenRecordModel> {
    return this.steward.rollback({ id }, toVersion, actor);
  }

  @Mutation(() => GoldenRecordModel, {
    nullable: true,
    description: `Undelete a tombstoned record as it was (a new version); audited. ${STEWARD} Errors: GOLDEN_RECORD_NOT_FOUND, GOLDEN_RECORD_NOT_DELETED.`,
  })
  restoreGoldenRecord(@CurrentActor() actor: Actor, @Args('id', RECORD_ID) id: string): Promise<GoldenRecordModel> {
    return this.steward.restore({ id }, actor);
  }

  @Mutation(() => GoldenRecordModel, {
    nullable: true,
    description: `Merge duplicateId into survivorId: the survivor takes the duplicate's source records, and its values for the fields it has none for; the duplicate is tombstoned (mergedInto points at the survivor); returns the survivor; audited. ${STEWARD} `
      + 'Errors: GOLDEN_RECORD_NOT_FOUND, GOLDEN_RECORD_DELETED, MERGE_SAME_RECORD, MERGE_TYPE_MISMATCH.',
  })
  mergeGoldenRecords(
    @CurrentActor() actor: Actor,
    @Args('survivorId', { type: () => ID, description: 'the record that stays (uuid)' }) survivorId: string,
    @Args('duplicateId', { type: () => ID, description: 'the record merged into it and tombstoned (uuid), of the same entity type' }) duplicateId: string,
  ): Promise<GoldenRecordModel> {
    return this.merging.merge({ id: survivorId }, duplicateId, actor);
  }

  @Mutation(() => GoldenRecordModel, {
    nullable: true,
    description: 'Split a source record out into a new golden record built from its values (a record a steward merge brought in: the merge is undone instead); '
      + `returns the new (or restored) record; audited. ${STEWARD} Errors: GOLDEN_RECORD_NOT_FOUND, GOLDEN_RECORD_DELETED, SOURCE_NOT_LINKED, UNMERGE_LAST_SOURCE, SOURCE_HAS_NO_DATA.`,
  })
  unmergeGoldenRecord(
    @CurrentActor() actor: Actor,
    @Args('id', RECORD_ID) id: string,
    @Args('system', { description: 'the system of the source record to split out' }) system: string,
    @Args('externalId', { description: "the source record's id in that system" }) externalId: string,
  ): Promise<GoldenRecordModel> {
    return this.merging.unmerge({ id }, system, externalId, actor);
  }
}
