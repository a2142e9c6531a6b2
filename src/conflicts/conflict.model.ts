import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GraphQLJSON } from 'graphql-type-json';
import { PageInfoModel } from '../golden-records/read/page-info.model';
import { CONFLICT_STATUSES } from './conflict.types';

/** GraphQL object types that double as the REST response schemas. */
@ObjectType('Conflict', { description: 'Sources disagreeing on one golden field, and how it was (or is to be) settled' })
export class ConflictModel {
  @ApiProperty({ format: 'uuid' }) @Field(() => ID) id!: string;
  @ApiProperty({ format: 'uuid' }) @Field(() => ID) goldenRecordId!: string;
  @ApiProperty() @Field() entityType!: string;
  @ApiProperty() @Field() field!: string;
  @ApiProperty({ enum: CONFLICT_STATUSES }) @Field({ description: 'auto_resolved | open | resolved | superseded' }) status!: string;
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
