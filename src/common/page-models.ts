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

/** The GraphQL connection for one node type: `<Name>Connection { edges { cursor node } nodes pageInfo }`. */
export function connectionOf<T>(node: Type<T>, name: string): Type<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field() cursor!: string;
    @Field(() => node) node!: T;
  }

  @ObjectType(`${name}Connection`)
  class Connection {
    @Field(() => [Edge]) edges!: Edge[];
    @Field(() => [node], { description: 'the nodes of `edges`, for clients that need no per-item cursor' }) nodes!: T[];
    @Field(() => PageInfoModel) pageInfo!: PageInfoModel;
  }
  Object.defineProperty(Connection, 'name', { value: `${name}Connection` });
  return Connection;
}
