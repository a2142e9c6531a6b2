import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { GraphQLJSON } from 'graphql-type-json';
import { graphqlEnum } from '../common/graphql-enum';
import { connectionOf, restPageOf } from '../common/page-models';
import type { Role } from './auth/actor';

export const ROLES = ['admin', 'steward', 'viewer'] as const satisfies readonly Role[];
export const RoleEnum = graphqlEnum(ROLES, 'Role', 'What an API key may do; each role may also do everything the roles below it may (viewer < steward < admin)', {
  viewer: 'reads: golden records, conflicts, events, deliveries, sync runs, jobs, status',
  steward: 'also acts on data: resolves conflicts, overrides, merges and restores records, replays events and deliveries, runs syncs',
  admin: 'also configures: replaces the configuration and rules, issues and revokes API keys, reads the audit log, runs jobs and scans; sees sensitive values unmasked',
});

/** GraphQL object types that double as the REST response schemas. */
@ObjectType('AuditEntry', { description: 'One admin or steward action, with what it changed' })
export class AuditEntryModel {
  @ApiProperty({ description: 'bigint as string' }) @Field(() => ID, { description: 'entry id (a bigint, as a decimal string); higher is newer' }) id!: string;
  @ApiProperty() @Field(() => GraphQLISODateTime, { description: 'when the action was committed' }) at!: Date;
  @ApiProperty({ example: 'key:ops' }) @Field({ description: 'who acted: key:<API key name>, or hub:hub for the hub itself' }) actor!: string;
  @ApiProperty({ example: 'conflict.resolve' }) @Field({ description: 'what was done, <area>.<verb>: conflict.resolve, golden.merge, config.replace, api-key.issue, …' }) action!: string;
  @ApiProperty({ nullable: true, type: String })
  @Field(() => String, { nullable: true, description: 'what it was done to, usually <kind>:<id> (golden-record:<entityType>:<uuid>, api-key:<uuid>, job:<id>, system:<key>); null when the action has no single target' })
  target!: string | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true })
  @Field(() => GraphQLJSON, { nullable: true, description: 'the state the action changed, as it was before (shape depends on the action); null when it created something' })
  before!: unknown;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true })
  @Field(() => GraphQLJSON, { nullable: true, description: 'the same state after the action; null when it removed something' })
  after!: unknown;
}

@ObjectType('ApiKey', { description: 'An API key (never its secret)' })
export class ApiKeyModel {
  @ApiProperty({ format: 'uuid' }) @Field(() => ID, { description: 'key id (uuid): what revokeApiKey takes' }) id!: string;
  @ApiProperty() @Field({ description: 'the name given at issue; the audit log records the key as key:<name>' }) name!: string;
  @ApiProperty({ description: 'the first characters of the key, to tell keys apart' })
  @Field({ description: 'the first characters of the key, to tell keys apart; never enough to use it' })
  prefix!: string;
  @ApiProperty({ enum: ROLES }) @Field(() => RoleEnum, { description: 'what the key may do' }) role!: Role;
  @ApiProperty() @Field(() => GraphQLISODateTime, { description: 'when the key was issued' }) createdAt!: Date;
  @ApiProperty({ nullable: true, type: Date })
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'when the key last authenticated a request; null when never used' })
  lastUsedAt!: Date | null;
  @ApiProperty({ nullable: true, type: Date })
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'when the key was revoked (it then authenticates nothing); null while active' })
  revokedAt!: Date | null;
}

@ObjectType('IssuedApiKey', { description: 'A new API key; `key` is shown this once' })
export class IssuedApiKeyModel {
  @ApiProperty({ format: 'uuid' }) @Field(() => ID, { description: 'key id (uuid): what revokeApiKey takes' }) id!: string;
  @ApiProperty() @Field({ description: 'the name given at issue' }) name!: string;
  @ApiProperty({ enum: ROLES }) @Field(() => RoleEnum, { description: 'what the key may do' }) role!: Role;
  @ApiProperty({ description: 'the secret; only its hash is stored' })
  @Field({ description: 'the secret, to send as `Authorization: Bearer <key>` or `x-api-key`; only its hash is stored, so it cannot be shown again' })
  key!: string;
}

export const AuditEntryPage = restPageOf(AuditEntryModel, 'AuditEntry');
export const AuditEntryConnection = connectionOf(AuditEntryModel, 'AuditEntry');
export const ApiKeyPage = restPageOf(ApiKeyModel, 'ApiKey');
export const ApiKeyConnection = connectionOf(ApiKeyModel, 'ApiKey');
