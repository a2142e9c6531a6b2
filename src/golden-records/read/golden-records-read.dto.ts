import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsISO8601, IsOptional, IsString, Length, Min } from 'class-validator';
import { PageQueryDto } from '../../common/page-query.dto';
import { MAX_SEARCH_LENGTH } from './golden-search';

export class ListGoldenRecordsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'JSON object of canonical field → value, e.g. {"status":"active","address":{"country":"FR"}}',
  })
  @IsOptional() @IsString()
  filter?: string;

  @ApiPropertyOptional({
    description: 'case-insensitive prefix of words of any string value (name, e-mail, …) or of a source record id; every word must match',
    example: 'ada lov',
  })
  @IsOptional() @IsString() @Length(1, MAX_SEARCH_LENGTH)
  search?: string;

  @ApiPropertyOptional({ default: false, description: 'include tombstoned records' })
  @IsOptional()
  // Query strings are text: "false" must not become true, as Boolean("false") would.
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeDeleted?: boolean;
}

export class AsOfQueryDto {
  @ApiProperty({ description: 'ISO 8601 date-time', example: '2026-01-31T12:00:00Z' })
  @IsISO8601({ strict: true })
  at!: string;
}

export class DiffQueryDto {
  @ApiProperty({ minimum: 1 }) @Type(() => Number) @IsInt() @Min(1) from!: number;
  @ApiProperty({ minimum: 1 }) @Type(() => Number) @IsInt() @Min(1) to!: number;
}
