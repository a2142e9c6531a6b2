import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GraphQLJSON } from 'graphql-type-json';
import { PageInfoModel } from '../common/page-info.model';
import { graphqlEnum } from '../common/graphql-enum';
import { JOB_STATUSES } from './job.types';

export const JobStatusEnum = graphqlEnum(JOB_STATUSES, 'JobStatus', 'queued: waits for a runner; running; succeeded; failed: see lastError, retry resumes; cancelled (or superseded by a newer job)');

/** GraphQL object types that double as the REST response schemas. */
@ObjectType('Job', { description: 'Long work run in batches in the background (a recompute after a rule change)' })
export class JobModel {
  @ApiProperty({ example: '12' }) @Field(() => ID) id!: string;
  @ApiProperty({ example: 'recompute' }) @Field() kind!: string;
  @ApiProperty({ description: 'what the job is about (a recompute: the entity type)', example: 'contact' }) @Field() key!: string;
  @ApiProperty({ enum: JOB_STATUSES }) @Field(() => JobStatusEnum) status!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'what the job was asked to do (a recompute: entityType, fields)' })
  @Field(() => GraphQLJSON)
  params!: Record<string, unknown>;
  @ApiProperty({ description: 'items gone through so far' }) @Field(() => Float) processed!: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'items to go through, counted when the job starts' })
  @Field(() => Float, { nullable: true })
  total!: number | null;
  @ApiProperty({ description: 'items the job changed (a recompute: golden records given a new version)' }) @Field(() => Float) changed!: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'processed / total, 0 to 1' }) @Field(() => Float, { nullable: true }) progress!: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'the configuration version that made the job' })
  @Field(() => Int, { nullable: true })
  configVersion!: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Field(() => String, { nullable: true }) createdBy!: string | null;
  @ApiProperty({ description: 'times the job was claimed by a runner (more than 1: resumed after a crash or a retry)' }) @Field(() => Int) attempts!: number;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'why it failed, or who cancelled or superseded it' })
  @Field(() => String, { nullable: true })
  lastError!: string | null;
  @ApiProperty() @Field(() => GraphQLISODateTime) createdAt!: Date;
  @ApiPropertyOptional({ type: Date, nullable: true }) @Field(() => GraphQLISODateTime, { nullable: true }) startedAt!: Date | null;
  @ApiPropertyOptional({ type: Date, nullable: true }) @Field(() => GraphQLISODateTime, { nullable: true }) finishedAt!: Date | null;
  @ApiPropertyOptional({ type: Date, nullable: true, description: 'last sign of life of the runner holding it' })
  @Field(() => GraphQLISODateTime, { nullable: true })
  heartbeatAt!: Date | null;
}

@ObjectType('JobEdge')
export class JobEdgeModel {
  @Field() cursor!: string;
  @Field(() => JobModel) node!: JobModel;
}

@ObjectType('JobConnection')
export class JobConnectionModel {
  @Field(() => [JobEdgeModel]) edges!: JobEdgeModel[];
  @Field(() => [JobModel]) nodes!: JobModel[];
  @Field(() => PageInfoModel) pageInfo!: PageInfoModel;
}

/** REST list response. */
export class JobPageModel {
  @ApiProperty({ type: [JobModel] }) items!: JobModel[];
  @ApiProperty({ type: PageInfoModel }) pageInfo!: PageInfoModel;
}
