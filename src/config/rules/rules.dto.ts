import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, Min } from 'class-validator';
import { STRATEGIES, type Strategy } from '../hub-config.schema';

/**
 * PUT /api/entity-types/{type}/rules: what GET answers, with any of the four rule keys changed. Keys left out stay as
 * they are; `entityType`, `configVersion` and `effective` (what GET answers besides the rules) are accepted so the
 * GET body can be edited and sent back, and ignored — the lock is If-Match or `expectedVersion`.
 */
export class PutEntityRulesDto {
  @ApiPropertyOptional({ type: [String], example: ['A', 'B'], description: 'systems, highest first' })
  @IsOptional() @IsArray() @IsString({ each: true })
  precedence?: string[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } }, example: { firstName: ['B', 'A'] } })
  @IsOptional() @IsObject()
  fieldPrecedence?: Record<string, string[]>;

  @ApiPropertyOptional({ enum: STRATEGIES })
  @IsOptional() @IsIn(STRATEGIES)
  strategy?: Strategy;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string', enum: [...STRATEGIES] }, example: { lastName: 'manual' } })
  @IsOptional() @IsObject()
  fieldStrategies?: Record<string, Strategy>;

  @ApiPropertyOptional({ description: 'optimistic lock (as If-Match): the configVersion the rules were read at' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  expectedVersion?: number;

  @ApiPropertyOptional({ description: 'ignored (what GET answers); must name the path\'s entity type when given' })
  @IsOptional() @IsString()
  entityType?: string;

  @ApiPropertyOptional({ description: 'ignored (what GET answers): use If-Match or expectedVersion to lock' })
  @IsOptional()
  configVersion?: unknown;

  @ApiPropertyOptional({ description: 'ignored (what GET answers)' })
  @IsOptional()
  effective?: unknown;
}

export class PutEntityRulesQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'validate and report the impact on golden records, store nothing' })
  @IsOptional() @IsIn(['true', 'false'])
  dryRun?: 'true' | 'false';
}

/** REST response schema of GET (and of an applied PUT, with applied, changes and jobs). */
export class EntityRulesResponse {
  @ApiProperty() entityType!: string;
  @ApiProperty({ type: [String] }) precedence!: string[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } }) fieldPrecedence!: Record<string, string[]>;
  @ApiProperty({ enum: STRATEGIES }) strategy!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) fieldStrategies!: Record<string, string>;
  @ApiProperty({ description: 'the configuration version; also the ETag' }) configVersion!: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: '{ precedence, fieldPrecedence } completed with every system, as survivorship uses them' })
  effective!: unknown;
}
