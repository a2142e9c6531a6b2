import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GraphQLJSON } from 'graphql-type-json';
import { CONNECTION_EDGES, CONNECTION_NODES, CONNECTION_PAGE_INFO, connectionOf, EDGE_CURSOR, restPageOf } from '../../common/page-models';
import { PageInfoModel } from '../../common/page-info.model';

/**
 * GraphQL object types (code-first) that double as the REST response schemas in the OpenAPI document.
 * Fields resolved per request (sources, versions, conflicts, asOf, diff) are declared in the resolver.
 */
const JSON_SCHEMA = { type: 'object', additionalProperties: true } as const;

@ObjectType('LineageEntry', { description: 'Where a golden field value came from' })
export class LineageEntryModel {
  @ApiProperty() @Field({ description: 'canonical field name (top level)' }) field!: string;
  @ApiProperty({ description: 'the golden value (masked when sensitive)' })
  @Field(() => GraphQLJSON, { nullable: true, description: 'the golden value ("***" when sensitive and the caller is not an admin); null when empty' })
  value!: unknown;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'winning system; null or "steward" for steward actions' })
  @Field(() => String, { nullable: true, description: 'the system whose value won; steward (or null) for a value a steward set' })
  system!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'survivorship rule that decided the value' })
  @Field(() => String, { nullable: true, description: 'the survivorship rule that decided the value (merge, precedence, latest, …), or override for a value a steward pinned; null when not recorded' })
  rule!: string | null;
  @ApiPropertyOptional({ type: Date, nullable: true })
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'when the hub took the value (hub clock); null when not recorded' })
  updatedAt!: Date | null;
  @ApiPropertyOptional({ type: Date, nullable: true, description: 'source timestamp of the change that carried the value' })
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'source timestamp of the change that carried the value; null for steward actions or when the source gave none' })
  sourceAt!: Date | null;
}

@ObjectType('SourceRef', { description: 'A source system record linked to the golden record (cross-reference)' })
export class SourceRefModel {
  @ApiProperty() @Field({ description: 'the source system key' }) system!: string;
  @ApiProperty() @Field({ description: "the record's id in that system" }) externalId!: string;
  @ApiProperty() @Field(() => GraphQLISODateTime, { description: 'when the source record was linked to this golden record' }) linkedAt!: Date;
  @ApiPropertyOptional({ ...JSON_SCHEMA, nullable: true, description: "the system's latest canonical values" })
  @Field(() => GraphQLJSON, { nullable: true, description: "the system's latest canonical values (masked like data); null when none were received" })
  data!: unknown;
  @ApiProperty() @Field({ description: 'true when the system reported the record deleted' }) deleted!: boolean;
  @ApiPropertyOptional({ type: Date, nullable: true })
  @Field(() => GraphQLISODateTime, { nullable: true, description: "the system's own updated-at of the latest values; null when it gave none" })
  sourceUpdatedAt!: Date | null;
  @ApiPropertyOptional({ type: Date, nullable: true })
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'when the hub last stored values from this source; null when never' })
  updatedAt!: Date | null;
}

@ObjectType('GoldenVersion', { description: 'An immutable version of a golden record' })
export class GoldenVersionModel {
  @ApiProperty() @Field(() => Int, { description: 'version number, from 1' }) version!: number;
  @ApiProperty({ description: 'when the version was written' }) @Field(() => GraphQLISODateTime, { description: 'when the version was written' }) at!: Date;
  @ApiProperty() @Field({ description: 'true when this version tombstoned the record' }) deleted!: boolean;
  @ApiProperty({ ...JSON_SCHEMA, description: 'full snapshot of the canonical fields' })
  @Field(() => GraphQLJSON, { description: 'full snapshot of the canonical fields (masked like GoldenRecord.data)' })
  data!: unknown;
  @ApiProperty({ type: 'array', items: JSON_SCHEMA, description: 'RFC 6902 JSON Patch from the previous version' })
  @Field(() => GraphQLJSON, { description: 'RFC 6902 JSON Patch from the previous version' })
  changes!: unknown;
  @ApiProperty({ ...JSON_SCHEMA, description: '{ kind: event|steward|rollback|merge|unmerge|rules, eventId?, system?, actor?, configVersion?, jobId?, decisions? }' })
  @Field(() => GraphQLJSON, { description: 'why the version exists: { kind: event|steward|rollback|merge|unmerge|rules, eventId?, system?, actor?, configVersion?, jobId?, decisions? }' })
  cause!: unknown;
}

@ObjectType('GoldenRecordSnapshot', { description: 'A golden record as it was at a point in time' })
export class GoldenRecordSnapshotModel {
  @ApiProperty() @Field(() => Int, { description: 'the version in force at that time' }) version!: number;
  @ApiProperty() @Field(() => GraphQLISODateTime, { description: 'when that version was written' }) at!: Date;
  @ApiProperty() @Field({ description: 'true when the record was tombstoned at that time' }) deleted!: boolean;
  @ApiProperty(JSON_SCHEMA) @Field(() => GraphQLJSON, { description: 'the canonical fields then (masked like GoldenRecord.data)' }) data!: unknown;
}

@ObjectType('GoldenRecord', { description: 'The consolidated record of one business entity' })
export class GoldenRecordModel {
  @ApiProperty({ format: 'uuid' }) @Field(() => ID, { description: 'golden record id (uuid), stable for the life of the record' }) id!: string;
  @ApiProperty() @Field({ description: 'entity type name (contact, company, …)' }) entityType!: string;
  @ApiProperty() @Field(() => Int, { description: 'current version number, from 1; +1 on every change' }) version!: number;
  @ApiProperty({ description: 'tombstoned (kept in history, restorable)' }) @Field({ description: 'tombstoned: kept in history, restorable with restoreGoldenRecord' }) deleted!: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'a tombstone a steward merged into another record: that survivor (read it there); null otherwise' })
  @Field(() => ID, { nullable: true, description: 'a tombstone a steward merged into another record: that survivor (read it there); null otherwise' })
  mergedInto!: string | null;
  @ApiProperty({ ...JSON_SCHEMA, description: 'canonical fields; sensitive ones are "***" for non-admins' })
  @Field(() => GraphQLJSON, { description: 'canonical fields { field: value } (docs/canonical-values.md); sensitive ones are "***" for non-admins' })
  data!: Record<string, unknown>;
  @ApiProperty({ type: [LineageEntryModel] }) @Field(() => [LineageEntryModel], { description: 'per field, where its value came from' }) lineage!: LineageEntryModel[];
  @ApiProperty() @Field(() => GraphQLISODateTime, { description: 'when the record was created (version 1)' }) createdAt!: Date;
  @ApiProperty() @Field(() => GraphQLISODateTime, { description: 'when the current version was written' }) updatedAt!: Date;
}

/** REST detail response: the record with its source references. */
export class GoldenRecordDetailModel extends GoldenRecordModel {
  @ApiProperty({ type: [SourceRefModel] }) sources!: SourceRefModel[];
}

@ObjectType('GoldenRecordEdge', { description: 'One GoldenRecord of a page, with the cursor that points at it' })
export class GoldenRecordEdgeModel {
  @Field({ description: EDGE_CURSOR }) cursor!: string;
  @Field(() => GoldenRecordModel, { description: 'the GoldenRecord' }) node!: GoldenRecordModel;
}

@ObjectType('GoldenRecordConnection', { description: 'One page of GoldenRecord items, by id' })
export class GoldenRecordConnectionModel {
  @Field(() => [GoldenRecordEdgeModel], { description: CONNECTION_EDGES }) edges!: GoldenRecordEdgeModel[];
  @Field(() => [GoldenRecordModel], { description: CONNECTION_NODES }) nodes!: GoldenRecordModel[];
  @Field(() => PageInfoModel, { description: CONNECTION_PAGE_INFO }) pageInfo!: PageInfoModel;
}

/** REST list response. */
export class GoldenRecordPageModel {
  @ApiProperty({ type: [GoldenRecordModel] }) items!: GoldenRecordModel[];
  @ApiProperty({ type: PageInfoModel }) pageInfo!: PageInfoModel;
}

export const GoldenVersionPage = restPageOf(GoldenVersionModel, 'GoldenVersion');
export const GoldenVersionConnection = connectionOf(GoldenVersionModel, 'GoldenVersion');
