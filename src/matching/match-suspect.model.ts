import { graphqlEnum } from '../common/graphql-enum';
import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GoldenRecordDetailModel, GoldenRecordModel } from '../golden-records/read/golden-record.model';
import { PageInfoModel } from '../common/page-info.model';
import { CONNECTION_EDGES, CONNECTION_NODES, CONNECTION_PAGE_INFO, EDGE_CURSOR } from '../common/page-models';
import { SIMILARITY_METHODS } from '../config/hub-config.schema';
import { SUSPECT_STATUSES } from './match-suspect.repository';

export const SuspectStatusEnum = graphqlEnum(SUSPECT_STATUSES, 'MatchSuspectStatus', 'Where a match suspect stands in the review queue', {
  open: 'waits for a steward to merge or dismiss it',
  merged: 'a steward merged the pair (survivorId is the record that stayed)',
  dismissed: 'not a match (a steward; never suggested again), or closed by the hub (resolution says why)',
});

/** GraphQL object types that double as the REST response schemas. */
@ObjectType('SuspectFieldScore', { description: 'How one field of the rule compared for the pair' })
export class SuspectFieldScoreModel {
  @ApiProperty({ example: 'lastName' }) @Field({ description: 'canonical field, or a dot path into an object (address.postalCode)' }) field!: string;
  @ApiProperty({ enum: SIMILARITY_METHODS }) @Field({ description: 'how the values were compared: exact | jaroWinkler | trigram | phonetic' }) method!: string;
  @ApiProperty() @Field(() => Float, { description: "the field's weight in the rule (only the ratios between a rule's weights matter)" }) weight!: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'similarity 0–1; null when either record lacks the field (not counted)' })
  @Field(() => Float, { nullable: true, description: 'similarity 0–1; null when either record lacks the field (not counted)' })
  score!: number | null;
}

@ObjectType('SuspectRule', { description: 'The similarity rule that gave the pair its best score' })
export class SuspectRuleModel {
  @ApiProperty({ description: 'index in entities.<type>.suspects.rules' }) @Field(() => Int, { description: 'index in entities.<type>.suspects.rules, from 0' }) index!: number;
  @ApiProperty({ example: 'rule 0' }) @Field({ description: 'the rule name from the configuration; rule <index> when it has none' }) name!: string;
}

@ObjectType('MatchSuspect', { description: 'Two golden records that probably describe the same entity, for a steward to merge or dismiss' })
export class MatchSuspectModel {
  @ApiProperty({ format: 'uuid' }) @Field(() => ID, { description: 'suspect id (uuid)' }) id!: string;
  @ApiProperty() @Field({ description: 'entity type of both records' }) entityType!: string;
  @ApiProperty({ enum: SUSPECT_STATUSES }) @Field(() => SuspectStatusEnum, { description: 'open | merged | dismissed' }) status!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'merged | not_a_match | record_deleted | record_merged | no_longer_similar' })
  @Field(() => String, { nullable: true, description: 'why it is no longer open: merged | not_a_match (steward), record_deleted | record_merged | no_longer_similar (hub)' })
  resolution!: string | null;
  @ApiProperty({ description: "the best rule's weighted score, 0–1" })
  @Field(() => Float, { description: "the best rule's weighted score, 0–1 (4 decimals); at least the entity type's threshold when found" })
  score!: number;
  @ApiProperty({ type: SuspectRuleModel }) @Field(() => SuspectRuleModel, { description: 'the rule that gave the best score' }) rule!: SuspectRuleModel;
  @ApiProperty({ type: [SuspectFieldScoreModel] })
  @Field(() => [SuspectFieldScoreModel], { description: "per field of that rule, how the pair compared" })
  fieldScores!: SuspectFieldScoreModel[];
  @ApiProperty({ type: [GoldenRecordDetailModel], description: 'the two records side by side, lower id first (values masked by role)' })
  @Field(() => [GoldenRecordModel], { description: 'the two records side by side, lower id first (values masked by role)' })
  records!: GoldenRecordModel[];
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' })
  @Field(() => ID, { nullable: true, description: 'merged: the golden record that stayed; null otherwise' })
  survivorId!: string | null;
  @ApiProperty() @Field(() => GraphQLISODateTime, { description: 'when the pair was first found' }) createdAt!: Date;
  @ApiProperty() @Field(() => GraphQLISODateTime, { description: 'when the score or status last changed' }) updatedAt!: Date;
  @ApiPropertyOptional({ type: Date, nullable: true })
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'when it stopped being open; null while open' })
  resolvedAt!: Date | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  @Field(() => String, { nullable: true, description: 'who closed it: the steward (key:<name>), or the hub; null while open' })
  resolvedBy!: string | null;
}

@ObjectType('MatchSuspectEdge', { description: 'One MatchSuspect of a page, with the cursor that points at it' })
export class MatchSuspectEdgeModel {
  @Field({ description: EDGE_CURSOR }) cursor!: string;
  @Field(() => MatchSuspectModel, { description: 'the MatchSuspect' }) node!: MatchSuspectModel;
}

@ObjectType('MatchSuspectConnection', { description: 'One page of MatchSuspect items, highest score first' })
export class MatchSuspectConnectionModel {
  @Field(() => [MatchSuspectEdgeModel], { description: CONNECTION_EDGES }) edges!: MatchSuspectEdgeModel[];
  @Field(() => [MatchSuspectModel], { description: CONNECTION_NODES }) nodes!: MatchSuspectModel[];
  @Field(() => PageInfoModel, { description: CONNECTION_PAGE_INFO }) pageInfo!: PageInfoModel;
}

/** REST list response. */
export class MatchSuspectPageModel {
  @ApiProperty({ type: [MatchSuspectModel] }) items!: MatchSuspectModel[];
  @ApiProperty({ type: PageInfoModel }) pageInfo!: PageInfoModel;
}

@ObjectType('SuspectActionError', { description: 'Why a bulk action failed for one id: the error the single action would have raised' })
export class SuspectActionErrorModel {
  @ApiProperty({ example: 'MATCH_SUSPECT_NOT_OPEN' })
  @Field({ description: 'error code: MATCH_SUSPECT_NOT_FOUND, MATCH_SUSPECT_NOT_OPEN, INVALID_ID, GOLDEN_RECORD_DELETED, …' })
  code!: string;
  @ApiProperty() @Field({ description: 'what went wrong, for a person' }) message!: string;
}

@ObjectType('MatchSuspectOutcome', { description: 'What a bulk action did with one id' })
export class MatchSuspectOutcomeModel {
  @ApiProperty({ format: 'uuid' }) @Field(() => ID, { description: 'the suspect id, as given' }) id!: string;
  @ApiProperty() @Field({ description: 'true when the action committed for this id (its own transaction)' }) ok!: boolean;
  @ApiPropertyOptional({ type: MatchSuspectModel, nullable: true })
  @Field(() => MatchSuspectModel, { nullable: true, description: 'the suspect after the action; null when not ok' })
  suspect!: MatchSuspectModel | null;
  @ApiPropertyOptional({ type: SuspectActionErrorModel, nullable: true })
  @Field(() => SuspectActionErrorModel, { nullable: true, description: 'why it failed; null when ok' })
  error!: SuspectActionErrorModel | null;
}
