import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import type { OpenAlertStatus, Percentiles, StatusReport, SystemLinks, SystemStatus, ThroughputBucket } from './status.types';

/**
 * The status report (`GET /api/status`, see status.types.ts and docs/operations.md) as GraphQL types, field for field.
 * Each class implements its TypeScript twin, so a field added to the report and not here fails to compile.
 */
@ObjectType('DatabaseCheck')
class DatabaseCheckModel {
  @Field({ description: 'up | down' }) status!: 'up' | 'down';
  @Field(() => Int, { nullable: true }) latencyMs?: number;
  @Field(() => String, { nullable: true }) error?: string;
}

@ObjectType('HealthChecks')
class HealthChecksModel {
  @Field(() => DatabaseCheckModel) database!: DatabaseCheckModel;
}

@ObjectType('HealthReport')
class HealthReportModel {
  @Field({ description: 'ok | down' }) status!: 'ok' | 'down';
  @Field(() => HealthChecksModel) checks!: HealthChecksModel;
}

@ObjectType('EntityTypeTotals')
class EntityTypeTotalsModel {
  @Field() entityType!: string;
  @Field(() => Int) live!: number;
  @Field(() => Int) deleted!: number;
  @Field(() => Int) versions!: number;
  @Field(() => Int) openConflicts!: number;
}

@ObjectType('HubTotals')
class HubTotalsModel implements Pick<StatusReport['hub'], keyof StatusReport['hub']> {
  @Field(() => Int) goldenRecords!: number;
  @Field(() => Int) versions!: number;
  @Field(() => Int) openConflicts!: number;
  @Field(() => Int) inboxPending!: number;
  @Field(() => [EntityTypeTotalsModel]) entityTypes!: EntityTypeTotalsModel[];
}

@ObjectType('LastSync')
class LastSyncModel {
  @Field() at!: string;
  @Field({ description: 'sync_run | inbox | delivery' }) source!: 'sync_run' | 'inbox' | 'delivery';
}

@ObjectType('LastRun')
class LastRunModel {
  @Field(() => String, { nullable: true }) entityType!: string | null;
  @Field(() => String, { nullable: true }) kind!: string | null;
  @Field() status!: string;
  @Field(() => String, { nullable: true }) startedAt!: string | null;
  @Field(() => String, { nullable: true }) finishedAt!: string | null;
}

@ObjectType('SystemRecordCounts')
class SystemRecordsModel implements Pick<SystemStatus['records'], keyof SystemStatus['records']> {
  @Field(() => Int, { description: 'inbox events from this system applied in the last 24 h' }) applied24h!: number;
  @Field(() => Int, { description: "this system's records linked to a golden record" }) linked!: number;
}

@ObjectType('SystemErrors24h')
class SystemErrorsModel implements Pick<SystemStatus['errors24h'], keyof SystemStatus['errors24h']> {
  @Field(() => Int) rejected!: number;
  @Field(() => Int) failed!: number;
  @Field(() => Int, { nullable: true }) failedRuns!: number | null;
  @Field(() => Int, { nullable: true }) deadDeliveries!: number | null;
  @Field(() => Int, { nullable: true, description: 'still on their way after a failed attempt (not counted as queued)' }) failingDeliveries!: number | null;
  @Field(() => Int) total!: number;
}

@ObjectType('SystemQueue')
class SystemQueueModel implements Pick<SystemStatus['queue'], keyof SystemStatus['queue']> {
  @Field(() => Int) inboxPending!: number;
  @Field(() => String, { nullable: true }) oldestPendingAt!: string | null;
  @Field(() => Int, { nullable: true }) outboxQueued!: number | null;
  @Field(() => Int, { nullable: true }) outboxPaused!: number | null;
  @Field(() => Int) total!: number;
}

@ObjectType('Percentiles')
class PercentilesModel implements Percentiles {
  @Field(() => Float, { nullable: true }) p50Ms!: number | null;
  @Field(() => Float, { nullable: true }) p95Ms!: number | null;
  @Field(() => Int) samples!: number;
}

@ObjectType('SystemExecutionTime')
class SystemExecutionTimeModel {
  @Field(() => PercentilesModel) events!: PercentilesModel;
  @Field(() => PercentilesModel, { nullable: true }) syncRuns!: PercentilesModel | null;
}

@ObjectType('SystemLinks', { description: 'Where the list behind each number is' })
class SystemLinksModel implements SystemLinks {
  @Field() failingDeliveries!: string;
  @Field() deadLetters!: string;
  @Field() syncRuns!: string;
  @Field() rejectedEvents!: string;
}

@ObjectType('StatusAlert', { description: 'An open alert on the status report (GET /api/alerts has them all)' })
class StatusAlertModel implements OpenAlertStatus {
  @Field() id!: string;
  @Field() rule!: string;
  @Field() subject!: string;
  @Field() message!: string;
  @Field() openedAt!: string;
}

@ObjectType('ThroughputBucket', { description: 'Five minutes of the last hour: changes applied, deliveries acknowledged' })
class ThroughputBucketModel implements ThroughputBucket {
  @Field() at!: string;
  @Field(() => Int) applied!: number;
  @Field(() => Int) delivered!: number;
}

@ObjectType('SystemStatus')
class SystemStatusModel implements SystemStatus {
  @Field() key!: string;
  @Field() name!: string;
  @Field({ description: 'in | out | both' }) direction!: 'in' | 'out' | 'both';
  @Field(() => [String]) entityTypes!: string[];
  @Field(() => LastSyncModel, { nullable: true }) lastSync!: LastSyncModel | null;
  @Field(() => LastRunModel, { nullable: true }) lastRun!: LastRunModel | null;
  @Field(() => SystemRecordsModel) records!: SystemRecordsModel;
  @Field(() => SystemErrorsModel) errors24h!: SystemErrorsModel;
  @Field(() => SystemQueueModel) queue!: SystemQueueModel;
  @Field(() => Int) openConflicts!: number;
  @Field(() => SystemExecutionTimeModel) executionTime!: SystemExecutionTimeModel;
  @Field(() => SystemLinksModel, { description: "the console's lists behind the numbers" }) links!: SystemLinksModel;
  @Field(() => SystemLinksModel, { description: 'the API lists behind the numbers' }) apiLists!: SystemLinksModel;
}

@ObjectType('StatusFeatures')
class StatusFeaturesModel {
  @Field() outbox!: boolean;
  @Field() syncRuns!: boolean;
  @Field() jobs!: boolean;
}

@ObjectType('StatusJob', { description: 'A job on the status report: open, or ended in the last 24 h' })
class StatusJobModel {
  @Field() id!: string;
  @Field() kind!: string;
  @Field({ description: 'what it is about (a recompute: the entity type)' }) key!: string;
  @Field() status!: string;
  @Field(() => Int) processed!: number;
  @Field(() => Int, { nullable: true }) total!: number | null;
  @Field(() => Int) changed!: number;
  @Field(() => Float, { nullable: true, description: 'processed / total, 0 to 1; null before the total is counted' }) progress!: number | null;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field() createdAt!: string;
  @Field(() => String, { nullable: true }) startedAt!: string | null;
  @Field(() => String, { nullable: true }) finishedAt!: string | null;
  @Field(() => String, { nullable: true }) heartbeatAt!: string | null;
}

@ObjectType('StatusReport', { description: 'Operational status per system and hub totals: the content of GET /api/status' })
export class StatusReportModel implements StatusReport {
  @Field() generatedAt!: string;
  @Field(() => Int) configVersion!: number;
  @Field(() => HealthReportModel) health!: HealthReportModel;
  @Field(() => HubTotalsModel) hub!: HubTotalsModel;
  @Field(() => [SystemStatusModel]) systems!: SystemStatusModel[];
  @Field(() => [StatusJobModel], { nullable: true, description: 'open jobs first, then those ended in the last 24 h; null when jobs are not recorded' })
  jobs!: StatusJobModel[] | null;
  @Field(() => [StatusAlertModel], { nullable: true, description: 'open alerts, oldest first; null when alerts are not recorded' })
  alerts!: StatusAlertModel[] | null;
  @Field(() => [ThroughputBucketModel], { description: 'the last hour in 5-minute buckets, oldest first' }) throughput!: ThroughputBucketModel[];
  @Field(() => StatusFeaturesModel) features!: StatusFeaturesModel;
  @Field(() => [String]) warnings!: string[];
}
