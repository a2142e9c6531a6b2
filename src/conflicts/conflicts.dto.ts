import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { MAX_PAGE_SIZE } from '../golden-records/read/page-cursor';
import { CONFLICT_AGES, CONFLICT_STATUSES } from './conflict.types';

export class ConflictFilterQueryDto {
  @ApiPropertyOptional({ enum: CONFLICT_STATUSES }) @IsOptional() @IsIn(CONFLICT_STATUSES) status?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) entityType?: string;
  @ApiPropertyOptional({ description: 'canonical field name', example: 'phone' }) @IsOptional() @IsString() @Length(1, 200) field?: string;
  @ApiPropertyOptional({ description: 'a system among the candidates', example: 'B' }) @IsOptional() @IsString() @Length(1, 100) system?: string;
  @ApiPropertyOptional({ enum: CONFLICT_AGES, description: 'hour (< 1 h), day (1-24 h), week (1-7 days), older (> 7 days)' })
  @IsOptional() @IsIn(CONFLICT_AGES)
  age?: string;
}

export class ListConflictsQueryDto extends ConflictFilterQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE_SIZE)
  first?: number;
  @ApiPropertyOptional({ description: 'pageInfo.endCursor of the previous page' }) @IsOptional() @IsString() after?: string;
}
