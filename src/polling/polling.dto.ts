import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNumber, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { PageQueryDto } from '../common/page-query.dto';
import { INFERRED_DELETE_STATUSES, type InferredDeleteStatus } from './inferred-delete.types';
import { SYNC_RUN_KINDS, SYNC_RUN_STATUSES } from './sync-run.types';

// The configuration's name rule (hub-config.schema.ts): systems and entity types share it.
const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

export class SystemParamDto {
  @ApiProperty({ description: 'system key' }) @Matches(NAME, { message: 'system must be a system key' }) @Length(1, 100) system!: string;
}

export class RefreshBodyDto {
  @ApiPropertyOptional({ description: 'one entity type; all inbound entity types of the system when left out' })
  @IsOptional() @Matches(NAME) @Length(1, 100)
  entityType?: string;
  @ApiPropertyOptional({ description: "one record by the system's id (needs entityType)" })
  @IsOptional() @IsString() @Length(1, 512)
  externalId?: string;
  @ApiPropertyOptional({ description: 're-read every record instead of the changes since the watermark' })
  @IsOptional() @IsBoolean()
  full?: boolean;
}

export class ReconcileBodyDto {
  @ApiPropertyOptional({ description: 'one entity type; all inbound entity types of the system when left out' })
  @IsOptional() @Matches(NAME) @Length(1, 100)
  entityType?: string;
  @ApiPropertyOptional({ minimum: 0, maximum: 1, default: 0.5, description: 'mass-delete guard: largest share of known records this run may infer deleted (1 turns the guard off)' })
  @IsOptional() @IsNumber() @Min(0) @Max(1)
  maxDeleteShare?: number;
}

export class ListSyncRunsQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) system?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) entityType?: string;
  @ApiPropertyOptional({ enum: SYNC_RUN_KINDS }) @IsOptional() @IsIn(SYNC_RUN_KINDS) kind?: string;
  @ApiPropertyOptional({ enum: SYNC_RUN_STATUSES }) @IsOptional() @IsIn(SYNC_RUN_STATUSES) status?: string;
}

export class ListInferredDeletesQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) system?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) entityType?: string;
  @ApiPropertyOptional({ enum: INFERRED_DELETE_STATUSES }) @IsOptional() @IsIn(INFERRED_DELETE_STATUSES) status?: InferredDeleteStatus;
}
