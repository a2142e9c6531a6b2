import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsArray, IsObject, IsOptional, IsString } from 'class-validator';
import { GraphQLJSON } from 'graphql-type-json';
import { graphqlEnum } from '../../common/graphql-enum';
import { STRATEGIES } from '../hub-config.schema';

export const StrategyEnum = graphqlEnum(STRATEGIES, 'SurvivorshipStrategy', 'merge: three-way merge, true conflicts by precedence; precedence: the highest system holding a value; latest: the newest source time; manual: a steward decides');

@ObjectType('EntityTypeRules', { description: 'Survivorship rules of an entity type, as configured' })
export class EntityTypeRulesModel {
  @Field() entityType!: string;
  @Field(() => [String], { description: 'systems, highest first; systems not listed follow in declaration order' }) precedence!: string[];
  @Field(() => GraphQLJSON, { description: 'field → precedence list overriding `precedence`' }) fieldPrecedence!: Record<string, string[]>;
  @Field(() => StrategyEnum) strategy!: string;
  @Field(() => GraphQLJSON, { description: 'field → strategy overriding `strategy`' }) fieldStrategies!: Record<string, string>;
  @Field(() => Int, { description: 'the configuration version the rules are from: pass it as expectedVersion' }) configVersion!: number;
  @Field(() => GraphQLJSON, { description: '{ precedence, fieldPrecedence } completed with every system, as survivorship uses them' })
  effective!: unknown;
}

@InputType('EntityTypeRulesInput', { description: 'Rule keys to change; keys left out stay as they are' })
export class EntityTypeRulesInput {
  // class-validator marks: the global ValidationPipe (whitelist) also checks GraphQL input objects.
  @Field(() => [String], { nullable: true }) @IsOptional() @IsArray() @IsString({ each: true }) precedence?: string[];
  @Field(() => GraphQLJSON, { nullable: true }) @IsOptional() @IsObject() fieldPrecedence?: Record<string, string[]>;
  @Field(() => StrategyEnum, { nullable: true }) @IsOptional() @IsString() strategy?: string;
  @Field(() => GraphQLJSON, { nullable: true }) @IsOptional() @IsObject() fieldStrategies?: Record<string, string>;
}

@ObjectType('SetEntityTypeRulesResult')
export class SetEntityTypeRulesResultModel {
  @Field({ description: 'a new configuration version was stored' }) applied!: boolean;
  @Field() dryRun!: boolean;
  @Field(() => Int, { description: 'the version in force (after the change, or the one a dry run compared with)' }) configVersion!: number;
  @Field(() => GraphQLJSON, { description: 'configuration changes: [{ op, path }]' }) changes!: unknown;
  @Field(() => GraphQLJSON, { description: 'jobs queued: [{ id, kind, key }] (the recompute of the golden records)' }) jobs!: unknown;
  @Field(() => GraphQLJSON, { nullable: true, description: 'dry run: { rulesChanged, records, fields, sample }' }) impact!: unknown;
  @Field(() => EntityTypeRulesModel, { nullable: true, description: 'the rules in force after the change (not for a dry run)' })
  rules!: EntityTypeRulesModel | null;
}
