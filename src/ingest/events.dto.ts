import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';

export const EVENT_STATUSES = ['pending', 'applied', 'noop', 'echo', 'rejected', 'failed'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

// bigserial ids as decimal strings; 18 digits keeps every accepted value inside bigint.
const ID_PATTERN = /^[1-9]\d{0,17}$/;

export class EventQueryDto {
  @ApiPropertyOptional({ enum: EVENT_STATUSES }) @IsOptional() @IsIn(EVENT_STATUSES) status?: EventStatus;
  @ApiPropertyOptional({ description: 'system key' }) @IsOptional() @IsString() @Length(1, 100) system?: string;
  @ApiPropertyOptional({ description: 'canonical entity type' }) @IsOptional() @IsString() @Length(1, 100) entityType?: string;
  @ApiPropertyOptional({ description: "the system's record id" }) @IsOptional() @IsString() @Length(1, 512) externalId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() goldenId?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
  @ApiPropertyOptional({ description: 'id cursor: events older than this id (the last id of the previous page)' })
  @IsOptional() @Matches(ID_PATTERN, { message: 'before must be an event id' }) before?: string;
}

export class EventIdParamDto {
  @ApiProperty({ description: 'inbox event id' }) @Matches(ID_PATTERN, { message: 'id must be an event id' }) id!: string;
}

export class EventView {
  @ApiProperty({ description: 'inbox event id (bigint as string)' }) id!: string;
  @ApiProperty() system!: string;
  @ApiProperty({ description: "the sender's event id (webhook-id)" }) eventId!: string;
  @ApiProperty({ example: 'customers.updated' }) eventType!: string;
  @ApiProperty({ description: 'canonical entity type' }) entityType!: string;
  @ApiProperty({ enum: ['upsert', 'delete'] }) action!: string;
  @ApiProperty() externalId!: string;
  @ApiProperty({ enum: ['webhook', 'batch', 'poll', 'refresh', 'reconcile'] }) origin!: string;
  @ApiProperty({ enum: EVENT_STATUSES }) status!: string;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ nullable: true, description: 'validation or processing errors' }) errors!: unknown;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) goldenId!: string | null;
  @ApiProperty({ nullable: true, type: Number }) goldenVersion!: number | null;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) sourceTimestamp!: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) receivedAt!: Date;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) processedAt!: Date | null;
}

export class EventDetailView extends EventView {
  @ApiProperty({ description: "the system's own record as received; sensitive fields masked for non-admins" }) payload!: unknown;
}
