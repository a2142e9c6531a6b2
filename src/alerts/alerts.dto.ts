import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { GraphQLJSON } from 'graphql-type-json';
import { graphqlEnum } from '../common/graphql-enum';
import { connectionOf, restPageOf } from '../common/page-models';
import { PageQueryDto } from '../common/page-query.dto';
import { ALERT_RULES, ALERT_STATUSES, type AlertRule, type AlertStatus } from './domain/alert-rules';

export const AlertStatusEnum = graphqlEnum(ALERT_STATUSES, 'AlertStatus', 'open: the condition holds; resolved: it cleared', {
  open: 'the condition still held at the last evaluation; one open alert per rule and subject',
  resolved: 'the condition cleared; a new occurrence opens a new alert',
});
export const AlertRuleEnum = graphqlEnum(ALERT_RULES, 'AlertRule', 'The rule that raised an alert (see docs/operations.md)', {
  conflicts: 'an entity type got at least `threshold` new conflicts within `window` (default 10 in 15m)',
  rejected_events: 'a system sent at least `threshold` rejected events within `window` (default 10 in 15m)',
  dead_letters: 'a system has deliveries that used up their retries',
  circuit_open: 'the circuit breaker paused a delivery to a system (a record written in a loop)',
  mass_delete_guard: 'the latest reconciliation of system/entityType was stopped by the mass-delete guard',
  no_sync: 'no successful sync with a system for longer than `after` (off unless configured)',
});

export class AlertQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ALERT_STATUSES }) @IsOptional() @IsIn(ALERT_STATUSES) status?: AlertStatus;
  @ApiPropertyOptional({ enum: ALERT_RULES }) @IsOptional() @IsIn(ALERT_RULES) rule?: AlertRule;
}

@ObjectType('Alert', { description: 'A rule that fired for a subject, from when it opened until it resolved' })
export class AlertModel {
  @ApiProperty({ description: 'alert id (bigint as string)' }) @Field(() => ID, { description: 'alert id (a bigint, as a decimal string)' }) id!: string;
  @ApiProperty({ enum: ALERT_RULES }) @Field(() => AlertRuleEnum, { description: 'the rule that fired' }) rule!: AlertRule;
  @ApiProperty({ description: 'what it is about: a system key, an entity type, or system/entityType' })
  @Field({ description: 'what it is about: a system key, an entity type, or system/entityType (mass_delete_guard)' })
  subject!: string;
  @ApiProperty({ enum: ALERT_STATUSES }) @Field(() => AlertStatusEnum, { description: 'open while the condition holds' }) status!: AlertStatus;
  @ApiProperty({ description: 'what an operator reads, with the latest counts' }) @Field({ description: 'what an operator reads, with the latest counts' }) message!: string;
  @ApiProperty({ description: 'counts and thresholds behind the message' })
  @Field(() => GraphQLJSON, { description: 'counts and thresholds behind the message, such as { count, threshold, windowMs } or { reason }; keys depend on the rule' })
  details!: Record<string, unknown>;
  @ApiProperty({ type: String, format: 'date-time' }) @Field(() => GraphQLISODateTime, { description: 'the evaluation that first found the condition' }) openedAt!: Date;
  @ApiProperty({ type: String, format: 'date-time', description: 'the last evaluation that found the condition' })
  @Field(() => GraphQLISODateTime, { description: 'the last evaluation that found the condition' }) lastSeenAt!: Date;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'when the condition was found cleared; null while open' })
  resolvedAt!: Date | null;
}

export const AlertPage = restPageOf(AlertModel, 'Alert');
export const AlertConnection = connectionOf(AlertModel, 'Alert');
