import { Field, ID, InputType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Allow, ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { GraphQLJSON } from 'graphql-type-json';
import { MAX_BULK_RESOLUTIONS } from './conflict.types';
import { anyJsonProperty } from '../common/any-json.schema';

/** Exactly one of `system` or `value` (INVALID_RESOLUTION otherwise). */
export class ResolveConflictDto {
  @ApiPropertyOptional({ example: 'B', description: "take this candidate system's value" })
  @IsOptional() @IsString() @Length(1, 100)
  system?: string;

  // Any JSON value: checked against the field's type by the service (INVALID_VALUE), not by a DTO rule.
  @ApiPropertyOptional(anyJsonProperty({ description: 'take this value instead (canonical form; null means empty)', example: 'Alice' }))
  @Allow()
  value?: unknown;
}

/** One conflict of a bulk resolution; the GraphQL input and the REST item are the same shape. */
@InputType('ConflictResolutionInput', { description: 'One conflict of a bulk resolution: its id and exactly one of system or value (INVALID_RESOLUTION otherwise)' })
export class ConflictResolutionItemDto {
  @ApiProperty({ format: 'uuid' }) @Field(() => ID, { description: 'the conflict to resolve (Conflict.id)' }) @IsUUID() id!: string;

  @ApiPropertyOptional({ example: 'B', description: "take this candidate system's value" })
  @Field(() => String, { nullable: true, description: "take this candidate system's value" })
  @IsOptional() @IsString() @Length(1, 100)
  system?: string;

  @ApiPropertyOptional({ nullable: true, description: 'take this value instead (canonical form; null means empty)' })
  @Field(() => GraphQLJSON, { nullable: true, description: 'take this value instead (canonical form; null means empty)' })
  @Allow()
  value?: unknown;
}

export class ResolveConflictsDto {
  @ApiProperty({ type: [ConflictResolutionItemDto], minItems: 1, maxItems: MAX_BULK_RESOLUTIONS })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_BULK_RESOLUTIONS) @ValidateNested({ each: true }) @Type(() => ConflictResolutionItemDto)
  items!: ConflictResolutionItemDto[];
}
