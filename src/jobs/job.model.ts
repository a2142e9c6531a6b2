import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GraphQLJSON } from 'graphql-type-json';
import { PageInfoModel } from '../common/page-info.model';
import { CONNECTION_EDGES, CONNECTION_NODES, CONNECTION_PAGE_INFO, EDGE_CURSOR } from '../common/page-models';
import { graphqlEnum } from '../common/graphql-enum';
import { JOB_STATUSES } from './job.types';

export const JobStatusEnum = graphqlEnum(JOB_STATUSES, 'JobStatus', 'Where a background job stands', {
  queued: 'waits for a runner',
  running: 'a runner holds it and works through it batch by batch (heartbeatAt shows it is alive)',
  succeeded: 'done',
  failed: 'stopped on an error (lastError); retryJob resumes it from its checkpoint',
  cancelled: 'cancelled by someone, or superseded by a newer job for the same kind and key (lastError says which)',
});

/** GraphQL object types that double as the REST response schemas. */
@ObjectType('Job', { description: 'Long work run in batches in the background (a recompute after a rule change)' })
export class JobModel {
  @ApiProperty({ example: '12' }) @Field(() => ID, { description: 'job id (a bigint, as a decimal string)' }) id!: string;
  @ApiProperty({ example: 'recompute' }) @Field({ description: 'what sort of work: recompute (golden records after a rule change) or suspect-scan' }) kind!: string;
  @ApiProperty({ description: 'what the job is about (a recompute: the entity type)', example: 'contact' })
  @Field({ description: 'what the job is about (a recompute: the entity type); one open job per kind and key' })
  key!: string;
  @ApiProperty({ enum: JOB_STATUSES }) @Field(() => JobStatusEnum, { description: 'where the job stands' }) status!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'what the job was asked to do (a recompute: entityType, fields)' })
  @Field(() => GraphQLJSON, { description: 'what the job was asked to do (a recompute: entityType, fields)' })
  params!: Record<string, unknown>;
  @ApiProperty({ description: 'items gone through so far' }) @Field(() => Float, { description: 'items gone through so far' }) processed!: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'items to go through, counted when the job starts' })
  @Field(() => Float, { nullable: true, description: 'items to go through, counted when the job starts; null before' })
  total!: number | null;
  @ApiProperty({ description: 'items the job changed (a recompute: golden records given a new version)' })
  @Field(() => Float, { description: 'items the job changed (a recompute: golden records given a new version)' })
  changed!: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'processed / total, 0 to 1' })
  @Field(() => Float, { nullable: true, description: 'processed / total, 0 to 1; null before the total is counted' })
  progress!: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'the configuration version that made the job' })
  @Field(() => Int, { nullable: true, description: 'the configuration version that made the job; null for a job started by hand' })
  configVersion!: number | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  @Field(() => String, { nullable: true, description: 'who queued it (key:<name>, or hub:hub); null when unknown' })
  createdBy!: string | null;
  @ApiProperty({ description: 'times the job was claimed by a runner (more than 1: resumed after a crash or a retry)' })
  @Field(() => Int, { description: 'times the job was claimed by a runner (more than 1: resumed after a crash or a retry)' })
  attempts!: number;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'why it failed, or who cancelled or superseded it' })
  @Field(() => String, { nullable: true, description: 'why it failed, or who cancelled or superseded it; null otherwise' })
  lastError!: string | null;
  @ApiProperty() @Field(() => GraphQLISODateTime, { description: 'when the job was queued' }) createdAt!: Date;
  @ApiPropertyOptional({ type: Date, nullable: true })
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'when a runner first took it; null while queued' })
  startedAt!: Date | null;
  @ApiPropertyOptional({ type: Date, nullable: true })
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'when it succeeded, failed or was cancelled; null while open' })
  finishedAt!: Date | null;
  @ApiPropertyOptional({ type: Date, nullable: true, description: 'last sign of life of the runner holding it' })
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'last sign of life of the runner holding it; a stale one is taken over by another runner' })
  heartbeatAt!: Date | null;
}

@ObjectType('JobEdge', { description: 'One Job of a page, with the cursor that points at it' })
export class JobEdgeModel {
  @Field({ description: EDGE_CURSOR }) cursor!: string;
  @Field(() => JobModel, { description: 'the Job' }) node!: JobModel;
}

@ObjectType('JobConnection', { description: 'One page of Job items, newest first' })
export class JobConnectionModel {
  @Field(() => [JobEdgeModel], { description: CONNECTION_EDGES }) edges!: JobEdgeModel[];
  @Field(() => [JobModel], { description: CONNECTION_NODES }) nodes!: JobModel[];
  @Field(() => PageInfoModel, { description: CONNECTION_PAGE_INFO }) pageInfo!: PageInfoModel;
}

/** REST list response. */
export class JobPageModel {
  @ApiProperty({ type: [JobModel] }) items!: JobModel[];
  @ApiProperty({ type: PageInfoModel }) pageInfo!: PageInfoModel;
}
