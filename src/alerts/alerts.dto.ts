import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { GraphQLJSON } from 'graphql-type-json';
import { graphqlEnum } from '../common/graphql-enum';
import { connectionOf, restPageOf } from '../common/page-models';
import { PageQueryDto } from '../common/page-query.dto';
import { ALERT_RULES, ALERT_STATUSES, type AlertRule, type AlertStatus } from './domain/alert-rules';

export const AlertStatusEnum = graphqlEnum(ALERT_STATUSES, 'AlertStatus', 'open: the condition holds; resolved: it cleared');
export const AlertRuleEnum = graphqlEnum(ALERT_RULES, 'AlertRule', 'The rule that raised an alert (see docs/operations.md)');

export class AlertQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ALERT_STATUSES }) @IsOptional() @IsIn(ALERT_STATUSES) status?: AlertStatus;
  @ApiPropertyOptional({ enum: ALERT_RULES }) @IsOptional() @IsIn(ALERT_RULES) rule?: AlertRule;
}

@ObjectType('Alert', { description: 'A rule that fired for a subject, from when it opened until it resolved' })
export class AlertModel {
  @ApiProperty({ description: 'alert id (bigint as string)' }) @Field(() => ID) id!: string;
  @ApiProperty({ enum: ALERT_RULES }) @Field(() => AlertRuleEnum) rule!: AlertRule;
  @ApiProperty({ description: 'what it is about: a system key, an entity type, or system/entityType' }) @Field() subject!: string;
  @ApiProperty({ enum: ALERT_STATUSES }) @Field(() => AlertStatusEnum) status!: AlertStatus;
  @ApiProperty({ description: 'what an operator reads, with the latest counts' }) @Field() message!: string;
  @ApiProperty({ description: 'counts and thresholds behind the message' }) @Field(() => GraphQLJSON) details!: Record<string, unknown>;
  @ApiProperty({ type: String, format: 'date-time' }) @Field(() => GraphQLISODateTime) openedAt!: Date;
  @ApiProperty({ type: String, format: 'date-time', description: 'the last evaluation that found the condition' })
  @Field(() => GraphQLISODateTime) lastSeenAt!: Date;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) @Field(() => GraphQLISODateTime, { nullable: true }) resolvedAt!: Date | null;
}

export const AlertPage = restPageOf(AlertModel, 'Alert');
export const AlertConnection = connectionOf(AlertModel, 'Alert');
