import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { MAX_PAGE_SIZE } from '../common/page-cursor';
import { JOB_STATUSES } from './job.types';

export class ListJobsQueryDto {
  @ApiPropertyOptional({ enum: JOB_STATUSES }) @IsOptional() @IsIn(JOB_STATUSES) status?: string;
  @ApiPropertyOptional({ example: 'recompute' }) @IsOptional() @IsString() @Length(1, 100) kind?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE_SIZE)
  first?: number;
  @ApiPropertyOptional({ description: 'pageInfo.endCursor of the previous page' }) @IsOptional() @IsString() after?: string;
}
