import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageQueryDto } from '../common/page-query.dto';
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

export class ListConflictsQueryDto extends IntersectionType(PageQueryDto, ConflictFilterQueryDto) {
  @ApiPropertyOptional({ format: 'uuid', description: "one golden record's conflicts" }) @IsOptional() @IsUUID() goldenRecordId?: string;
}
