import { graphqlEnum } from '../common/graphql-enum';
import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GoldenRecordDetailModel, GoldenRecordModel } from '../golden-records/read/golden-record.model';
import { PageInfoModel } from '../common/page-info.model';
import { SIMILARITY_METHODS } from '../config/hub-config.schema';
import { SUSPECT_STATUSES } from './match-suspect.repository';

export const SuspectStatusEnum = graphqlEnum(SUSPECT_STATUSES, 'MatchSuspectStatus', 'open: waits for a steward; merged; dismissed: not a match, or closed by the hub');

/** GraphQL object types that double as the REST response schemas. */
@ObjectType('SuspectFieldScore', { description: 'How one field of the rule compared for the pair' })
export class SuspectFieldScoreModel {
  @ApiProperty({ example: 'lastName' }) @Field() field!: string;
  @ApiProperty({ enum: SIMILARITY_METHODS }) @Field({ description: 'exact | jaroWinkler | trigram | phonetic' }) method!: string;
  @ApiProperty() @Field(() => Float) weight!: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'similarity 0–1; null when either record lacks the field (not counted)' })
  @Field(() => Float, { nullable: true, description: 'similarity 0–1; null when either record lacks the field (not counted)' })
  score!: number | null;
}

@ObjectType('SuspectRule', { description: 'The similarity rule that gave the pair its best score' })
export class SuspectRuleModel {
  @ApiProperty({ description: 'index in entities.<type>.suspects.rules' }) @Field(() => Int) index!: number;
  @ApiProperty({ example: 'rule 0' }) @Field() name!: string;
}

@ObjectType('MatchSuspect', { description: 'Two golden records that probably describe the same entity, for a steward to merge or dismiss' })
export class MatchSuspectModel {
  @ApiProperty({ format: 'uuid' }) @Field(() => ID) id!: string;
  @ApiProperty() @Field() entityType!: string;
  @ApiProperty({ enum: SUSPECT_STATUSES }) @Field(() => SuspectStatusEnum, { description: 'open | merged | dismissed' }) status!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'merged | not_a_match | record_deleted | record_merged | no_longer_similar' })
  @Field(() => String, { nullable: true, description: 'why it is no longer open: merged | not_a_match (steward), record_deleted | record_merged | no_longer_similar (hub)' })
  resolution!: string | null;
  @ApiProperty({ description: "the best rule's weighted score, 0–1" }) @Field(() => Float) score!: number;
  @ApiProperty({ type: SuspectRuleModel }) @Field(() => SuspectRuleModel) rule!: SuspectRuleModel;
  @ApiProperty({ type: [SuspectFieldScoreModel] }) @Field(() => [SuspectFieldScoreModel]) fieldScores!: SuspectFieldScoreModel[];
  @ApiProperty({ type: [GoldenRecordDetailModel], description: 'the two records side by side, lower id first (values masked by role)' })
  @Field(() => [GoldenRecordModel], { description: 'the two records side by side, lower id first (values masked by role)' })
  records!: GoldenRecordModel[];
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) @Field(() => ID, { nullable: true }) survivorId!: string | null;
  @ApiProperty() @Field(() => GraphQLISODateTime) createdAt!: Date;
  @ApiProperty() @Field(() => GraphQLISODateTime) updatedAt!: Date;
  @ApiPropertyOptional({ type: Date, nullable: true }) @Field(() => GraphQLISODateTime, { nullable: true }) resolvedAt!: Date | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Field(() => String, { nullable: true }) resolvedBy!: string | null;
}

@ObjectType('MatchSuspectEdge')
export class MatchSuspectEdgeModel {
  @Field() cursor!: string;
  @Field(() => MatchSuspectModel) node!: MatchSuspectModel;
}

@ObjectType('MatchSuspectConnection')
export class MatchSuspectConnectionModel {
  @Field(() => [MatchSuspectEdgeModel]) edges!: MatchSuspectEdgeModel[];
  @Field(() => [MatchSuspectModel]) nodes!: MatchSuspectModel[];
  @Field(() => PageInfoModel) pageInfo!: PageInfoModel;
}

/** REST list response. */
export class MatchSuspectPageModel {
  @ApiProperty({ type: [MatchSuspectModel] }) items!: MatchSuspectModel[];
  @ApiProperty({ type: PageInfoModel }) pageInfo!: PageInfoModel;
}

@ObjectType('SuspectActionError')
export class SuspectActionErrorModel {
  @ApiProperty({ example: 'MATCH_SUSPECT_NOT_OPEN' }) @Field() code!: string;
  @ApiProperty() @Field() message!: string;
}

@ObjectType('MatchSuspectOutcome', { description: 'What a bulk action did with one id' })
export class MatchSuspectOutcomeModel {
  @ApiProperty({ format: 'uuid' }) @Field(() => ID) id!: string;
  @ApiProperty() @Field() ok!: boolean;
  @ApiPropertyOptional({ type: MatchSuspectModel, nullable: true }) @Field(() => MatchSuspectModel, { nullable: true }) suspect!: MatchSuspectModel | null;
  @ApiPropertyOptional({ type: SuspectActionErrorModel, nullable: true })
  @Field(() => SuspectActionErrorModel, { nullable: true })
  error!: SuspectActionErrorModel | null;
}
