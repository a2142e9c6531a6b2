import { Int } from '@nestjs/graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page-cursor';

/**
 * The `first` / `after` arguments of every GraphQL list (docs/api-paging.md), described once so each list's
 * `@Args('first', FIRST_ARG)` tells a client the same bounds and error codes as the REST `?first=&after=`.
 */
export const FIRST_ARG = {
  type: () => Int,
  nullable: true,
  description: `page size, 1 to ${MAX_PAGE_SIZE}; ${DEFAULT_PAGE_SIZE} when left out; out of range: INVALID_PAGE_SIZE`,
} as const;

export const AFTER_ARG = {
  type: () => String,
  nullable: true,
  description: 'pageInfo.endCursor of the previous page; left out: the first page; a cursor from another list: INVALID_CURSOR',
} as const;
