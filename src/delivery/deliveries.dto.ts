import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { DELIVERY_STATUSES, type DeliveryStatus } from './delivery.types';

// bigserial ids as decimal strings; 18 digits keeps every accepted value inside bigint.
const ID_PATTERN = /^[1-9]\d{0,17}$/;

export class DeliveryQueryDto {
  @ApiPropertyOptional({ description: 'target system key' }) @IsOptional() @IsString() @Length(1, 100) system?: string;
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES }) @IsOptional() @IsIn(DELIVERY_STATUSES) status?: DeliveryStatus;
  @ApiPropertyOptional({ description: 'canonical entity type' }) @IsOptional() @IsString() @Length(1, 100) entityType?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'golden record id' }) @IsOptional() @IsUUID() goldenId?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
  @ApiPropertyOptional({ description: 'id cursor: deliveries older than this id (the last id of the previous page)' })
  @IsOptional() @Matches(ID_PATTERN, { message: 'before must be a delivery id' }) before?: string;
}

export class DeliveryIdParamDto {
  @ApiProperty({ description: 'delivery (outbox row) id' }) @Matches(ID_PATTERN, { message: 'id must be a delivery id' }) id!: string;
}

export class ReplayDeadLettersDto {
  @ApiPropertyOptional({ description: 'only dead letters for this system' }) @IsOptional() @IsString() @Length(1, 100) system?: string;
  @ApiPropertyOptional({ description: 'only dead letters of this entity type' }) @IsOptional() @IsString() @Length(1, 100) entityType?: string;
}

export class FlushScheduleDto {
  @ApiProperty({ description: 'a batch-mode system: send what waits for its window now' }) @IsString() @Length(1, 100) system!: string;
}

export class LedgerQueryDto {
  @ApiPropertyOptional({ description: 'target system key' }) @IsOptional() @IsString() @Length(1, 100) system?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() goldenId?: string;
  @ApiPropertyOptional({ description: 'only records paused by the circuit breaker' }) @IsOptional() @IsIn(['true', 'false']) paused?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}

export class DeliveryView {
  @ApiProperty({ description: 'outbox row id (bigint as string)' }) id!: string;
  @ApiProperty() system!: string;
  @ApiProperty() entityType!: string;
  @ApiProperty({ format: 'uuid' }) goldenId!: string;
  @ApiProperty({ description: 'the golden version this row carries (the latest one compressed into it)' }) goldenVersion!: number;
  @ApiProperty({ enum: ['upsert', 'delete'] }) operation!: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: String, format: 'date-time', description: 'pending: not sent before this time' }) nextAttemptAt!: Date;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({
    nullable: true, type: String, example: 'HTTP_SERVER_ERROR',
    description: 'the adapter error code of the last attempt, e.g. HTTP_SERVER_ERROR, HTTP_RATE_LIMITED, or SYSTEM_CHANGED (a conditional write refused: the record is read back and merged first)',
  }) lastCode!: string | null;
  @ApiProperty({ nullable: true, type: Number }) lastStatus!: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Idempotency-Key of the last attempt' }) idempotencyKey!: string | null;
  @ApiProperty({ nullable: true, type: String, description: "the record's id in the system" }) externalId!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) deliveredAt!: Date | null;
}

export class DeliveryDetailView extends DeliveryView {
  @ApiProperty({ description: "the record in the system's shape (sensitive fields are never sent)" }) payload!: unknown;
  @ApiProperty({ description: 'the canonical values it was mapped from' }) canonical!: unknown;
  @ApiProperty({ nullable: true, description: 'values left out because they could not be mapped' }) mappingErrors!: unknown;
}

export class CountView {
  @ApiProperty() count!: number;
}

export class LedgerView {
  @ApiProperty() system!: string;
  @ApiProperty() entityType!: string;
  @ApiProperty({ format: 'uuid' }) goldenId!: string;
  @ApiProperty({ nullable: true, type: String }) externalId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'hash of the payload last sent' }) lastSentHash!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastSentAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, description: 'hash of the payload last acknowledged' }) lastAckedHash!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastAckedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String }) lastOutboxId!: string | null;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ description: 'writes in the current circuit-breaker window' }) writesInWindow!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'set while the circuit breaker holds the record' }) pausedAt!: Date | null;
}
