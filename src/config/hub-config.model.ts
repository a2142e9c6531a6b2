import { Field, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { GraphQLJSON } from 'graphql-type-json';
import { graphqlEnum } from '../common/graphql-enum';
import { connectionOf, restPageOf } from '../common/page-models';

const DIRECTIONS = ['in', 'out', 'both'] as const;
const DirectionEnum = graphqlEnum(DIRECTIONS, 'Direction', 'in: the system sends to the hub; out: the hub writes to it; both');
const INFERRED_DELETE_POLICIES = ['propagate', 'review', 'ignore'] as const;
const InferredDeletePolicyEnum = graphqlEnum(INFERRED_DELETE_POLICIES, 'InferredDeletePolicy', 'What reconciliation does with a record gone from the system');
const DELETE_POLICIES = ['tombstone', 'ignore'] as const;
export const DeletePolicyEnum = graphqlEnum(DELETE_POLICIES, 'DeletePolicy', 'What a delete from a system does to the golden record');

/** GraphQL object types that double as the REST response schemas. */
@ObjectType('ConfigurationVersion', { description: 'A stored version of the configuration document' })
export class ConfigVersionModel {
  @ApiProperty() @Field(() => Int) version!: number;
  @ApiProperty({ description: 'api, or file:<path> when HUB_CONFIG loaded it at start' }) @Field() source!: string;
  @ApiProperty({ nullable: true, type: String }) @Field(() => String, { nullable: true }) createdBy!: string | null;
  @ApiProperty() @Field(() => GraphQLISODateTime) createdAt!: Date;
}

@ObjectType('Configuration', { description: 'A configuration document and its version' })
export class ConfigDocumentModel {
  @ApiProperty() @Field(() => Int) version!: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the document, as PUT /api/config accepts it' })
  @Field(() => GraphQLJSON)
  document!: unknown;
}

@ObjectType('ConfigurationReplaced', { description: 'The outcome of replacing the configuration (or of a dry run)' })
export class ConfigReplaceResultModel {
  @ApiProperty({ description: 'false for a dry run or an unchanged document' }) @Field() applied!: boolean;
  @ApiProperty({ description: 'the version in force (or compared against, for a dry run)' }) @Field(() => Int) version!: number;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: '[{ op: add | remove | replace, path }]' })
  @Field(() => GraphQLJSON, { description: '[{ op: add | remove | replace, path }]' })
  changes!: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'the recomputes this version queued: [{ id, kind, key }]' })
  @Field(() => GraphQLJSON, { description: 'the recomputes this version queued: [{ id, kind, key }]' })
  jobs!: unknown[];
  @ApiProperty({ required: false, type: Object, additionalProperties: true, description: 'dry run: { <entityType>: { records, fields, sample } }' })
  @Field(() => GraphQLJSON, { nullable: true, description: 'dry run: what the new version would change, { <entityType>: { records, fields, sample } }' })
  impact?: unknown;
}

@ObjectType('SystemView', { description: 'A configured system as viewers may see it (no URLs, no secrets)' })
export class SystemViewModel {
  @ApiProperty() @Field() key!: string;
  @ApiProperty() @Field() name!: string;
  @ApiProperty({ enum: DIRECTIONS }) @Field(() => DirectionEnum) direction!: string;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: '{ type } only' })
  @Field(() => GraphQLJSON, { nullable: true })
  adapter!: unknown;
  @ApiProperty() @Field() signsWebhooks!: boolean;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) @Field(() => GraphQLJSON, { nullable: true }) poll!: unknown;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) @Field(() => GraphQLJSON, { nullable: true }) schedule!: unknown;
  @ApiProperty({ nullable: true, type: String, enum: INFERRED_DELETE_POLICIES })
  @Field(() => InferredDeletePolicyEnum, { nullable: true })
  inferredDeletes!: string | null;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'entity types this system maps' })
  @Field(() => GraphQLJSON)
  entities!: unknown[];
}

@ObjectType('EntityTypeView', { description: 'An entity type as resolved (built-ins merged with the configuration)' })
export class EntityTypeViewModel {
  @ApiProperty() @Field() name!: string;
  @ApiProperty({ required: false, nullable: true, type: String }) @Field(() => String, { nullable: true }) description?: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'canonical field → definition' }) @Field(() => GraphQLJSON) fields!: unknown;
  @ApiProperty({ type: 'array', items: { type: 'array', items: { type: 'string' } } }) @Field(() => [[String]]) matchOn!: string[][];
  @ApiProperty({ type: [String] }) @Field(() => [String]) precedence!: string[];
  @ApiProperty({ type: 'object', additionalProperties: true }) @Field(() => GraphQLJSON) fieldPrecedence!: unknown;
  @ApiProperty() @Field() strategy!: string;
  @ApiProperty({ enum: DELETE_POLICIES }) @Field(() => DeletePolicyEnum) deletePolicy!: string;
  @ApiProperty({ type: [String], description: 'systems that map this entity type' }) @Field(() => [String]) systems!: string[];
}

export const ConfigVersionPage = restPageOf(ConfigVersionModel, 'ConfigurationVersion');
export const ConfigVersionConnection = connectionOf(ConfigVersionModel, 'ConfigurationVersion');
