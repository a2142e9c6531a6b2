import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsArray, IsObject, IsOptional, IsString } from 'class-validator';
import { GraphQLJSON } from 'graphql-type-json';
import { graphqlEnum } from '../../common/graphql-enum';
import { STRATEGIES } from '../hub-config.schema';

export const StrategyEnum = graphqlEnum(STRATEGIES, 'SurvivorshipStrategy', 'How a golden field is chosen when systems send different values', {
  merge: 'three-way merge: a change wins unless it is a true conflict; then precedence decides and a conflict is recorded (auto_resolved)',
  precedence: 'the highest-precedence system holding a value always wins',
  latest: 'the value with the newest source timestamp wins',
  manual: 'a true conflict keeps the current value and waits for a steward (an open conflict)',
});

@ObjectType('EntityTypeRules', { description: 'Survivorship rules of an entity type, as configured' })
export class EntityTypeRulesModel {
  @Field({ description: 'the entity type these rules are for' }) entityType!: string;
  @Field(() => [String], { description: 'systems, highest first; systems not listed follow in declaration order' }) precedence!: string[];
  @Field(() => GraphQLJSON, { description: 'field → precedence list overriding `precedence`' }) fieldPrecedence!: Record<string, string[]>;
  @Field(() => StrategyEnum, { description: "the entity type's default survivorship strategy" }) strategy!: string;
  @Field(() => GraphQLJSON, { description: 'field → strategy overriding `strategy`' }) fieldStrategies!: Record<string, string>;
  @Field(() => Int, { description: 'the configuration version the rules are from: pass it as expectedVersion' }) configVersion!: number;
  @Field(() => GraphQLJSON, { description: '{ precedence, fieldPrecedence } completed with every system, as survivorship uses them' })
  effective!: unknown;
}

@InputType('EntityTypeRulesInput', { description: 'Rule keys to change; keys left out stay as they are' })
export class EntityTypeRulesInput {
  // class-validator marks: the global ValidationPipe (whitelist) also checks GraphQL input objects.
  @Field(() => [String], { nullable: true, description: 'systems, highest first; replaces the whole list' })
  @IsOptional() @IsArray() @IsString({ each: true })
  precedence?: string[];
  @Field(() => GraphQLJSON, { nullable: true, description: '{ field: [systems, highest first] }; replaces every per-field list' })
  @IsOptional() @IsObject()
  fieldPrecedence?: Record<string, string[]>;
  @Field(() => StrategyEnum, { nullable: true, description: "the entity type's default strategy" }) @IsOptional() @IsString() strategy?: string;
  @Field(() => GraphQLJSON, { nullable: true, description: '{ field: strategy } (merge | precedence | latest | manual); replaces every per-field strategy' })
  @IsOptional() @IsObject()
  fieldStrategies?: Record<string, string>;
}

@ObjectType('SetEntityTypeRulesResult', { description: 'The outcome of setEntityTypeRules: the new rules, or what a dry run would change' })
export class SetEntityTypeRulesResultModel {
  @Field({ description: 'a new configuration version was stored' }) applied!: boolean;
  @Field({ description: 'true when this was a dry run: nothing stored, impact filled in' }) dryRun!: boolean;
  @Field(() => Int, { description: 'the version in force (after the change, or the one a dry run compared with)' }) configVersion!: number;
  @Field(() => GraphQLJSON, { description: 'configuration changes: [{ op, path }]' }) changes!: unknown;
  @Field(() => GraphQLJSON, { description: 'jobs queued: [{ id, kind, key }] (the recompute of the golden records)' }) jobs!: unknown;
  @Field(() => GraphQLJSON, { nullable: true, description: 'dry run: { rulesChanged, records, fields, sample }' }) impact!: unknown;
  @Field(() => EntityTypeRulesModel, { nullable: true, description: 'the rules in force after the change (not for a dry run)' })
  rules!: EntityTypeRulesModel | null;
}
