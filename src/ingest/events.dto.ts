import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { GraphQLJSON } from 'graphql-type-json';
import { graphqlEnum, RECORD_OPERATIONS, RecordOperationEnum } from '../common/graphql-enum';
import { connectionOf, restPageOf } from '../common/page-models';
import { PageQueryDto } from '../common/page-query.dto';

export const EVENT_STATUSES = ['pending', 'applied', 'noop', 'echo', 'rejected', 'failed'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];
export const EventStatusEnum = graphqlEnum(EVENT_STATUSES, 'EventStatus', 'What the pipeline did with an inbox event');
export const EVENT_ORIGINS = ['webhook', 'batch', 'poll', 'refresh', 'reconcile'] as const;
export const EventOriginEnum = graphqlEnum(EVENT_ORIGINS, 'EventOrigin', 'How the change reached the hub');

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
  @ApiProperty({ description: 'inbox event id (bigint as string)' }) @Field(() => ID) id!: string;
  @ApiProperty() @Field() system!: string;
  @ApiProperty({ description: "the sender's event id (webhook-id)" }) @Field() eventId!: string;
  @ApiProperty({ example: 'customers.updated' }) @Field() eventType!: string;
  @ApiProperty({ description: 'canonical entity type' }) @Field() entityType!: string;
  @ApiProperty({ enum: RECORD_OPERATIONS }) @Field(() => RecordOperationEnum) action!: string;
  @ApiProperty() @Field() externalId!: string;
  @ApiProperty({ enum: EVENT_ORIGINS }) @Field(() => EventOriginEnum) origin!: string;
  @ApiProperty({ enum: EVENT_STATUSES }) @Field(() => EventStatusEnum) status!: string;
  @ApiProperty({ nullable: true, type: String }) @Field(() => String, { nullable: true }) reason!: string | null;
  @ApiProperty({ nullable: true, description: 'validation or processing errors' }) @Field(() => GraphQLJSON, { nullable: true }) errors!: unknown;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) @Field(() => ID, { nullable: true }) goldenId!: string | null;
  @ApiProperty({ nullable: true, type: Number }) @Field(() => Int, { nullable: true }) goldenVersion!: number | null;
  @ApiProperty() @Field(() => Int) attempts!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) @Field(() => GraphQLISODateTime, { nullable: true }) sourceTimestamp!: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) @Field(() => GraphQLISODateTime) receivedAt!: Date;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) @Field(() => GraphQLISODateTime, { nullable: true }) processedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, description: 'the x-request-id or webhook-id of the request that brought it in (or a generated id); also on its version and deliveries' })
  @Field(() => String, { nullable: true, description: 'the x-request-id or webhook-id of the request that brought it in (or a generated id)' })
  correlationId!: string | null;
}

@ObjectType('EventTrailVersion', { description: 'The golden version an event produced' })
export class EventTrailVersionView {
  @ApiProperty({ format: 'uuid' }) @Field(() => ID) goldenId!: string;
  @ApiProperty() @Field(() => Int) version!: number;
  @ApiProperty({ type: String, format: 'date-time' }) @Field(() => GraphQLISODateTime) at!: Date;
  @ApiProperty({ nullable: true, type: String, description: "the correlation id in the version's cause" })
  @Field(() => String, { nullable: true }) correlationId!: string | null;
}

@ObjectType('EventTrailDelivery', { description: 'The delivery that carried an event\'s version (or a later one it was compressed into) to one system' })
export class EventTrailDeliveryView {
  @ApiProperty({ description: 'delivery (outbox row) id' }) @Field(() => ID) id!: string;
  @ApiProperty() @Field() system!: string;
  @ApiProperty({ description: 'the golden version delivered (later than the event\'s when changes were compressed)' }) @Field(() => Int) goldenVersion!: number;
  @ApiProperty({ description: 'the delivery status (see the deliveries API)' }) @Field() status!: string;
  @ApiProperty() @Field(() => Int) attempts!: number;
  @ApiProperty({ nullable: true, type: String }) @Field(() => String, { nullable: true }) correlationId!: string | null;
  @ApiProperty({ nullable: true, type: String }) @Field(() => String, { nullable: true }) lastError!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) @Field(() => GraphQLISODateTime, { nullable: true }) deliveredAt!: Date | null;
}

@ObjectType('EventTrail', { description: 'What became of an event: received → applied (version) → delivered, per system' })
export class EventTrailView {
  @ApiProperty({ type: String, format: 'date-time' }) @Field(() => GraphQLISODateTime) receivedAt!: Date;
  @ApiProperty({ nullable: true, type: EventTrailVersionView, description: 'null until the event produced a version' })
  @Field(() => EventTrailVersionView, { nullable: true }) applied!: EventTrailVersionView | null;
  @ApiProperty({ type: [EventTrailDeliveryView] }) @Field(() => [EventTrailDeliveryView]) deliveries!: EventTrailDeliveryView[];
}

@ObjectType('EventDetail', { description: 'An inbox event with the payload as received' })
export class EventDetailView extends EventView {
  @ApiProperty({ description: "the system's own record as received; sensitive fields masked for non-admins" })
  @Field(() => GraphQLJSON, { nullable: true, description: "the system's own record as received; sensitive fields masked for non-admins" })
  payload!: unknown;

  @ApiProperty({ type: EventTrailView }) @Field(() => EventTrailView) trail!: EventTrailView;
}

export const EventPage = restPageOf(EventView, 'Event');
export const EventConnection = connectionOf(EventView, 'Event');
