import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GraphQLJSON } from 'graphql-type-json';
import { PageInfoModel } from '../common/page-info.model';
import { graphqlEnum } from '../common/graphql-enum';
import { CONFLICT_AGES, CONFLICT_STATUSES } from './conflict.types';

export const ConflictStatusEnum = graphqlEnum(
  CONFLICT_STATUSES, 'ConflictStatus', 'auto_resolved: settled by a rule; open: waits for a steward (manual strategy); resolved: settled by a steward; superseded: a rule change decided the field anew',
);

export const ConflictAgeEnum = graphqlEnum(CONFLICT_AGES, 'ConflictAge', 'hour: < 1 h; day: 1-24 h; week: 1-7 days; older: > 7 days');

/** GraphQL object types that double as the REST response schemas. */
@ObjectType('Conflict', { description: 'Sources disagreeing on one golden field, and how it was (or is to be) settled' })
export class ConflictModel {
  @ApiProperty({ format: 'uuid' }) @Field(() => ID) id!: string;
  @ApiProperty({ format: 'uuid' }) @Field(() => ID) goldenRecordId!: string;
  @ApiProperty() @Field() entityType!: string;
  @ApiProperty() @Field() field!: string;
  @ApiProperty({ enum: CONFLICT_STATUSES }) @Field(() => ConflictStatusEnum) status!: string;
  @ApiProperty({ description: 'the survivorship rule that decided (or holds) it' }) @Field() rule!: string;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: '[{ system, value, at }]' })
  @Field(() => GraphQLJSON, { description: 'the candidates: [{ system, value, at }]' })
  values!: unknown[];
  @ApiPropertyOptional({ type: String, nullable: true }) @Field(() => String, { nullable: true }) winner!: string | null;
  @ApiPropertyOptional({ nullable: true }) @Field(() => GraphQLJSON, { nullable: true }) winningValue!: unknown;
  @ApiPropertyOptional({ type: Number, nullable: true }) @Field(() => Int, { nullable: true }) goldenVersion!: number | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'inbox event that raised it' })
  @Field(() => ID, { nullable: true })
  eventId!: string | null;
  @ApiProperty() @Field(() => GraphQLISODateTime) createdAt!: Date;
  @ApiPropertyOptional({ type: Date, nullable: true }) @Field(() => GraphQLISODateTime, { nullable: true }) resolvedAt!: Date | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Field(() => String, { nullable: true }) resolvedBy!: string | null;
}

@ObjectType('ConflictEdge')
export class ConflictEdgeModel {
  @Field() cursor!: string;
  @Field(() => ConflictModel) node!: ConflictModel;
}

@ObjectType('ConflictConnection')
export class ConflictConnectionModel {
  @Field(() => [ConflictEdgeModel]) edges!: ConflictEdgeModel[];
  @Field(() => [ConflictModel]) nodes!: ConflictModel[];
  @Field(() => PageInfoModel) pageInfo!: PageInfoModel;
}

/** REST list response. */
export class ConflictPageModel {
  @ApiProperty({ type: [ConflictModel] }) items!: ConflictModel[];
  @ApiProperty({ type: PageInfoModel }) pageInfo!: PageInfoModel;
}

@ObjectType('FacetCount', { description: 'How many items one filter value would show' })
export class FacetCountModel {
  @ApiProperty() @Field() value!: string;
  @ApiProperty() @Field(() => Int) count!: number;
}

@ObjectType('ConflictFacets', { description: 'Counts per filter value; each dimension is counted under every other filter' })
export class ConflictFacetsModel {
  @ApiProperty({ description: 'conflicts matching every filter' }) @Field(() => Int) total!: number;
  @ApiProperty({ type: [FacetCountModel] }) @Field(() => [FacetCountModel]) status!: FacetCountModel[];
  @ApiProperty({ type: [FacetCountModel] }) @Field(() => [FacetCountModel]) entityType!: FacetCountModel[];
  @ApiProperty({ type: [FacetCountModel] }) @Field(() => [FacetCountModel]) field!: FacetCountModel[];
  @ApiProperty({ type: [FacetCountModel], description: 'systems among the candidates' })
  @Field(() => [FacetCountModel], { description: 'systems among the candidates' })
  system!: FacetCountModel[];
  @ApiProperty({ type: [FacetCountModel], description: 'hour (< 1 h), day (1-24 h), week (1-7 days), older (> 7 days)' })
  @Field(() => [FacetCountModel], { description: 'hour (< 1 h), day (1-24 h), week (1-7 days), older (> 7 days)' })
  age!: FacetCountModel[];
}

@ObjectType('ConflictResolutionOutcome', { description: 'What became of one conflict of a bulk resolution' })
export class ConflictResolutionOutcomeModel {
  @ApiProperty({ format: 'uuid' }) @Field(() => ID) id!: string;
  @ApiProperty({ description: 'true when this conflict was resolved (its own transaction committed)' }) @Field() ok!: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'error code when not ok (CONFLICT_ALREADY_RESOLVED, INVALID_RESOLUTION, …)' })
  @Field(() => String, { nullable: true })
  code!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Field(() => String, { nullable: true }) message!: string | null;
  @ApiPropertyOptional({ type: ConflictModel, nullable: true, description: 'the conflict after resolution, when ok' })
  @Field(() => ConflictModel, { nullable: true })
  conflict!: ConflictModel | null;
}

/** REST answer of a bulk resolution. */
export class ConflictResolutionResultsModel {
  @ApiProperty({ type: [ConflictResolutionOutcomeModel], description: 'one outcome per item, in the order given' })
  results!: ConflictResolutionOutcomeModel[];
}
