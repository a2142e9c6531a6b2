import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { GraphQLJSON } from 'graphql-type-json';
import { graphqlEnum } from '../common/graphql-enum';
import { connectionOf, restPageOf } from '../common/page-models';
import type { Role } from './auth/actor';

export const ROLES = ['admin', 'steward', 'viewer'] as const satisfies readonly Role[];
export const RoleEnum = graphqlEnum(ROLES, 'Role', 'viewer reads, steward resolves and replays, admin changes configuration and keys');

/** GraphQL object types that double as the REST response schemas. */
@ObjectType('AuditEntry', { description: 'One admin or steward action, with what it changed' })
export class AuditEntryModel {
  @ApiProperty({ description: 'bigint as string' }) @Field(() => ID) id!: string;
  @ApiProperty() @Field(() => GraphQLISODateTime) at!: Date;
  @ApiProperty({ example: 'key:ops' }) @Field() actor!: string;
  @ApiProperty({ example: 'conflict.resolve' }) @Field() action!: string;
  @ApiProperty({ nullable: true, type: String }) @Field(() => String, { nullable: true }) target!: string | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) @Field(() => GraphQLJSON, { nullable: true }) before!: unknown;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) @Field(() => GraphQLJSON, { nullable: true }) after!: unknown;
}

@ObjectType('ApiKey', { description: 'An API key (never its secret)' })
export class ApiKeyModel {
  @ApiProperty({ format: 'uuid' }) @Field(() => ID) id!: string;
  @ApiProperty() @Field() name!: string;
  @ApiProperty({ description: 'the first characters of the key, to tell keys apart' }) @Field() prefix!: string;
  @ApiProperty({ enum: ROLES }) @Field(() => RoleEnum) role!: Role;
  @ApiProperty() @Field(() => GraphQLISODateTime) createdAt!: Date;
  @ApiProperty({ nullable: true, type: Date }) @Field(() => GraphQLISODateTime, { nullable: true }) lastUsedAt!: Date | null;
  @ApiProperty({ nullable: true, type: Date }) @Field(() => GraphQLISODateTime, { nullable: true }) revokedAt!: Date | null;
}

@ObjectType('IssuedApiKey', { description: 'A new API key; `key` is shown this once' })
export class IssuedApiKeyModel {
  @ApiProperty({ format: 'uuid' }) @Field(() => ID) id!: string;
  @ApiProperty() @Field() name!: string;
  @ApiProperty({ enum: ROLES }) @Field(() => RoleEnum) role!: Role;
  @ApiProperty({ description: 'the secret; only its hash is stored' }) @Field() key!: string;
}

export const AuditEntryPage = restPageOf(AuditEntryModel, 'AuditEntry');
export const AuditEntryConnection = connectionOf(AuditEntryModel, 'AuditEntry');
export const ApiKeyPage = restPageOf(ApiKeyModel, 'ApiKey');
export const ApiKeyConnection = connectionOf(ApiKeyModel, 'ApiKey');
