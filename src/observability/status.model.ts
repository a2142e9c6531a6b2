import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import type { OpenAlertStatus, Percentiles, StatusReport, SystemLinks, SystemStatus, ThroughputBucket } from './status.types';

/**
 * The status report (`GET /api/status`, see status.types.ts and docs/operations.md) as GraphQL types, field for field.
 * Each class implements its TypeScript twin, so a field added to the report and not here fails to compile.
 * Times are ISO 8601 strings here, as in the REST body.
 */
@ObjectType('DatabaseCheck', { description: 'The readiness check of PostgreSQL' })
class DatabaseCheckModel {
  @Field({ description: 'up | down' }) status!: 'up' | 'down';
  @Field(() => Int, { nullable: true, description: 'round trip of SELECT 1 in milliseconds; null when down' }) latencyMs?: number;
  @Field(() => String, { nullable: true, description: 'why the check failed (a timeout after 2 s, a connection error); null when up' }) error?: string;
}

@ObjectType('HealthChecks', { description: 'The checks readiness is made of' })
class HealthChecksModel {
  @Field(() => DatabaseCheckModel, { description: 'PostgreSQL' }) database!: DatabaseCheckModel;
}

@ObjectType('HealthReport', { description: 'Readiness, as GET /health/ready answers it' })
class HealthReportModel {
  @Field({ description: 'ok | down: down when any check is down' }) status!: 'ok' | 'down';
  @Field(() => HealthChecksModel, { description: 'each check' }) checks!: HealthChecksModel;
}

@ObjectType('EntityTypeTotals', { description: 'Record counts of one entity type' })
class EntityTypeTotalsModel {
  @Field({ description: 'entity type name; every configured type is listed, even with no record yet' }) entityType!: string;
  @Field(() => Int, { description: 'golden records not tombstoned' }) live!: number;
  @Field(() => Int, { description: 'tombstoned golden records' }) deleted!: number;
  @Field(() => Int, { description: 'golden record versions stored' }) versions!: number;
  @Field(() => Int, { description: 'conflicts waiting for a steward' }) openConflicts!: number;
}

@ObjectType('HubTotals', { description: 'Hub-wide totals' })
class HubTotalsModel implements Pick<StatusReport['hub'], keyof StatusReport['hub']> {
  @Field(() => Int, { description: 'live golden records, every entity type' }) goldenRecords!: number;
  @Field(() => Int, { description: 'golden record versions stored' }) versions!: number;
  @Field(() => Int, { description: 'conflicts waiting for a steward' }) openConflicts!: number;
  @Field(() => Int, { description: 'inbox events received and not processed yet' }) inboxPending!: number;
  @Field(() => [EntityTypeTotalsModel], { description: 'the same counts per entity type, by name' }) entityTypes!: EntityTypeTotalsModel[];
}

@ObjectType('LastSync', { description: "A system's newest successful sync, whichever way it went" })
class LastSyncModel {
  @Field({ description: 'when (ISO 8601)' }) at!: string;
  @Field({ description: 'sync_run | inbox | delivery' }) source!: 'sync_run' | 'inbox' | 'delivery';
}

@ObjectType('LastRun', { description: "A system's newest sync run (poll, refresh, reconcile, batch window)" })
class LastRunModel {
  @Field(() => String, { nullable: true, description: 'the entity type it covered; null: every type of the system' }) entityType!: string | null;
  @Field(() => String, { nullable: true, description: 'poll | refresh | reconcile | batch-window' }) kind!: string | null;
  @Field({ description: 'running | succeeded | failed | aborted' }) status!: string;
  @Field(() => String, { nullable: true, description: 'when it started (ISO 8601)' }) startedAt!: string | null;
  @Field(() => String, { nullable: true, description: 'when it ended (ISO 8601); null while running' }) finishedAt!: string | null;
}

@ObjectType('SystemRecordCounts', { description: "A system's records in the hub" })
class SystemRecordsModel implements Pick<SystemStatus['records'], keyof SystemStatus['records']> {
  @Field(() => Int, { description: 'inbox events from this system applied in the last 24 h' }) applied24h!: number;
  @Field(() => Int, { description: "this system's records linked to a golden record" }) linked!: number;
}

@ObjectType('SystemErrors24h', { description: "What went wrong with a system in the last 24 h (dead and failing deliveries: now); null parts were not recorded" })
class SystemErrorsModel implements Pick<SystemStatus['errors24h'], keyof SystemStatus['errors24h']> {
  @Field(() => Int, { description: 'events from this system rejected as invalid' }) rejected!: number;
  @Field(() => Int, { description: 'events from this system that failed processing' }) failed!: number;
  @Field(() => Int, { nullable: true, description: 'sync runs failed or aborted (mass-delete guard); null when sync runs are not recorded' }) failedRuns!: number | null;
  @Field(() => Int, { nullable: true, description: 'deliveries to this system in dead letters now; null when the outbox does not exist' }) deadDeliveries!: number | null;
  @Field(() => Int, { nullable: true, description: 'still on their way after a failed attempt (not counted as queued)' }) failingDeliveries!: number | null;
  @Field(() => Int, { description: 'the sum of the counts above' }) total!: number;
}

@ObjectType('SystemQueue', { description: 'What waits to be processed from, or sent to, a system' })
class SystemQueueModel implements Pick<SystemStatus['queue'], keyof SystemStatus['queue']> {
  @Field(() => Int, { description: 'events received from this system, not processed yet' }) inboxPending!: number;
  @Field(() => String, { nullable: true, description: 'when the oldest of those was received (ISO 8601); null when none waits' }) oldestPendingAt!: string | null;
  @Field(() => Int, {
    nullable: true, description: 'deliveries to this system waiting (pending, in flight, paused), failing ones left out; null when the outbox does not exist',
  }) outboxQueued!: number | null;
  @Field(() => Int, { nullable: true, description: 'of outboxQueued, records held by the circuit breaker; null when the outbox does not exist' }) outboxPaused!: number | null;
  @Field(() => Int, { description: 'inboxPending + outboxQueued' }) total!: number;
}

@ObjectType('Percentiles', { description: 'Median and 95th percentile of durations over the last hour' })
class PercentilesModel implements Percentiles {
  @Field(() => Float, { nullable: true, description: 'median in milliseconds; null without samples' }) p50Ms!: number | null;
  @Field(() => Float, { nullable: true, description: '95th percentile in milliseconds; null without samples' }) p95Ms!: number | null;
  @Field(() => Int, { description: 'how many durations were measured' }) samples!: number;
}

@ObjectType('SystemExecutionTime', { description: "How long a system's work took over the last hour" })
class SystemExecutionTimeModel {
  @Field(() => PercentilesModel, { description: "receive → processed latency of this system's inbox events" }) events!: PercentilesModel;
  @Field(() => PercentilesModel, { nullable: true, description: 'sync run durations; null when sync runs are not recorded' }) syncRuns!: PercentilesModel | null;
}

@ObjectType('SystemLinks', { description: 'Where the list behind each number is' })
class SystemLinksModel implements SystemLinks {
  @Field({ description: 'deliveries to the system still on their way after a failed attempt' }) failingDeliveries!: string;
  @Field({ description: "the system's dead letters" }) deadLetters!: string;
  @Field({ description: "the system's sync runs" }) syncRuns!: string;
  @Field({ description: "the system's rejected events" }) rejectedEvents!: string;
}

@ObjectType('StatusAlert', { description: 'An open alert on the status report (GET /api/alerts has them all)' })
class StatusAlertModel implements OpenAlertStatus {
  @Field({ description: 'alert id (Alert.id)' }) id!: string;
  @Field({ description: 'the rule that fired, an AlertRule value' }) rule!: string;
  @Field({ description: 'what it is about: a system key, an entity type, or system/entityType' }) subject!: string;
  @Field({ description: 'what an operator reads, with the latest counts' }) message!: string;
  @Field({ description: 'when it opened (ISO 8601)' }) openedAt!: string;
}

@ObjectType('ThroughputBucket', { description: 'Five minutes of the last hour: changes applied, deliveries acknowledged' })
class ThroughputBucketModel implements ThroughputBucket {
  @Field({ description: 'start of the five minutes (ISO 8601)' }) at!: string;
  @Field(() => Int, { description: 'inbox events applied to golden records' }) applied!: number;
  @Field(() => Int, { description: 'deliveries the systems acknowledged' }) delivered!: number;
}

@ObjectType('SystemStatus', { description: 'How one configured system is doing' })
class SystemStatusModel implements SystemStatus {
  @Field({ description: 'system key' }) key!: string;
  @Field({ description: 'display name' }) name!: string;
  @Field({ description: 'in | out | both' }) direction!: 'in' | 'out' | 'both';
  @Field(() => [String], { description: 'entity types the system maps' }) entityTypes!: string[];
  @Field(() => LastSyncModel, { nullable: true, description: 'the newest successful sync; null when there was none' }) lastSync!: LastSyncModel | null;
  @Field(() => LastRunModel, { nullable: true, description: 'the newest sync run; null when there was none or runs are not recorded' }) lastRun!: LastRunModel | null;
  @Field(() => SystemRecordsModel, { description: "the system's records" }) records!: SystemRecordsModel;
  @Field(() => SystemErrorsModel, { description: 'what went wrong in the last 24 h' }) errors24h!: SystemErrorsModel;
  @Field(() => SystemQueueModel, { description: 'what waits' }) queue!: SystemQueueModel;
  @Field(() => Int, { description: 'open conflicts of the entity types this system maps (a conflict counts for every system mapping its type)' }) openConflicts!: number;
  @Field(() => SystemExecutionTimeModel, { description: 'durations over the last hour' }) executionTime!: SystemExecutionTimeModel;
  @Field(() => SystemLinksModel, { description: "the console's lists behind the numbers" }) links!: SystemLinksModel;
  @Field(() => SystemLinksModel, { description: 'the API lists behind the numbers' }) apiLists!: SystemLinksModel;
}

@ObjectType('StatusFeatures', { description: 'Which optional tables were found (a missing one nulls its parts of the report)' })
class StatusFeaturesModel {
  @Field({ description: 'the outbox (delivery)' }) outbox!: boolean;
  @Field({ description: 'sync runs (polling)' }) syncRuns!: boolean;
  @Field({ description: 'jobs' }) jobs!: boolean;
}

@ObjectType('StatusJob', { description: 'A job on the status report: open, or ended in the last 24 h' })
class StatusJobModel {
  @Field({ description: 'job id (Job.id)' }) id!: string;
  @Field({ description: 'recompute | suspect-scan' }) kind!: string;
  @Field({ description: 'what it is about (a recompute: the entity type)' }) key!: string;
  @Field({ description: 'a JobStatus value: queued | running | succeeded | failed | cancelled' }) status!: string;
  @Field(() => Int, { description: 'items gone through so far' }) processed!: number;
  @Field(() => Int, { nullable: true, description: 'items to go through; null before they are counted' }) total!: number | null;
  @Field(() => Int, { description: 'items the job changed' }) changed!: number;
  @Field(() => Float, { nullable: true, description: 'processed / total, 0 to 1; null before the total is counted' }) progress!: number | null;
  @Field(() => String, { nullable: true, description: 'why it failed, or who cancelled it; null otherwise' }) lastError!: string | null;
  @Field({ description: 'when it was queued (ISO 8601)' }) createdAt!: string;
  @Field(() => String, { nullable: true, description: 'when a runner first took it (ISO 8601); null while queued' }) startedAt!: string | null;
  @Field(() => String, { nullable: true, description: 'when it ended (ISO 8601); null while open' }) finishedAt!: string | null;
  @Field(() => String, { nullable: true, description: "last sign of life of the runner holding it (ISO 8601); null when none holds it" }) heartbeatAt!: string | null;
}

@ObjectType('StatusReport', { description: 'Operational status per system and hub totals: the content of GET /api/status' })
export class StatusReportModel implements StatusReport {
  @Field({ description: 'when the report was computed (ISO 8601)' }) generatedAt!: string;
  @Field(() => Int, { description: 'the configuration version in force' }) configVersion!: number;
  @Field(() => HealthReportModel, { description: 'readiness of the hub and its database' }) health!: HealthReportModel;
  @Field(() => HubTotalsModel, { description: 'hub-wide totals' }) hub!: HubTotalsModel;
  @Field(() => [SystemStatusModel], { description: 'each configured system, in configuration order' }) systems!: SystemStatusModel[];
  @Field(() => [StatusJobModel], { nullable: true, description: 'open jobs first, then those ended in the last 24 h; null when jobs are not recorded' })
  jobs!: StatusJobModel[] | null;
  @Field(() => [StatusAlertModel], { nullable: true, description: 'open alerts, oldest first; null when alerts are not recorded' })
  alerts!: StatusAlertModel[] | null;
  @Field(() => [ThroughputBucketModel], { description: 'the last hour in 5-minute buckets, oldest first' }) throughput!: ThroughputBucketModel[];
  @Field(() => StatusFeaturesModel, { description: 'which optional tables were found' }) features!: StatusFeaturesModel;
  @Field(() => [String], { description: 'sections that could not be computed this time (the rest of the report is still right); empty when none' }) warnings!: string[];
}
