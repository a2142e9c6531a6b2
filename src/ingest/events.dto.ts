import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { GraphQLJSON } from 'graphql-type-json';
import { graphqlEnum, RECORD_OPERATIONS, RecordOperationEnum } from '../common/graphql-enum';
import { connectionOf, restPageOf } from '../common/page-models';
import { PageQueryDto } from '../common/page-query.dto';

export const EVENT_STATUSES = ['pending', 'applied', 'noop', 'echo', 'rejected', 'failed'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];
export const EventStatusEnum = graphqlEnum(EVENT_STATUSES, 'EventStatus', 'What the pipeline did with an inbox event', {
  pending: 'received, waiting for the pipeline (or for a retry after a failed attempt)',
  applied: 'changed or linked a golden record (goldenVersion is the version it produced)',
  noop: 'changed nothing (reason says why: equal values, an older change, an unknown record to delete, …)',
  echo: "the system's acknowledgment of a change the hub delivered to it: nothing to apply",
  rejected: 'invalid (errors lists why: validation, mapping); not retried unless replayed',
  failed: 'processing failed on every attempt (reason PROCESSING_FAILED); replayEvent retries it',
});
export const EVENT_ORIGINS = ['webhook', 'batch', 'poll', 'refresh', 'reconcile'] as const;
export const EventOriginEnum = graphqlEnum(EVENT_ORIGINS, 'EventOrigin', 'How the change reached the hub', {
  webhook: 'a signed webhook the system sent',
  batch: 'one event of a webhook batch',
  poll: 'read by a scheduled poll of the system',
  refresh: 'read by a manual refresh (refreshSystem)',
  reconcile: 'inferred by a reconciliation (a record gone from the system)',
});

export class EventQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: EVENT_STATUSES }) @IsOptional() @IsIn(EVENT_STATUSES) status?: EventStatus;
  @ApiPropertyOptional({ description: 'system key' }) @IsOptional() @IsString() @Length(1, 100) system?: string;
  @ApiPropertyOptional({ description: 'canonical entity type' }) @IsOptional() @IsString() @Length(1, 100) entityType?: string;
  @ApiPropertyOptional({ description: "the system's record id" }) @IsOptional() @IsString() @Length(1, 512) externalId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() goldenId?: string;
}

/** GraphQL object type that doubles as the REST response schema. */
@ObjectType('Event', { description: 'A change received from a system (webhook, batch, poll, refresh, reconcile) and its outcome' })
export class EventView {
  @ApiProperty({ description: 'inbox event id (bigint as string)' }) @Field(() => ID, { description: 'inbox event id (a bigint, as a decimal string)' }) id!: string;
  @ApiProperty() @Field({ description: 'the sending system key' }) system!: string;
  @ApiProperty({ description: "the sender's event id (webhook-id)" })
  @Field({ description: "the sender's event id (webhook-id), or the id the hub derives for a pulled change; a repeat of one already received is dropped" })
  eventId!: string;
  @ApiProperty({ example: 'customers.updated' }) @Field({ description: "the sender's event type, such as customers.updated" }) eventType!: string;
  @ApiProperty({ description: 'canonical entity type' }) @Field({ description: 'canonical entity type' }) entityType!: string;
  @ApiProperty({ enum: RECORD_OPERATIONS }) @Field(() => RecordOperationEnum, { description: 'what the change does to the record' }) action!: string;
  @ApiProperty() @Field({ description: "the record's id in the sending system" }) externalId!: string;
  @ApiProperty({ enum: EVENT_ORIGINS }) @Field(() => EventOriginEnum, { description: 'how the change reached the hub' }) origin!: string;
  @ApiProperty({ enum: EVENT_STATUSES }) @Field(() => EventStatusEnum, { description: 'what the pipeline did with it' }) status!: string;
  @ApiProperty({ nullable: true, type: String })
  @Field(() => String, { nullable: true, description: 'a code for the outcome: VALIDATION_FAILED, OLDER_THAN_SOURCE, ECHO_OF_DELIVERY, PROCESSING_FAILED, …; null when applied as is' })
  reason!: string | null;
  @ApiProperty({ nullable: true, description: 'validation or processing errors' })
  @Field(() => GraphQLJSON, { nullable: true, description: 'validation, mapping or processing errors: [{ code, message, … }] (field paths where they apply); null when none' })
  errors!: unknown;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  @Field(() => ID, { nullable: true, description: 'the golden record it was matched to; null while pending or when rejected before matching' })
  goldenId!: string | null;
  @ApiProperty({ nullable: true, type: Number })
  @Field(() => Int, { nullable: true, description: 'the golden version it produced (applied) or found (noop, echo); null otherwise' })
  goldenVersion!: number | null;
  @ApiProperty() @Field(() => Int, { description: 'processing attempts so far (a replay resets it)' }) attempts!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  @Field(() => GraphQLISODateTime, { nullable: true, description: "the sender's time of the change (the envelope's timestamp, or the record's updated-at when pulled); the latest strategy compares these; null when unknown" })
  sourceTimestamp!: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) @Field(() => GraphQLISODateTime, { description: 'when the hub stored it in the inbox' }) receivedAt!: Date;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'when the pipeline finished with it; null while pending' })
  processedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, description: 'the x-request-id or webhook-id of the request that brought it in (or a generated id); also on its version and deliveries' })
  @Field(() => String, { nullable: true, description: 'the x-request-id or webhook-id of the request that brought it in (or a generated id)' })
  correlationId!: string | null;
}

@ObjectType('EventTrailVersion', { description: 'The golden version an event produced' })
export class EventTrailVersionView {
  @ApiProperty({ format: 'uuid' }) @Field(() => ID, { description: 'the golden record' }) goldenId!: string;
  @ApiProperty() @Field(() => Int, { description: 'the version the event produced' }) version!: number;
  @ApiProperty({ type: String, format: 'date-time' }) @Field(() => GraphQLISODateTime, { description: 'when that version was written' }) at!: Date;
  @ApiProperty({ nullable: true, type: String, description: "the correlation id in the version's cause" })
  @Field(() => String, { nullable: true, description: "the correlation id in the version's cause; null when none was recorded" }) correlationId!: string | null;
}

@ObjectType('EventTrailDelivery', { description: 'The delivery that carried an event\'s version (or a later one it was compressed into) to one system' })
export class EventTrailDeliveryView {
  @ApiProperty({ description: 'delivery (outbox row) id' }) @Field(() => ID, { description: 'delivery (outbox row) id: delivery(id) reads it' }) id!: string;
  @ApiProperty() @Field({ description: 'target system key' }) system!: string;
  @ApiProperty({ description: 'the golden version delivered (later than the event\'s when changes were compressed)' })
  @Field(() => Int, { description: "the golden version delivered (later than the event's when changes were compressed)" })
  goldenVersion!: number;
  @ApiProperty({ description: 'the delivery status (see the deliveries API)' })
  @Field({ description: 'the delivery status, a DeliveryStatus value (pending, in_flight, delivered, dead, paused, superseded)' })
  status!: string;
  @ApiProperty() @Field(() => Int, { description: 'attempts made so far' }) attempts!: number;
  @ApiProperty({ nullable: true, type: String })
  @Field(() => String, { nullable: true, description: 'the correlation id of the change the delivery carries; null when none was recorded' })
  correlationId!: string | null;
  @ApiProperty({ nullable: true, type: String })
  @Field(() => String, { nullable: true, description: 'what went wrong on the last failed attempt; null when none failed' })
  lastError!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'when the system acknowledged it; null until delivered' })
  deliveredAt!: Date | null;
}

@ObjectType('EventTrail', { description: 'What became of an event: received → applied (version) → delivered, per system' })
export class EventTrailView {
  @ApiProperty({ type: String, format: 'date-time' }) @Field(() => GraphQLISODateTime, { description: 'when the hub stored the event' }) receivedAt!: Date;
  @ApiProperty({ nullable: true, type: EventTrailVersionView, description: 'null until the event produced a version' })
  @Field(() => EventTrailVersionView, { nullable: true, description: 'the version it produced; null until the event produced one (or when it produced none)' })
  applied!: EventTrailVersionView | null;
  @ApiProperty({ type: [EventTrailDeliveryView] })
  @Field(() => [EventTrailDeliveryView], { description: 'the deliveries that carried that version to each target system; empty before any' })
  deliveries!: EventTrailDeliveryView[];
}

@ObjectType('EventDetail', { description: 'An inbox event with the payload as received' })
export class EventDetailView extends EventView {
  @ApiProperty({ description: "the system's own record as received; sensitive fields masked for non-admins" })
  @Field(() => GraphQLJSON, { nullable: true, description: "the system's own record as received; sensitive fields masked for non-admins" })
  payload!: unknown;

  @ApiProperty({ type: EventTrailView }) @Field(() => EventTrailView, { description: 'what became of it: received → applied → delivered, per system' }) trail!: EventTrailView;
}

export const EventPage = restPageOf(EventView, 'Event');
export const EventConnection = connectionOf(EventView, 'Event');
