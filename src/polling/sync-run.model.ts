import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GraphQLJSON } from 'graphql-type-json';
import { graphqlEnum } from '../common/graphql-enum';
import { CONNECTION_EDGES, CONNECTION_NODES, CONNECTION_PAGE_INFO, connectionOf, EDGE_CURSOR } from '../common/page-models';
import { PageInfoModel } from '../common/page-info.model';
import { INFERRED_DELETE_STATUSES } from './inferred-delete.types';
import { SYNC_RUN_KINDS, SYNC_RUN_STATUSES, SYNC_RUN_TRIGGERS } from './sync-run.types';

export const SyncRunStatusEnum = graphqlEnum(SYNC_RUN_STATUSES, 'SyncRunStatus', 'Where a sync run stands', {
  running: 'still reading from (or, for a batch window, writing to) the system',
  succeeded: 'every entity type was synced; errors may still list single records that could not be read',
  failed: 'an entity type could not be synced (errors says why); the others were still run',
  aborted: 'a reconciliation stopped by the mass-delete guard: too many records gone (details.guard says why); nothing deleted',
});
export const InferredDeleteStatusEnum = graphqlEnum(INFERRED_DELETE_STATUSES, 'InferredDeleteStatus', 'Where an inferred delete stands', {
  pending: 'waits for a steward to approve or dismiss it',
  approved: 'a steward approved it: the golden record was deleted as the system did',
  dismissed: 'a steward dismissed it: the golden record is kept, and later reconciliations do not raise it again',
});

/**
 * GraphQL object types that double as the REST response schemas. `kind` and `trigger` stay strings in GraphQL:
 * their values (batch-window, webhook-batch) are not valid GraphQL enum names.
 */
@ObjectType('SyncRun', { description: 'One poll, refresh, reconciliation or batch window' })
export class SyncRunModel {
  @ApiProperty({ format: 'uuid' }) @Field(() => ID, { description: 'sync run id (uuid)' }) id!: string;
  @ApiProperty() @Field({ description: 'the system key' }) system!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'null: every entity type of the system' })
  @Field(() => String, { nullable: true, description: 'the entity type it covered; null: every entity type of the system' })
  entityType!: string | null;
  @ApiProperty({ enum: SYNC_RUN_KINDS }) @Field({ description: 'poll | refresh | reconcile | batch-window' }) kind!: string;
  @ApiProperty({ enum: SYNC_RUN_TRIGGERS }) @Field({ description: 'schedule | manual | webhook-batch' }) trigger!: string;
  @ApiProperty({ enum: SYNC_RUN_STATUSES }) @Field(() => SyncRunStatusEnum, { description: 'where the run stands' }) status!: string;
  @ApiProperty() @Field(() => GraphQLISODateTime, { description: 'when it started' }) startedAt!: Date;
  @ApiPropertyOptional({ type: Date, nullable: true })
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'when it ended; null while running' })
  finishedAt!: Date | null;
  @ApiPropertyOptional({ type: Number, nullable: true })
  @Field(() => Int, { nullable: true, description: 'how long it took, in milliseconds; null while running' })
  durationMs!: number | null;
  @ApiProperty({ description: 'records read from the system' }) @Field(() => Int, { description: 'records read from the system' }) seen!: number;
  @ApiProperty({ description: 'new inbox events (or changes sent, for a batch window)' })
  @Field(() => Int, { description: 'new inbox events (or changes sent, for a batch window)' })
  queued!: number;
  @ApiProperty({ description: 'of those, applied to golden records by the pipeline' })
  @Field(() => Int, { description: 'of those, applied to golden records by the pipeline' })
  changed!: number;
  @ApiProperty({ description: 'of those, rejected (invalid) or failed in the pipeline' })
  @Field(() => Int, { description: 'of those, rejected (invalid) or failed in the pipeline' })
  rejected!: number;
  @ApiProperty({ description: 'of those, still waiting in the inbox: changed and rejected are final at 0' })
  @Field(() => Int, { description: 'of those, still waiting in the inbox: changed and rejected are final at 0' })
  pending!: number;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: '[{ code, message, entityType?, externalId?, retryable? }]' })
  @Field(() => GraphQLJSON, { description: 'what went wrong: [{ code (an adapter code such as HTTP_TIMEOUT, or INTERNAL_ERROR), message, entityType?, externalId?, retryable? }]' })
  errors!: unknown[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'since, watermark, pages; reconciliation counts and policy' })
  @Field(() => GraphQLJSON, { description: 'how it went, by kind: since, watermark, pages (poll, refresh); counts, policy and guard (reconcile)' })
  details!: Record<string, unknown>;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'who asked for a manual run' })
  @Field(() => String, { nullable: true, description: 'who asked for a manual run (key:<name>); null for scheduled runs' })
  triggeredBy!: string | null;
}

@ObjectType('SyncRunEdge', { description: 'One SyncRun of a page, with the cursor that points at it' })
export class SyncRunEdgeModel {
  @Field({ description: EDGE_CURSOR }) cursor!: string;
  @Field(() => SyncRunModel, { description: 'the SyncRun' }) node!: SyncRunModel;
}

@ObjectType('SyncRunConnection', { description: 'One page of SyncRun items, newest first' })
export class SyncRunConnectionModel {
  @Field(() => [SyncRunEdgeModel], { description: CONNECTION_EDGES }) edges!: SyncRunEdgeModel[];
  @Field(() => [SyncRunModel], { description: CONNECTION_NODES }) nodes!: SyncRunModel[];
  @Field(() => PageInfoModel, { description: CONNECTION_PAGE_INFO }) pageInfo!: PageInfoModel;
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
  @ApiProperty({ description: "the system's updated-at value, ISO 8601 with microseconds" })
  @Field({ description: "the system's updated-at value, ISO 8601 with microseconds: the next poll reads from here (less the overlap)" })
  updatedAt!: string;
  @ApiProperty() @Field({ description: 'the record id stored last at that updated-at, to break ties' }) lastId!: string;
  @ApiProperty() @Field(() => GraphQLISODateTime, { description: 'when the watermark last moved' }) advancedAt!: Date;
}

@ObjectType('EntitySyncStatus', { description: 'How pulling one entity type from a system stands' })
export class EntitySyncStatusModel {
  @ApiProperty() @Field({ description: 'the entity type' }) entityType!: string;
  @ApiPropertyOptional({ type: WatermarkModel, nullable: true })
  @Field(() => WatermarkModel, { nullable: true, description: 'where the next poll starts; null before the first poll stored anything' })
  watermark!: WatermarkModel | null;
  @ApiPropertyOptional({ type: Date, nullable: true })
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'when a run of this entity type last succeeded; null when none has' })
  lastSuccessAt!: Date | null;
  @ApiPropertyOptional({ type: SyncRunModel, nullable: true })
  @Field(() => SyncRunModel, { nullable: true, description: 'the newest run of this entity type; null when there was none' })
  lastRun!: SyncRunModel | null;
}

@ObjectType('SystemSyncStatus', { description: "A system's pulls: schedule, last success and watermarks per entity type" })
export class SystemSyncStatusModel {
  @ApiProperty() @Field({ description: 'the system key' }) system!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'poll.every or poll.cron' })
  @Field(() => String, { nullable: true, description: 'poll.every (a duration) or poll.cron; null when the system is not polled' })
  pollSchedule!: string | null;
  @ApiPropertyOptional({ type: Date, nullable: true, description: 'when any run of the system last succeeded' })
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'when any run of the system last succeeded; null when none has' })
  lastSuccessAt!: Date | null;
  @ApiProperty({ type: [EntitySyncStatusModel] })
  @Field(() => [EntitySyncStatusModel], { description: 'each entity type the system sends to the hub' })
  entityTypes!: EntitySyncStatusModel[];
}

@ObjectType('InferredDelete', { description: 'A record reconciliation found gone from its system, held for a steward' })
export class InferredDeleteModel {
  @ApiProperty({ format: 'uuid' }) @Field(() => ID, { description: 'inferred delete id (uuid)' }) id!: string;
  @ApiProperty() @Field({ description: 'the system the record is gone from' }) system!: string;
  @ApiProperty() @Field({ description: 'the entity type' }) entityType!: string;
  @ApiProperty() @Field({ description: "the record's id in that system" }) externalId!: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' })
  @Field(() => ID, { nullable: true, description: 'the golden record the source record was linked to; null when unknown' })
  goldenId!: string | null;
  @ApiProperty({ enum: INFERRED_DELETE_STATUSES }) @Field(() => InferredDeleteStatusEnum, { description: 'pending until a steward decides' }) status!: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' })
  @Field(() => ID, { nullable: true, description: 'the reconciliation run that found it (syncRun(id)); null when not recorded' })
  runId!: string | null;
  @ApiProperty() @Field(() => GraphQLISODateTime, { description: 'when it was found' }) createdAt!: Date;
  @ApiPropertyOptional({ type: String, nullable: true })
  @Field(() => String, { nullable: true, description: 'the steward who approved or dismissed it (key:<name>); null while pending' })
  decidedBy!: string | null;
  @ApiPropertyOptional({ type: Date, nullable: true })
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'when it was approved or dismissed; null while pending' })
  decidedAt!: Date | null;
}

export class InferredDeletePageModel {
  @ApiProperty({ type: [InferredDeleteModel] }) items!: InferredDeleteModel[];
  @ApiProperty({ type: PageInfoModel }) pageInfo!: PageInfoModel;
}

export const InferredDeleteConnection = connectionOf(InferredDeleteModel, 'InferredDelete');
