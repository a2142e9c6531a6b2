import { Field, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { GraphQLJSON } from 'graphql-type-json';
import { graphqlEnum } from '../common/graphql-enum';
import { connectionOf, restPageOf } from '../common/page-models';

const DIRECTIONS = ['in', 'out', 'both'] as const;
const DirectionEnum = graphqlEnum(DIRECTIONS, 'Direction', 'in: the system sends to the hub; out: the hub writes to it; both', {
  in: 'the system sends changes to the hub (webhooks, polls); the hub never writes to it',
  out: 'the hub writes golden record changes to the system; it sends none',
  both: 'changes flow both ways',
});
const INFERRED_DELETE_POLICIES = ['propagate', 'review', 'ignore'] as const;
const InferredDeletePolicyEnum = graphqlEnum(INFERRED_DELETE_POLICIES, 'InferredDeletePolicy', 'What reconciliation does with a record gone from the system', {
  propagate: 'treat it as a delete event from the system',
  review: 'hold it as an inferred delete for a steward to approve or dismiss (the default)',
  ignore: 'do nothing',
});
const DELETE_POLICIES = ['tombstone', 'ignore'] as const;
export const DeletePolicyEnum = graphqlEnum(DELETE_POLICIES, 'DeletePolicy', 'What a delete from a system does to the golden record', {
  tombstone: 'the golden record is tombstoned (kept in history, restorable) and the delete is sent on (the default)',
  ignore: 'the golden record stays as it is',
});

/** GraphQL object types that double as the REST response schemas. */
@ObjectType('ConfigurationVersion', { description: 'A stored version of the configuration document' })
export class ConfigVersionModel {
  @ApiProperty() @Field(() => Int, { description: 'version number, 1 and up; configurationVersion(version) reads its document' }) version!: number;
  @ApiProperty({ description: 'api, or file:<path> when HUB_CONFIG loaded it at start' })
  @Field({ description: 'api, or file:<path> when HUB_CONFIG loaded it at start' })
  source!: string;
  @ApiProperty({ nullable: true, type: String })
  @Field(() => String, { nullable: true, description: 'who stored it: key:<name> through the API, hub:hub for a file loaded at start; null when unknown' })
  createdBy!: string | null;
  @ApiProperty() @Field(() => GraphQLISODateTime, { description: 'when the version was stored' }) createdAt!: Date;
}

@ObjectType('Configuration', { description: 'A configuration document and its version' })
export class ConfigDocumentModel {
  @ApiProperty() @Field(() => Int, { description: 'the version number of this document' }) version!: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the document, as PUT /api/config accepts it' })
  @Field(() => GraphQLJSON, { description: 'the document, as replaceConfiguration and PUT /api/config accept it (docs/configuration.md)' })
  document!: unknown;
}

@ObjectType('ConfigurationReplaced', { description: 'The outcome of replacing the configuration (or of a dry run)' })
export class ConfigReplaceResultModel {
  @ApiProperty({ description: 'false for a dry run or an unchanged document' }) @Field({ description: 'true when a new version was stored; false for a dry run or an unchanged document' }) applied!: boolean;
  @ApiProperty({ description: 'the version in force (or compared against, for a dry run)' })
  @Field(() => Int, { description: 'the version in force (or compared against, for a dry run)' })
  version!: number;
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
  @ApiProperty() @Field({ description: 'the system key used everywhere else (events, deliveries, precedence lists)' }) key!: string;
  @ApiProperty() @Field({ description: 'display name; the key when none is configured' }) name!: string;
  @ApiProperty({ enum: DIRECTIONS }) @Field(() => DirectionEnum, { description: 'which way changes flow' }) direction!: string;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: '{ type } only' })
  @Field(() => GraphQLJSON, { nullable: true, description: '{ type: http | postgres | webhook } only (URLs and headers may hold credentials); null when the system has no adapter' })
  adapter!: unknown;
  @ApiProperty() @Field({ description: 'true when a webhook secret is configured, so its webhooks are signature-checked' }) signsWebhooks!: boolean;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true })
  @Field(() => GraphQLJSON, { nullable: true, description: 'fallback polling: { every?, cron?, overlap? } (durations, cron text); null when not polled' })
  poll!: unknown;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true })
  @Field(() => GraphQLJSON, { nullable: true, description: 'batch delivery window: { cron }; changes wait for it, compressed per record; null when sent at once' })
  schedule!: unknown;
  @ApiProperty({ nullable: true, type: String, enum: INFERRED_DELETE_POLICIES })
  @Field(() => InferredDeletePolicyEnum, { nullable: true, description: 'what reconciliation does with records gone from the system; null: the default, review' })
  inferredDeletes!: string | null;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'entity types this system maps' })
  @Field(() => GraphQLJSON, { description: "entity types this system maps: [{ entityType, name (the system's own), id, updatedAt, direction, filter, fields }]" })
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
