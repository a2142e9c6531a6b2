import { Field, ObjectType } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-type-json';
import { DeletePolicyEnum } from './hub-config.model';

@ObjectType('EntityField', { description: 'A canonical field of an entity type (top level)' })
export class EntityFieldModel {
  @Field({ description: 'canonical field name, as in golden record data and filters' }) name!: string;
  @Field({ description: 'string | text | email | phone | date | datetime | integer | decimal | money | boolean | enum | list | reference | object' })
  type!: string;
  @Field({ description: 'a record without a value for it is rejected' }) required!: boolean;
  @Field({ description: 'never sent to other systems; masked ("***") for everyone but admins, and in logs' }) sensitive!: boolean;
  @Field(() => String, { nullable: true, description: 'what the field holds, from the configuration; null when none is given' }) description!: string | null;
  @Field(() => [String], { nullable: true, description: 'enum: the allowed values' }) values!: string[] | null;
  @Field(() => String, { nullable: true, description: 'survivorship strategy of this field when it differs from the type default' })
  strategy!: string | null;
}

@ObjectType('EntityType', { description: 'An entity type as resolved (built-ins merged with the configuration)' })
export class EntityTypeModel {
  @Field({ description: 'entity type name (contact, company, …): the entityType argument of the other queries' }) name!: string;
  @Field(() => String, { nullable: true, description: 'what the type describes, from the configuration; null when none is given' }) description!: string | null;
  @Field(() => [EntityFieldModel], { description: 'in declaration order' }) fields!: EntityFieldModel[];
  @Field(() => [[String]], { description: 'alternative match keys; each is one or more fields' }) matchOn!: string[][];
  @Field(() => [String], { description: 'systems, highest precedence first' }) precedence!: string[];
  @Field(() => GraphQLJSON, { description: '{ field: [systems, highest first] }' }) fieldPrecedence!: Record<string, string[]>;
  @Field({ description: 'default survivorship strategy: merge | precedence | latest | manual (see SurvivorshipStrategy)' }) strategy!: string;
  @Field(() => DeletePolicyEnum, { description: 'what a delete from a source system does to the golden record' }) deletePolicy!: string;
  @Field(() => [String], { description: 'systems that map this entity type' }) systems!: string[];
}

