import { Field, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { ROLES, RoleEnum } from './admin.model';
import type { Role } from './auth/actor';

@ObjectType('Caller', { description: 'Who the API key presented with this request belongs to' })
export class CallerModel {
  @ApiProperty({ description: 'the API key name' }) @Field({ description: 'the API key name' }) name!: string;
  @ApiProperty({ enum: ROLES }) @Field(() => RoleEnum, { description: 'what the caller may do' }) role!: Role;
  @ApiProperty({ description: 'first characters of the key, to tell keys apart' })
  @Field({ description: 'first characters of the key, to tell keys apart' })
  keyPrefix!: string;
}
