import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GraphQLJSON } from 'graphql-type-json';
import { PageInfoModel } from '../common/page-info.model';
import { CONNECTION_EDGES, CONNECTION_NODES, CONNECTION_PAGE_INFO, EDGE_CURSOR } from '../common/page-models';
import { graphqlEnum } from '../common/graphql-enum';
import { CONFLICT_AGES, CONFLICT_STATUSES } from './conflict.types';

export const ConflictStatusEnum = graphqlEnum(CONFLICT_STATUSES, 'ConflictStatus', 'Where a conflict stands', {
  auto_resolved: 'settled by a survivorship rule (precedence, latest); a steward may still pick another value',
  open: 'waits for a steward (manual strategy): the golden field keeps its value until then',
  resolved: 'settled by a steward; the field is then pinned',
  superseded: 'closed without a decision: a newer change or a rule change decided the field anew',
});

export const ConflictAgeEnum = graphqlEnum(CONFLICT_AGES, 'ConflictAge', 'How long ago a conflict was raised', {
  hour: 'less than 1 hour ago',
  day: '1 to 24 hours ago',
  week: '1 to 7 days ago',
  older: 'more than 7 days ago',
});

/** GraphQL object types that double as the REST response schemas. */
@ObjectType('Conflict', { description: 'Sources disagreeing on one golden field, and how it was (or is to be) settled' })
export class ConflictModel {
  @ApiProperty({ format: 'uuid' }) @Field(() => ID, { description: 'conflict id (uuid)' }) id!: string;
  @ApiProperty({ format: 'uuid' }) @Field(() => ID, { description: 'the golden record the field belongs to (goldenRecord reads it)' }) goldenRecordId!: string;
  @ApiProperty() @Field({ description: 'entity type of the golden record' }) entityType!: string;
  @ApiProperty() @Field({ description: 'canonical field the sources disagree on (a top-level field name)' }) field!: string;
  @ApiProperty({ enum: CONFLICT_STATUSES }) @Field(() => ConflictStatusEnum, { description: 'where the conflict stands' }) status!: string;
  @ApiProperty({ description: 'the survivorship rule that decided (or holds) it' })
  @Field({ description: 'the rule that decided (or holds) it: merge, merge:precedence (a true conflict settled by precedence), precedence, latest, manual, or steward-override (a change refused because a steward pinned the field)' })
  rule!: string;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: '[{ system, value, at }]' })
  @Field(() => GraphQLJSON, { description: 'the candidates: [{ system, value, at }]' })
  values!: unknown[];
  @ApiPropertyOptional({ type: String, nullable: true })
  @Field(() => String, { nullable: true, description: 'the system whose value won, or steward for a value a steward gave; null while open' })
  winner!: string | null;
  @ApiPropertyOptional({ nullable: true })
  @Field(() => GraphQLJSON, { nullable: true, description: 'the value that won (canonical form, masked when sensitive); null while open or when empty' })
  winningValue!: unknown;
  @ApiPropertyOptional({ type: Number, nullable: true })
  @Field(() => Int, { nullable: true, description: 'the golden record version the conflict was raised at; null when not recorded' })
  goldenVersion!: number | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'inbox event that raised it' })
  @Field(() => ID, { nullable: true, description: 'the inbox event that raised it (event(id) reads it); null when a recompute after a rule change raised it' })
  eventId!: string | null;
  @ApiProperty() @Field(() => GraphQLISODateTime, { description: 'when the conflict was raised' }) createdAt!: Date;
  @ApiPropertyOptional({ type: Date, nullable: true })
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'when a steward resolved it or it was superseded; null while open or auto_resolved' })
  resolvedAt!: Date | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  @Field(() => String, { nullable: true, description: 'who closed it: the steward (key:<name>), or whoever changed the rules for a superseded one; null while open or auto_resolved' })
  resolvedBy!: string | null;
}

@ObjectType('ConflictEdge', { description: 'One Conflict of a page, with the cursor that points at it' })
export class ConflictEdgeModel {
  @Field({ description: EDGE_CURSOR }) cursor!: string;
  @Field(() => ConflictModel, { description: 'the Conflict' }) node!: ConflictModel;
}

@ObjectType('ConflictConnection', { description: 'One page of Conflict items, newest first' })
export class ConflictConnectionModel {
  @Field(() => [ConflictEdgeModel], { description: CONNECTION_EDGES }) edges!: ConflictEdgeModel[];
  @Field(() => [ConflictModel], { description: CONNECTION_NODES }) nodes!: ConflictModel[];
  @Field(() => PageInfoModel, { description: CONNECTION_PAGE_INFO }) pageInfo!: PageInfoModel;
}

/** REST list response. */
export class ConflictPageModel {
  @ApiProperty({ type: [ConflictModel] }) items!: ConflictModel[];
  @ApiProperty({ type: PageInfoModel }) pageInfo!: PageInfoModel;
}

@ObjectType('FacetCount', { description: 'How many items one filter value would show' })
export class FacetCountModel {
  @ApiProperty() @Field({ description: 'the filter value (a status, entity type, field, system or age bucket)' }) value!: string;
  @ApiProperty() @Field(() => Int, { description: 'conflicts the list would show with this value as its filter' }) count!: number;
}

@ObjectType('ConflictFacets', { description: 'Counts per filter value; each dimension is counted under every other filter' })
export class ConflictFacetsModel {
  @ApiProperty({ description: 'conflicts matching every filter' }) @Field(() => Int, { description: 'conflicts matching every filter' }) total!: number;
  @ApiProperty({ type: [FacetCountModel] }) @Field(() => [FacetCountModel], { description: 'per conflict status' }) status!: FacetCountModel[];
  @ApiProperty({ type: [FacetCountModel] }) @Field(() => [FacetCountModel], { description: 'per entity type' }) entityType!: FacetCountModel[];
  @ApiProperty({ type: [FacetCountModel] }) @Field(() => [FacetCountModel], { description: 'per canonical field' }) field!: FacetCountModel[];
  @ApiProperty({ type: [FacetCountModel], description: 'systems among the candidates' })
  @Field(() => [FacetCountModel], { description: 'systems among the candidates' })
  system!: FacetCountModel[];
  @ApiProperty({ type: [FacetCountModel], description: 'hour (< 1 h), day (1-24 h), week (1-7 days), older (> 7 days)' })
  @Field(() => [FacetCountModel], { description: 'hour (< 1 h), day (1-24 h), week (1-7 days), older (> 7 days)' })
  age!: FacetCountModel[];
}

@ObjectType('ConflictResolutionOutcome', { description: 'What became of one conflict of a bulk resolution' })
export class ConflictResolutionOutcomeModel {
  @ApiProperty({ format: 'uuid' }) @Field(() => ID, { description: 'the conflict id, as given in the item' }) id!: string;
  @ApiProperty({ description: 'true when this conflict was resolved (its own transaction committed)' })
  @Field({ description: 'true when this conflict was resolved (its own transaction committed)' })
  ok!: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'error code when not ok (CONFLICT_ALREADY_RESOLVED, INVALID_RESOLUTION, …)' })
  @Field(() => String, { nullable: true, description: 'error code when not ok (CONFLICT_NOT_FOUND, CONFLICT_ALREADY_RESOLVED, CONFLICT_SUPERSEDED, INVALID_RESOLUTION, INVALID_VALUE, …); null when ok' })
  code!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  @Field(() => String, { nullable: true, description: 'what went wrong, for a person; null when ok' })
  message!: string | null;
  @ApiPropertyOptional({ type: ConflictModel, nullable: true, description: 'the conflict after resolution, when ok' })
  @Field(() => ConflictModel, { nullable: true, description: 'the conflict after resolution; null when not ok' })
  conflict!: ConflictModel | null;
}

/** REST answer of a bulk resolution. */
export class ConflictResolutionResultsModel {
  @ApiProperty({ type: [ConflictResolutionOutcomeModel], description: 'one outcome per item, in the order given' })
  results!: ConflictResolutionOutcomeModel[];
}
