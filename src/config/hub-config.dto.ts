import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class ExportConfigQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'yaml'], description: 'default: JSON, or YAML when Accept prefers application/yaml' })
  @IsOptional() @IsIn(['json', 'yaml']) format?: 'json' | 'yaml';
}

export class ReplaceConfigQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'validate and list the changes without applying them' })
  @IsOptional() @IsIn(['true', 'false']) dryRun?: 'true' | 'false';
}
