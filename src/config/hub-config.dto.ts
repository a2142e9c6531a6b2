import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Min } from 'class-validator';

export class ExportConfigQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'yaml'], description: 'default: JSON, or YAML when Accept prefers application/yaml' })
  @IsOptional() @IsIn(['json', 'yaml']) format?: 'json' | 'yaml';
}

export class ReplaceConfigQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'validate, list the changes and their impact on golden records, store nothing' })
  @IsOptional() @IsIn(['true', 'false']) dryRun?: 'true' | 'false';
  @ApiPropertyOptional({ description: 'optimistic lock (as If-Match): the version the document was based on; a newer stored version answers 412' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) expectedVersion?: number;
}
