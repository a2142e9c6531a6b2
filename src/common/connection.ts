import type { Page } from './page-cursor';

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Page → GraphQL connection shape (edges with cursors, nodes, pageInfo). */
export function toConnection<T>(page: Page<T>): Connection<T> {
  return {
    edges: page.items.map((node, i) => ({ cursor: page.cursors[i], node })),
    nodes: page.items,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
  };
}

/** Page → REST list body. */
export function toRestPage<T>(page: Page<T>): { items: T[]; pageInfo: Connection<T>['pageInfo'] } {
  return { items: page.items, pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor } };
}
