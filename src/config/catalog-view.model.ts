import { Field, ObjectType } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-type-json';
import { DeletePolicyEnum } from './hub-config.model';

@ObjectType('EntityField', { description: 'A canonical field of an entity type (top level)' })
export class EntityFieldModel {
  @Field() name!: string;
  @Field({ description: 'string | text | email | phone | date | datetime | integer | decimal | money | boolean | enum | list | reference | object' })
  type!: string;
  @Field() required!: boolean;
  @Field({ description: 'masked for everyone but admins' }) sensitive!: boolean;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => [String], { nullable: true, description: 'enum: the allowed values' }) values!: string[] | null;
  @Field(() => String, { nullable: true, description: 'survivorship strategy of this field when it differs from the type default' })
  strategy!: string | null;
}

@ObjectType('EntityType', { description: 'An entity type as resolved (built-ins merged with the configuration)' })
export class EntityTypeModel {
  @Field() name!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => [EntityFieldModel], { description: 'in declaration order' }) fields!: EntityFieldModel[];
  @Field(() => [[String]], { description: 'alternative match keys; each is one or more fields' }) matchOn!: string[][];
  @Field(() => [String], { description: 'systems, highest precedence first' }) precedence!: string[];
  @Field(() => GraphQLJSON, { description: '{ field: [systems, highest first] }' }) fieldPrecedence!: Record<string, string[]>;
  @Field({ description: 'default survivorship strategy' }) strategy!: string;
  @Field(() => DeletePolicyEnum) deletePolicy!: string;
  @Field(() => [String], { description: 'systems that map this entity type' }) systems!: string[];
}

