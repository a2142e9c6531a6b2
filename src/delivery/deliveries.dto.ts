import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { GraphQLJSON } from 'graphql-type-json';
import { graphqlEnum, RECORD_OPERATIONS, RecordOperationEnum } from '../common/graphql-enum';
import { connectionOf, restPageOf } from '../common/page-models';
import { PageQueryDto } from '../common/page-query.dto';
import { DELIVERY_STATUSES, type DeliveryStatus } from './delivery.types';

export const DeliveryStatusEnum = graphqlEnum(DELIVERY_STATUSES, 'DeliveryStatus', 'Where an outbound delivery stands; dead = a dead letter', {
  pending: 'waits to be sent, at nextAttemptAt (first attempt, a retry after a failure, or a batch window)',
  in_flight: 'a worker is sending it now',
  delivered: 'the system acknowledged it',
  dead: 'a dead letter: it used up its retries or failed for good; retryDelivery or replayDeadLetters sends it again',
  paused: 'held by the circuit breaker (the record was written to the system in a loop) until someone retries it',
  superseded: 'replaced by a newer delivery of the same record before it was sent',
});

// bigserial ids as decimal strings; 18 digits keeps every accepted value inside bigint.
const ID_PATTERN = /^[1-9]\d{0,17}$/;

export class DeliveryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'target system key' }) @IsOptional() @IsString() @Length(1, 100) system?: string;
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES }) @IsOptional() @IsIn(DELIVERY_STATUSES) status?: DeliveryStatus;
  @ApiPropertyOptional({ description: 'canonical entity type' }) @IsOptional() @IsString() @Length(1, 100) entityType?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'golden record id' }) @IsOptional() @IsUUID() goldenId?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: only failing deliveries (still to be sent, paused included, after a failed attempt)' })
  @IsOptional() @IsIn(['true', 'false']) failing?: string;
}

export class DeliveryIdParamDto {
  @ApiProperty({ description: 'delivery (outbox row) id' }) @Matches(ID_PATTERN, { message: 'id must be a delivery id', context: { code: 'INVALID_ID' } }) id!: string;
}

export class ReplayDeadLettersDto {
  @ApiPropertyOptional({ description: 'only dead letters for this system' }) @IsOptional() @IsString() @Length(1, 100) system?: string;
  @ApiPropertyOptional({ description: 'only dead letters of this entity type' }) @IsOptional() @IsString() @Length(1, 100) entityType?: string;
}

export class FlushScheduleDto {
  @ApiProperty({ description: 'a batch-mode system: send what waits for its window now' }) @IsString() @Length(1, 100) system!: string;
}

export class LedgerQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'target system key' }) @IsOptional() @IsString() @Length(1, 100) system?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() goldenId?: string;
  @ApiPropertyOptional({ description: 'only records paused by the circuit breaker' }) @IsOptional() @IsIn(['true', 'false']) paused?: string;
}

@ObjectType('Delivery', { description: 'A change on its way to a system (an outbox row), with the outcome of its last attempt' })
export class DeliveryView {
  @ApiProperty({ description: 'outbox row id (bigint as string)' }) @Field(() => ID, { description: 'outbox row id (a bigint, as a decimal string)' }) id!: string;
  @ApiProperty() @Field({ description: 'target system key' }) system!: string;
  @ApiProperty() @Field({ description: 'canonical entity type of the record' }) entityType!: string;
  @ApiProperty({ format: 'uuid' }) @Field(() => ID, { description: 'the golden record it carries' }) goldenId!: string;
  @ApiProperty({ description: 'the golden version this row carries (the latest one compressed into it)' })
  @Field(() => Int, { description: 'the golden version this row carries (the latest one compressed into it)' })
  goldenVersion!: number;
  @ApiProperty({ enum: RECORD_OPERATIONS }) @Field(() => RecordOperationEnum, { description: 'write or delete the record in the system' }) operation!: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) @Field(() => DeliveryStatusEnum, { description: 'where the delivery stands' }) status!: string;
  @ApiProperty() @Field(() => Int, { description: 'attempts made so far (reset by a retry or replay)' }) attempts!: number;
  @ApiProperty({ type: String, format: 'date-time', description: 'pending: not sent before this time' })
  @Field(() => GraphQLISODateTime, { description: 'pending: not sent before this time (backoff after a failure, or the batch window)' })
  nextAttemptAt!: Date;
  @ApiProperty({ nullable: true, type: String })
  @Field(() => String, { nullable: true, description: 'what went wrong on the last failed attempt; null when none failed' })
  lastError!: string | null;
  @ApiProperty({
    nullable: true, type: String, example: 'HTTP_SERVER_ERROR',
    description: 'the adapter error code of the last attempt, e.g. HTTP_SERVER_ERROR, HTTP_RATE_LIMITED, or SYSTEM_CHANGED (a conditional write refused: the record is read back and merged first)',
  }) @Field(() => String, {
    nullable: true,
    description: 'the adapter error code of the last attempt, e.g. HTTP_SERVER_ERROR, HTTP_RATE_LIMITED, or SYSTEM_CHANGED (a conditional write refused: the record is read back and merged first); null when none failed',
  }) lastCode!: string | null;
  @ApiProperty({ nullable: true, type: Number })
  @Field(() => Int, { nullable: true, description: "the system's HTTP status on the last attempt; null before any answer or for a non-HTTP adapter" })
  lastStatus!: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Idempotency-Key of the last attempt' })
  @Field(() => String, { nullable: true, description: 'Idempotency-Key sent with the last attempt, so the system can drop a repeat; null before the first' })
  idempotencyKey!: string | null;
  @ApiProperty({ nullable: true, type: String, description: "the record's id in the system" })
  @Field(() => String, { nullable: true, description: "the record's id in the system; null until the system has created it" })
  externalId!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) @Field(() => GraphQLISODateTime, { description: 'when the change was queued' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) @Field(() => GraphQLISODateTime, { description: 'when the row last changed (an attempt, a retry, a compression)' }) updatedAt!: Date;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'when the system acknowledged it; null until delivered' })
  deliveredAt!: Date | null;
}

@ObjectType('DeliveryDetail', { description: 'A delivery with its payload' })
export class DeliveryDetailView extends DeliveryView {
  @ApiProperty({ description: "the record in the system's shape (sensitive fields are never sent)" })
  @Field(() => GraphQLJSON, { nullable: true, description: "the record in the system's shape, as sent (sensitive fields are never sent)" })
  payload!: unknown;
  @ApiProperty({ description: 'the canonical values it was mapped from' })
  @Field(() => GraphQLJSON, { nullable: true, description: 'the canonical values it was mapped from' })
  canonical!: unknown;
  @ApiProperty({ nullable: true, description: 'values left out because they could not be mapped' })
  @Field(() => GraphQLJSON, { nullable: true, description: 'values left out because they could not be mapped: [{ system, field, systemField, value, code, message }]; null when all mapped' })
  mappingErrors!: unknown;
}

@ObjectType('CountResult', { description: 'How many rows an action changed' })
export class CountView {
  @ApiProperty() @Field(() => Int, { description: 'deliveries the action requeued (replayed dead letters, or rows released from a batch window)' }) count!: number;
}

@ObjectType('DeliveryLedgerEntry', { description: 'Per system and record: what was last sent and acknowledged, and the circuit breaker' })
export class LedgerView {
  @ApiProperty() @Field({ description: 'target system key' }) system!: string;
  @ApiProperty() @Field({ description: 'canonical entity type of the record' }) entityType!: string;
  @ApiProperty({ format: 'uuid' }) @Field(() => ID, { description: 'the golden record' }) goldenId!: string;
  @ApiProperty({ nullable: true, type: String })
  @Field(() => String, { nullable: true, description: "the record's id in the system; null until the system has created it" })
  externalId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'hash of the payload last sent' })
  @Field(() => String, { nullable: true, description: 'hash of the payload last sent; null before the first send' })
  lastSentHash!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'when a payload was last sent; null before the first send' })
  lastSentAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, description: 'hash of the payload last acknowledged' })
  @Field(() => String, { nullable: true, description: 'hash of the payload the system last acknowledged (an unchanged payload is not sent again); null before' })
  lastAckedHash!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'when the system last acknowledged a write; null before' })
  lastAckedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String })
  @Field(() => ID, { nullable: true, description: 'the outbox row (Delivery.id) of the last send; null before the first' })
  lastOutboxId!: string | null;
  @ApiProperty() @Field(() => Int, { description: 'attempts of the last delivery' }) attempts!: number;
  @ApiProperty({ nullable: true, type: String })
  @Field(() => String, { nullable: true, description: 'the last failure for this record; null when the last attempt succeeded' })
  lastError!: string | null;
  @ApiProperty({ description: 'writes in the current circuit-breaker window' })
  @Field(() => Int, { description: 'writes in the current circuit-breaker window: past the limit the record is paused' })
  writesInWindow!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'set while the circuit breaker holds the record' })
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'set while the circuit breaker holds the record; null otherwise' })
  pausedAt!: Date | null;
}

export const DeliveryPage = restPageOf(DeliveryView, 'Delivery');
export const DeliveryConnection = connectionOf(DeliveryView, 'Delivery');
export const LedgerPage = restPageOf(LedgerView, 'DeliveryLedgerEntry');
export const LedgerConnection = connectionOf(LedgerView, 'DeliveryLedgerEntry');
