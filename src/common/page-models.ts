import type { Type } from '@nestjs/common';
import { Field, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { PageInfoModel } from './page-info.model';

export interface RestPageShape<T> {
  items: T[];
  pageInfo: PageInfoModel;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfoModel;
}

/**
 * The REST list body `{ items, pageInfo }` for one item type, as a named class so the OpenAPI document shows the
 * item schema (e.g. `EventPage`). One contract for every list: docs/api-paging.md.
 */
export function restPageOf<T>(item: Type<T>, name: string): Type<RestPageShape<T>> {
  class RestPage {
    @ApiProperty({ type: [item] }) items!: T[];
    @ApiProperty({ type: PageInfoModel }) pageInfo!: PageInfoModel;
  }
  Object.defineProperty(RestPage, 'name', { value: `${name}Page` });
  return RestPage;
}

/** The field descriptions every connection shares, also used by the few connections written out by hand. */
export const EDGE_CURSOR = 'opaque cursor of this item: pass it as `after` to read the items that follow it';
export const CONNECTION_EDGES = 'the items of this page, each with its cursor';
export const CONNECTION_NODES = 'the nodes of `edges`, for clients that need no per-item cursor';
export const CONNECTION_PAGE_INFO = 'whether another page follows, and the cursor to ask for it';

/** The GraphQL connection for one node type: `<Name>Connection { edges { cursor node } nodes pageInfo }`. */
export function connectionOf<T>(node: Type<T>, name: string): Type<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`, { description: `One ${name} of a page, with the cursor that points at it` })
  class Edge {
    @Field({ description: EDGE_CURSOR }) cursor!: string;
    @Field(() => node, { description: `the ${name}` }) node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `One page of ${name} items, in the list's order` })
  class Connection {
    @Field(() => [Edge], { description: CONNECTION_EDGES }) edges!: Edge[];
    @Field(() => [node], { description: CONNECTION_NODES }) nodes!: T[];
    @Field(() => PageInfoModel, { description: CONNECTION_PAGE_INFO }) pageInfo!: PageInfoModel;
  }
  Object.defineProperty(Connection, 'name', { value: `${name}Connection` });
  return Connection;
}
