import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { MAX_PAGE_SIZE } from '../common/page-cursor';
import { SUSPECT_STATUSES } from './match-suspect.repository';
import { MAX_BULK } from './match-suspects.service';

export class ListMatchSuspectsQueryDto {
  @ApiPropertyOptional({ example: 'contact' }) @IsOptional() @IsString() @Length(1, 100) entityType?: string;
  @ApiPropertyOptional({ enum: SUSPECT_STATUSES, description: 'default: every status' }) @IsOptional() @IsIn(SUSPECT_STATUSES) status?: string;
  @ApiPropertyOptional({ minimum: 0, maximum: 1, example: 0.9 }) @IsOptional() @Type(() => Number) @IsNumber() @Min(0) @Max(1) minScore?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE_SIZE)
  first?: number;
  @ApiPropertyOptional({ description: 'pageInfo.endCursor of the previous page' }) @IsOptional() @IsString() after?: string;
}

export class ScanSuspectsQueryDto {
  @ApiProperty({ example: 'contact', description: 'the entity type whose live records are scanned (it must have similarity rules)' })
  @IsString() @Length(1, 100)
  entityType!: string;
}

export class MergeSuspectDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'one of the two records; default: the older one (created first)' })
  @IsOptional() @IsUUID()
  survivorId?: string;
}

export class BulkSuspectsDto {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: MAX_BULK, description: 'suspect ids, each acted on in its own transaction' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_BULK) @IsUUID('all', { each: true })
  ids!: string[];
}
