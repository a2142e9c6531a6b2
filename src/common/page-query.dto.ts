import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page-cursor';

/** Out of range is the code GraphQL answers for the same `first` (pageSize in page-cursor.ts). */
const PAGE_SIZE = { context: { code: 'INVALID_PAGE_SIZE' } };

/** `first` / `after`, the paging parameters of every REST list (docs/api-paging.md). Lists extend it with their filters. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE, description: 'page size' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1, PAGE_SIZE) @Max(MAX_PAGE_SIZE, PAGE_SIZE)
  first?: number;

  @ApiPropertyOptional({ description: 'pageInfo.endCursor of the previous page' })
  @IsOptional() @IsString() @MaxLength(1000)
  after?: string;
}
