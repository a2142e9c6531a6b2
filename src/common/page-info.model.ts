import { Field, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';

/** Relay-style page info, shared by every cursor-paginated list. */
@ObjectType('PageInfo')
export class PageInfoModel {
  @ApiProperty() @Field() hasNextPage!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'pass as `after` to get the next page' })
  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}
