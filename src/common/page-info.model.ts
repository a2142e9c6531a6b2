import { Field, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';

/** Relay-style page info, shared by every cursor-paginated list. */
@ObjectType('PageInfo', { description: 'Where a page of a list ends, and whether another follows (docs/api-paging.md)' })
export class PageInfoModel {
  @ApiProperty() @Field({ description: 'true when another page follows: ask again with `after` set to endCursor' }) hasNextPage!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'pass as `after` to get the next page' })
  @Field(() => String, { nullable: true, description: 'cursor of the last item of this page, to pass as `after`; null when the page is empty' })
  endCursor!: string | null;
}
