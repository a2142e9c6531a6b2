import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageQueryDto } from '../common/page-query.dto';
import { CONFLICT_STATUSES } from './conflict.types';

export class ListConflictsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CONFLICT_STATUSES }) @IsOptional() @IsIn(CONFLICT_STATUSES) status?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) entityType?: string;
  @ApiPropertyOptional({ format: 'uuid', description: "one golden record's conflicts" }) @IsOptional() @IsUUID() goldenRecordId?: string;
}
