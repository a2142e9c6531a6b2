import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GraphQLJSON } from 'graphql-type-json';
import { graphqlEnum } from '../common/graphql-enum';
import { connectionOf } from '../common/page-models';
import { PageInfoModel } from '../common/page-info.model';
import { INFERRED_DELETE_STATUSES } from './inferred-delete.types';
import { SYNC_RUN_KINDS, SYNC_RUN_STATUSES, SYNC_RUN_TRIGGERS } from './sync-run.types';

export const SyncRunStatusEnum = graphqlEnum(SYNC_RUN_STATUSES, 'SyncRunStatus');
export const InferredDeleteStatusEnum = graphqlEnum(INFERRED_DELETE_STATUSES, 'InferredDeleteStatus', 'pending: waits for a steward');

/**
 * GraphQL object types that double as the REST response schemas. `kind` and `trigger` stay strings in GraphQL:
 * their values (batch-window, webhook-batch) are not valid GraphQL enum names.
 */
@ObjectType('SyncRun', { description: 'One poll, refresh, reconciliation or batch window' })
export class SyncRunModel {
  @ApiProperty({ format: 'uuid' }) @Field(() => ID) id!: string;
  @ApiProperty() @Field() system!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'null: every entity type of the system' })
  @Field(() => String, { nullable: true })
  entityType!: string | null;
  @ApiProperty({ enum: SYNC_RUN_KINDS }) @Field({ description: 'poll | refresh | reconcile | batch-window' }) kind!: string;
  @ApiProperty({ enum: SYNC_RUN_TRIGGERS }) @Field({ description: 'schedule | manual | webhook-batch' }) trigger!: string;
  @ApiProperty({ enum: SYNC_RUN_STATUSES }) @Field(() => SyncRunStatusEnum) status!: string;
  @ApiProperty() @Field(() => GraphQLISODateTime) startedAt!: Date;
  @ApiPropertyOptional({ type: Date, nullable: true }) @Field(() => GraphQLISODateTime, { nullable: true }) finishedAt!: Date | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) @Field(() => Int, { nullable: true }) durationMs!: number | null;
  @ApiProperty({ description: 'records read from the system' }) @Field(() => Int) seen!: number;
  @ApiProperty({ description: 'new inbox events (or changes sent, for a batch window)' }) @Field(() => Int) queued!: number;
  @ApiProperty({ description: 'of those, applied to golden records by the pipeline' }) @Field(() => Int) changed!: number;
  @ApiProperty({ description: 'of those, rejected (invalid) or failed in the pipeline' }) @Field(() => Int) rejected!: number;
  @ApiProperty({ description: 'of those, still waiting in the inbox: changed and rejected are final at 0' })
  @Field(() => Int)
  pending!: number;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: '[{ code, message, entityType?, externalId?, retryable? }]' })
  @Field(() => GraphQLJSON)
  errors!: unknown[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'since, watermark, pages; reconciliation counts and policy' })
  @Field(() => GraphQLJSON)
  details!: Record<string, unknown>;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'who asked for a manual run' })
  @Field(() => String, { nullable: true })
  triggeredBy!: string | null;
}

@ObjectType('SyncRunEdge')
export class SyncRunEdgeModel {
  @Field() cursor!: string;
  @Field(() => SyncRunModel) node!: SyncRunModel;
}

@ObjectType('SyncRunConnection')
export class SyncRunConnectionModel {
  @Field(() => [SyncRunEdgeModel]) edges!: SyncRunEdgeModel[];
  @Field(() => [SyncRunModel]) nodes!: SyncRunModel[];
  @Field(() => PageInfoModel) pageInfo!: PageInfoModel;
}

export class SyncRunPageModel {
  @ApiProperty({ type: [SyncRunModel] }) items!: SyncRunModel[];
  @ApiProperty({ type: PageInfoModel }) pageInfo!: PageInfoModel;
}

export class RunAcceptedModel {
  @ApiProperty({ format: 'uuid', description: 'follow it at GET /api/sync-runs/{runId}' }) runId!: string;
  @ApiProperty({ type: SyncRunModel }) run!: SyncRunModel;
}

@ObjectType('PollWatermark', { description: 'The highest (updatedAt, id) a poll has stored in the inbox' })
export class WatermarkModel {
  @ApiProperty({ description: "the system's updated-at value, ISO 8601 with microseconds" }) @Field() updatedAt!: string;
  @ApiProperty() @Field() lastId!: string;
  @ApiProperty() @Field(() => GraphQLISODateTime) advancedAt!: Date;
}

@ObjectType('EntitySyncStatus')
export class EntitySyncStatusModel {
  @ApiProperty() @Field() entityType!: string;
  @ApiPropertyOptional({ type: WatermarkModel, nullable: true }) @Field(() => WatermarkModel, { nullable: true }) watermark!: WatermarkModel | null;
  @ApiPropertyOptional({ type: Date, nullable: true }) @Field(() => GraphQLISODateTime, { nullable: true }) lastSuccessAt!: Date | null;
  @ApiPropertyOptional({ type: SyncRunModel, nullable: true }) @Field(() => SyncRunModel, { nullable: true }) lastRun!: SyncRunModel | null;
}

@ObjectType('SystemSyncStatus')
export class SystemSyncStatusModel {
  @ApiProperty() @Field() system!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'poll.every or poll.cron' })
  @Field(() => String, { nullable: true })
  pollSchedule!: string | null;
  @ApiPropertyOptional({ type: Date, nullable: true, description: 'when any run of the system last succeeded' })
  @Field(() => GraphQLISODateTime, { nullable: true })
  lastSuccessAt!: Date | null;
  @ApiProperty({ type: [EntitySyncStatusModel] }) @Field(() => [EntitySyncStatusModel]) entityTypes!: EntitySyncStatusModel[];
}

@ObjectType('InferredDelete', { description: 'A record reconciliation found gone from its system, held for a steward' })
export class InferredDeleteModel {
  @ApiProperty({ format: 'uuid' }) @Field(() => ID) id!: string;
  @ApiProperty() @Field() system!: string;
  @ApiProperty() @Field() entityType!: string;
  @ApiProperty() @Field() externalId!: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) @Field(() => ID, { nullable: true }) goldenId!: string | null;
  @ApiProperty({ enum: INFERRED_DELETE_STATUSES }) @Field(() => InferredDeleteStatusEnum) status!: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) @Field(() => ID, { nullable: true }) runId!: string | null;
  @ApiProperty() @Field(() => GraphQLISODateTime) createdAt!: Date;
  @ApiPropertyOptional({ type: String, nullable: true }) @Field(() => String, { nullable: true }) decidedBy!: string | null;
  @ApiPropertyOptional({ type: Date, nullable: true }) @Field(() => GraphQLISODateTime, { nullable: true }) decidedAt!: Date | null;
}

export class InferredDeletePageModel {
  @ApiProperty({ type: [InferredDeleteModel] }) items!: InferredDeleteModel[];
  @ApiProperty({ type: PageInfoModel }) pageInfo!: PageInfoModel;
}

export const InferredDeleteConnection = connectionOf(InferredDeleteModel, 'InferredDelete');
