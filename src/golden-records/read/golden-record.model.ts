import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GraphQLJSON } from 'graphql-type-json';
import { connectionOf, restPageOf } from '../../common/page-models';
import { PageInfoModel } from '../../common/page-info.model';

/**
 * GraphQL object types (code-first) that double as the REST response schemas in the OpenAPI document.
 * Fields resolved per request (sources, versions, conflicts, asOf, diff) are declared in the resolver.
 */
const JSON_SCHEMA = { type: 'object', additionalProperties: true } as const;

@ObjectType('LineageEntry', { description: 'Where a golden field value came from' })
export class LineageEntryModel {
  @ApiProperty() @Field() field!: string;
  @ApiProperty({ description: 'the golden value (masked when sensitive)' }) @Field(() => GraphQLJSON, { nullable: true }) value!: unknown;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'winning system; null or "steward" for steward actions' })
  @Field(() => String, { nullable: true })
  system!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'survivorship rule that decided the value' })
  @Field(() => String, { nullable: true })
  rule!: string | null;
  @ApiPropertyOptional({ type: Date, nullable: true }) @Field(() => GraphQLISODateTime, { nullable: true }) updatedAt!: Date | null;
  @ApiPropertyOptional({ type: Date, nullable: true, description: 'source timestamp of the change that carried the value' })
  @Field(() => GraphQLISODateTime, { nullable: true })
  sourceAt!: Date | null;
}

@ObjectType('SourceRef', { description: 'A source system record linked to the golden record (cross-reference)' })
export class SourceRefModel {
  @ApiProperty() @Field() system!: string;
  @ApiProperty() @Field() externalId!: string;
  @ApiProperty() @Field(() => GraphQLISODateTime) linkedAt!: Date;
  @ApiPropertyOptional({ ...JSON_SCHEMA, nullable: true, description: "the system's latest canonical values" })
  @Field(() => GraphQLJSON, { nullable: true })
  data!: unknown;
  @ApiProperty() @Field() deleted!: boolean;
  @ApiPropertyOptional({ type: Date, nullable: true }) @Field(() => GraphQLISODateTime, { nullable: true }) sourceUpdatedAt!: Date | null;
  @ApiPropertyOptional({ type: Date, nullable: true }) @Field(() => GraphQLISODateTime, { nullable: true }) updatedAt!: Date | null;
}

@ObjectType('GoldenVersion', { description: 'An immutable version of a golden record' })
export class GoldenVersionModel {
  @ApiProperty() @Field(() => Int) version!: number;
  @ApiProperty({ description: 'when the version was written' }) @Field(() => GraphQLISODateTime) at!: Date;
  @ApiProperty() @Field() deleted!: boolean;
  @ApiProperty({ ...JSON_SCHEMA, description: 'full snapshot of the canonical fields' }) @Field(() => GraphQLJSON) data!: unknown;
  @ApiProperty({ type: 'array', items: JSON_SCHEMA, description: 'RFC 6902 JSON Patch from the previous version' })
  @Field(() => GraphQLJSON, { description: 'RFC 6902 JSON Patch from the previous version' })
  changes!: unknown;
  @ApiProperty({ ...JSON_SCHEMA, description: '{ kind: event|steward|rollback|merge|unmerge|rules, eventId?, system?, actor?, configVersion?, jobId?, decisions? }' })
  @Field(() => GraphQLJSON)
  cause!: unknown;
}

@ObjectType('GoldenRecordSnapshot', { description: 'A golden record as it was at a point in time' })
export class GoldenRecordSnapshotModel {
  @ApiProperty() @Field(() => Int) version!: number;
  @ApiProperty() @Field(() => GraphQLISODateTime) at!: Date;
  @ApiProperty() @Field() deleted!: boolean;
  @ApiProperty(JSON_SCHEMA) @Field(() => GraphQLJSON) data!: unknown;
}

@ObjectType('GoldenRecord', { description: 'The consolidated record of one business entity' })
export class GoldenRecordModel {
  @ApiProperty({ format: 'uuid' }) @Field(() => ID) id!: string;
  @ApiProperty() @Field() entityType!: string;
  @ApiProperty() @Field(() => Int) version!: number;
  @ApiProperty({ description: 'tombstoned (kept in history, restorable)' }) @Field() deleted!: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'a tombstone a steward merged into another record: that survivor (read it there); null otherwise' })
  @Field(() => ID, { nullable: true, description: 'a tombstone a steward merged into another record: that survivor (read it there); null otherwise' })
  mergedInto!: string | null;
  @ApiProperty({ ...JSON_SCHEMA, description: 'canonical fields; sensitive ones are "***" for non-admins' })
  @Field(() => GraphQLJSON)
  data!: Record<string, unknown>;
  @ApiProperty({ type: [LineageEntryModel] }) @Field(() => [LineageEntryModel]) lineage!: LineageEntryModel[];
  @ApiProperty() @Field(() => GraphQLISODateTime) createdAt!: Date;
  @ApiProperty() @Field(() => GraphQLISODateTime) updatedAt!: Date;
}

/** REST detail response: the record with its source references. */
export class GoldenRecordDetailModel extends GoldenRecordModel {
  @ApiProperty({ type: [SourceRefModel] }) sources!: SourceRefModel[];
}

@ObjectType('GoldenRecordEdge')
export class GoldenRecordEdgeModel {
  @Field() cursor!: string;
  @Field(() => GoldenRecordModel) node!: GoldenRecordModel;
}

@ObjectType('GoldenRecordConnection')
export class GoldenRecordConnectionModel {
  @Field(() => [GoldenRecordEdgeModel]) edges!: GoldenRecordEdgeModel[];
  @Field(() => [GoldenRecordModel], { description: 'the nodes of `edges`, for clients that need no per-item cursor' })
  nodes!: GoldenRecordModel[];
  @Field(() => PageInfoModel) pageInfo!: PageInfoModel;
}

/** REST list response. */
export class GoldenRecordPageModel {
  @ApiProperty({ type: [GoldenRecordModel] }) items!: GoldenRecordModel[];
  @ApiProperty({ type: PageInfoModel }) pageInfo!: PageInfoModel;
}

export const GoldenVersionPage = restPageOf(GoldenVersionModel, 'GoldenVersion');
export const GoldenVersionConnection = connectionOf(GoldenVersionModel, 'GoldenVersion');
