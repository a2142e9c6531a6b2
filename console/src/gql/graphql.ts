/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** How long ago a conflict was raised */
export type ConflictAge =
  /** 1 to 24 hours ago */
  | 'day'
  /** less than 1 hour ago */
  | 'hour'
  /** more than 7 days ago */
  | 'older'
  /** 1 to 7 days ago */
  | 'week';

/** One conflict of a bulk resolution: its id and exactly one of system or value (INVALID_RESOLUTION otherwise) */
export type ConflictResolutionInput = {
  /** the conflict to resolve (Conflict.id) */
  id: string | number;
  /** take this candidate system's value */
  system?: string | null | undefined;
  /** take this value instead (canonical form; null means empty) */
  value?: unknown;
};

/** Where a conflict stands */
export type ConflictStatus =
  /** settled by a survivorship rule (precedence, latest); a steward may still pick another value */
  | 'auto_resolved'
  /** waits for a steward (manual strategy): the golden field keeps its value until then */
  | 'open'
  /** settled by a steward; the field is then pinned */
  | 'resolved'
  /** closed without a decision: a newer change or a rule change decided the field anew */
  | 'superseded';

/** Where an outbound delivery stands; dead = a dead letter */
export type DeliveryStatus =
  /** a dead letter: it used up its retries or failed for good; retryDelivery or replayDeadLetters sends it again */
  | 'dead'
  /** the system acknowledged it */
  | 'delivered'
  /** a worker is sending it now */
  | 'in_flight'
  /** held by the circuit breaker (the record was written to the system in a loop) until someone retries it */
  | 'paused'
  /** waits to be sent, at nextAttemptAt (first attempt, a retry after a failure, or a batch window) */
  | 'pending'
  /** replaced by a newer delivery of the same record before it was sent */
  | 'superseded';

/** Rule keys to change; keys left out stay as they are */
export type EntityTypeRulesInput = {
  /** { field: [systems, highest first] }; replaces every per-field list */
  fieldPrecedence?: unknown;
  /** { field: strategy } (merge | precedence | latest | manual); replaces every per-field strategy */
  fieldStrategies?: unknown;
  /** systems, highest first; replaces the whole list */
  precedence?: Array<string> | null | undefined;
  /** the entity type's default strategy */
  strategy?: SurvivorshipStrategy | null | undefined;
};

/** What the pipeline did with an inbox event */
export type EventStatus =
  /** changed or linked a golden record (goldenVersion is the version it produced) */
  | 'applied'
  /** the system's acknowledgment of a change the hub delivered to it: nothing to apply */
  | 'echo'
  /** processing failed on every attempt (reason PROCESSING_FAILED); replayEvent retries it */
  | 'failed'
  /** changed nothing (reason says why: equal values, an older change, an unknown record to delete, …) */
  | 'noop'
  /** received, waiting for the pipeline (or for a retry after a failed attempt) */
  | 'pending'
  /** invalid (errors lists why: validation, mapping); not retried unless replayed */
  | 'rejected';

/** Where a background job stands */
export type JobStatus =
  /** cancelled by someone, or superseded by a newer job for the same kind and key (lastError says which) */
  | 'cancelled'
  /** stopped on an error (lastError); retryJob resumes it from its checkpoint */
  | 'failed'
  /** waits for a runner */
  | 'queued'
  /** a runner holds it and works through it batch by batch (heartbeatAt shows it is alive) */
  | 'running'
  /** done */
  | 'succeeded';

/** Where a match suspect stands in the review queue */
export type MatchSuspectStatus =
  /** not a match (a steward; never suggested again), or closed by the hub (resolution says why) */
  | 'dismissed'
  /** a steward merged the pair (survivorId is the record that stayed) */
  | 'merged'
  /** waits for a steward to merge or dismiss it */
  | 'open';

/** What a change does to a record, on the way in (events) and out (deliveries) */
export type RecordOperation =
  /** the record is gone from the sending system (events) or is to be deleted in the target system (deliveries); the entity type's deletePolicy decides what it does to the golden record */
  | 'delete'
  /** create the record, or update it when it exists */
  | 'upsert';

/** What an API key may do; each role may also do everything the roles below it may (viewer < steward < admin) */
export type Role =
  /** also configures: replaces the configuration and rules, issues and revokes API keys, reads the audit log, runs jobs and scans; sees sensitive values unmasked */
  | 'admin'
  /** also acts on data: resolves conflicts, overrides, merges and restores records, replays events and deliveries, runs syncs */
  | 'steward'
  /** reads: golden records, conflicts, events, deliveries, sync runs, jobs, status */
  | 'viewer';

/** How a golden field is chosen when systems send different values */
export type SurvivorshipStrategy =
  /** the value with the newest source timestamp wins */
  | 'latest'
  /** a true conflict keeps the current value and waits for a steward (an open conflict) */
  | 'manual'
  /** three-way merge: a change wins unless it is a true conflict; then precedence decides and a conflict is recorded (auto_resolved) */
  | 'merge'
  /** the highest-precedence system holding a value always wins */
  | 'precedence';

/** Where a sync run stands */
export type SyncRunStatus =
  /** a reconciliation stopped by the mass-delete guard: too many records gone (details.guard says why); nothing deleted */
  | 'aborted'
  /** an entity type could not be synced (errors says why); the others were still run */
  | 'failed'
  /** still reading from (or, for a batch window, writing to) the system */
  | 'running'
  /** every entity type was synced; errors may still list single records that could not be read */
  | 'succeeded';

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { name: string, role: Role } };

export type HomeCountsQueryVariables = Exact<{ [key: string]: never; }>;


export type HomeCountsQuery = { conflictFacets: { total: number } };

export type ConflictInboxQueryVariables = Exact<{
  status?: ConflictStatus | null | undefined;
  entityType?: string | null | undefined;
  field?: string | null | undefined;
  system?: string | null | undefined;
  age?: ConflictAge | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConflictInboxQuery = { conflicts: { nodes: Array<{ id: string, goldenRecordId: string, entityType: string, field: string, status: ConflictStatus, rule: string, values: unknown, winner: string | null, winningValue: unknown, createdAt: string, resolvedAt: string | null, resolvedBy: string | null, goldenRecord: { id: string, data: unknown } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConflictFacetsQueryVariables = Exact<{
  status?: ConflictStatus | null | undefined;
  entityType?: string | null | undefined;
  field?: string | null | undefined;
  system?: string | null | undefined;
  age?: ConflictAge | null | undefined;
}>;


export type ConflictFacetsQuery = { conflictFacets: { total: number, status: Array<{ value: string, count: number }>, entityType: Array<{ value: string, count: number }>, field: Array<{ value: string, count: number }>, system: Array<{ value: string, count: number }>, age: Array<{ value: string, count: number }> } };

export type ResolveConflictsMutationVariables = Exact<{
  items: Array<ConflictResolutionInput> | ConflictResolutionInput;
}>;


export type ResolveConflictsMutation = { resolveConflicts: Array<{ id: string, ok: boolean, code: string | null, message: string | null }> };

export type CatalogQueryVariables = Exact<{ [key: string]: never; }>;


export type CatalogQuery = { entityTypes: Array<{ name: string, fields: Array<{ name: string, type: string, sensitive: boolean, required: boolean, values: Array<string> | null }> }>, systems: Array<{ key: string, name: string }> };

export type MatchSuspectsQueryVariables = Exact<{
  entityType?: string | null | undefined;
  status?: MatchSuspectStatus | null | undefined;
  minScore?: number | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type MatchSuspectsQuery = { matchSuspects: { nodes: Array<{ id: string, entityType: string, status: MatchSuspectStatus, score: number, resolution: string | null, resolvedBy: string | null, resolvedAt: string | null, survivorId: string | null, createdAt: string, rule: { index: number, name: string }, fieldScores: Array<{ field: string, method: string, weight: number, score: number | null }>, records: Array<{ id: string, createdAt: string, deleted: boolean, data: unknown, sources: Array<{ system: string, externalId: string }> }> }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type MergeSuspectMutationVariables = Exact<{
  id: string | number;
  survivorId?: string | number | null | undefined;
}>;


export type MergeSuspectMutation = { mergeSuspect: { id: string, status: MatchSuspectStatus, survivorId: string | null } };

export type DismissSuspectMutationVariables = Exact<{
  id: string | number;
}>;


export type DismissSuspectMutation = { dismissSuspect: { id: string, status: MatchSuspectStatus } };

export type MergeSuspectsMutationVariables = Exact<{
  ids: Array<string | number> | string | number;
}>;


export type MergeSuspectsMutation = { mergeSuspects: Array<{ id: string, ok: boolean, error: { code: string, message: string } | null }> };

export type DismissSuspectsMutationVariables = Exact<{
  ids: Array<string | number> | string | number;
}>;


export type DismissSuspectsMutation = { dismissSuspects: Array<{ id: string, ok: boolean, error: { code: string, message: string } | null }> };

export type GoldenSearchQueryVariables = Exact<{
  entityType: string;
  search?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  includeDeleted?: boolean | null | undefined;
}>;


export type GoldenSearchQuery = { goldenRecords: { nodes: Array<{ id: string, entityType: string, version: number, deleted: boolean, data: unknown, updatedAt: string, sources: Array<{ system: string, externalId: string }> }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type GoldenRecordQueryVariables = Exact<{
  id: string | number;
}>;


export type GoldenRecordQuery = { goldenRecord: { id: string, entityType: string, version: number, deleted: boolean, data: unknown, createdAt: string, updatedAt: string, lineage: Array<{ field: string, value: unknown, system: string | null, rule: string | null, updatedAt: string | null, sourceAt: string | null }>, sources: Array<{ system: string, externalId: string, linkedAt: string, data: unknown, deleted: boolean, sourceUpdatedAt: string | null }>, versions: { nodes: Array<{ version: number, at: string, deleted: boolean, data: unknown, changes: unknown, cause: unknown }>, pageInfo: { hasNextPage: boolean } }, conflicts: Array<{ id: string, field: string }> } | null };

export type GoldenAsOfQueryVariables = Exact<{
  id: string | number;
  at: string;
}>;


export type GoldenAsOfQuery = { goldenRecord: { id: string, asOf: { version: number, at: string, deleted: boolean, data: unknown } | null } | null };

export type OverrideFieldMutationVariables = Exact<{
  id: string | number;
  field: string;
  value?: unknown;
}>;


export type OverrideFieldMutation = { overrideField: { id: string, version: number } | null };

export type ReleaseOverrideMutationVariables = Exact<{
  id: string | number;
  field: string;
}>;


export type ReleaseOverrideMutation = { releaseOverride: { id: string, version: number } | null };

export type RollbackGoldenRecordMutationVariables = Exact<{
  id: string | number;
  toVersion: number;
}>;


export type RollbackGoldenRecordMutation = { rollbackGoldenRecord: { id: string, version: number } | null };

export type RestoreGoldenRecordMutationVariables = Exact<{
  id: string | number;
}>;


export type RestoreGoldenRecordMutation = { restoreGoldenRecord: { id: string, version: number } | null };

export type MergeGoldenRecordsMutationVariables = Exact<{
  survivorId: string | number;
  duplicateId: string | number;
}>;


export type MergeGoldenRecordsMutation = { mergeGoldenRecords: { id: string, version: number } | null };

export type UnmergeGoldenRecordMutationVariables = Exact<{
  id: string | number;
  system: string;
  externalId: string;
}>;


export type UnmergeGoldenRecordMutation = { unmergeGoldenRecord: { id: string } | null };

export type EntityTypeRulesQueryVariables = Exact<{
  entityType: string;
}>;


export type EntityTypeRulesQuery = { entityTypeRules: { entityType: string, precedence: Array<string>, fieldPrecedence: unknown, strategy: SurvivorshipStrategy, fieldStrategies: unknown, configVersion: number, effective: unknown } };

export type SetEntityTypeRulesMutationVariables = Exact<{
  entityType: string;
  rules: EntityTypeRulesInput;
  expectedVersion?: number | null | undefined;
  dryRun?: boolean | null | undefined;
}>;


export type SetEntityTypeRulesMutation = { setEntityTypeRules: { applied: boolean, dryRun: boolean, configVersion: number, changes: unknown, jobs: unknown, impact: unknown } };

export type JobQueryVariables = Exact<{
  id: string | number;
}>;


export type JobQuery = { job: { id: string, kind: string, key: string, status: JobStatus, processed: number, total: number | null, changed: number, progress: number | null, lastError: string | null, startedAt: string | null, finishedAt: string | null } | null };

export type SystemsStatusQueryVariables = Exact<{ [key: string]: never; }>;


export type SystemsStatusQuery = { status: { generatedAt: string, systems: Array<{ key: string, name: string, direction: string, entityTypes: Array<string>, openConflicts: number, lastSync: { at: string, source: string } | null, lastRun: { status: string, kind: string | null, entityType: string | null, startedAt: string | null, finishedAt: string | null } | null, errors24h: { total: number, failed: number, rejected: number, deadDeliveries: number | null, failedRuns: number | null }, queue: { total: number, inboxPending: number, oldestPendingAt: string | null, outboxQueued: number | null, outboxPaused: number | null }, records: { linked: number, applied24h: number } }> } };

export type SystemDeliveriesQueryVariables = Exact<{
  system: string;
  status?: DeliveryStatus | null | undefined;
  failing?: boolean | null | undefined;
  first?: number | null | undefined;
}>;


export type SystemDeliveriesQuery = { deliveries: { nodes: Array<{ id: string, entityType: string, goldenId: string, goldenVersion: number, operation: RecordOperation, status: DeliveryStatus, attempts: number, nextAttemptAt: string, lastError: string | null, lastCode: string | null, lastStatus: number | null, externalId: string | null, updatedAt: string }>, pageInfo: { hasNextPage: boolean } } };

export type SystemSyncRunsQueryVariables = Exact<{
  system: string;
  first?: number | null | undefined;
}>;


export type SystemSyncRunsQuery = { syncRuns: { nodes: Array<{ id: string, kind: string, entityType: string | null, status: SyncRunStatus, trigger: string, triggeredBy: string | null, startedAt: string, finishedAt: string | null, durationMs: number | null, seen: number, changed: number, rejected: number, queued: number, pending: number, errors: unknown }>, pageInfo: { hasNextPage: boolean } } };

export type SystemRejectedEventsQueryVariables = Exact<{
  system: string;
  first?: number | null | undefined;
}>;


export type SystemRejectedEventsQuery = { events: { nodes: Array<{ id: string, entityType: string, externalId: string, eventType: string, receivedAt: string, reason: string | null, errors: unknown, attempts: number, goldenId: string | null }>, pageInfo: { hasNextPage: boolean } } };

export type RetryDeliveryMutationVariables = Exact<{
  id: string | number;
}>;


export type RetryDeliveryMutation = { retryDelivery: { id: string, status: DeliveryStatus } };

export type ReplayDeadLettersMutationVariables = Exact<{
  system?: string | null | undefined;
}>;


export type ReplayDeadLettersMutation = { replayDeadLetters: { count: number } };

export type ReplayEventMutationVariables = Exact<{
  id: string | number;
}>;


export type ReplayEventMutation = { replayEvent: { id: string, status: EventStatus } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const MeDocument = new TypedDocumentString(`
    query Me {
  me {
    name
    role
  }
}
    `) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const HomeCountsDocument = new TypedDocumentString(`
    query HomeCounts {
  conflictFacets(status: open) {
    total
  }
}
    `) as unknown as TypedDocumentString<HomeCountsQuery, HomeCountsQueryVariables>;
export const ConflictInboxDocument = new TypedDocumentString(`
    query ConflictInbox($status: ConflictStatus, $entityType: String, $field: String, $system: String, $age: ConflictAge, $first: Int, $after: String) {
  conflicts(
    status: $status
    entityType: $entityType
    field: $field
    system: $system
    age: $age
    first: $first
    after: $after
  ) {
    nodes {
      id
      goldenRecordId
      entityType
      field
      status
      rule
      values
      winner
      winningValue
      createdAt
      resolvedAt
      resolvedBy
      goldenRecord {
        id
        data
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<ConflictInboxQuery, ConflictInboxQueryVariables>;
export const ConflictFacetsDocument = new TypedDocumentString(`
    query ConflictFacets($status: ConflictStatus, $entityType: String, $field: String, $system: String, $age: ConflictAge) {
  conflictFacets(
    status: $status
    entityType: $entityType
    field: $field
    system: $system
    age: $age
  ) {
    total
    status {
      value
      count
    }
    entityType {
      value
      count
    }
    field {
      value
      count
    }
    system {
      value
      count
    }
    age {
      value
      count
    }
  }
}
    `) as unknown as TypedDocumentString<ConflictFacetsQuery, ConflictFacetsQueryVariables>;
export const ResolveConflictsDocument = new TypedDocumentString(`
    mutation ResolveConflicts($items: [ConflictResolutionInput!]!) {
  resolveConflicts(items: $items) {
    id
    ok
    code
    message
  }
}
    `) as unknown as TypedDocumentString<ResolveConflictsMutation, ResolveConflictsMutationVariables>;
export const CatalogDocument = new TypedDocumentString(`
    query Catalog {
  entityTypes {
    name
    fields {
      name
      type
      sensitive
      required
      values
    }
  }
  systems {
    key
    name
  }
}
    `) as unknown as TypedDocumentString<CatalogQuery, CatalogQueryVariables>;
export const MatchSuspectsDocument = new TypedDocumentString(`
    query MatchSuspects($entityType: String, $status: MatchSuspectStatus, $minScore: Float, $first: Int, $after: String) {
  matchSuspects(
    entityType: $entityType
    status: $status
    minScore: $minScore
    first: $first
    after: $after
  ) {
    nodes {
      id
      entityType
      status
      score
      resolution
      resolvedBy
      resolvedAt
      survivorId
      createdAt
      rule {
        index
        name
      }
      fieldScores {
        field
        method
        weight
        score
      }
      records {
        id
        createdAt
        deleted
        data
        sources {
          system
          externalId
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<MatchSuspectsQuery, MatchSuspectsQueryVariables>;
export const MergeSuspectDocument = new TypedDocumentString(`
    mutation MergeSuspect($id: ID!, $survivorId: ID) {
  mergeSuspect(id: $id, survivorId: $survivorId) {
    id
    status
    survivorId
  }
}
    `) as unknown as TypedDocumentString<MergeSuspectMutation, MergeSuspectMutationVariables>;
export const DismissSuspectDocument = new TypedDocumentString(`
    mutation DismissSuspect($id: ID!) {
  dismissSuspect(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<DismissSuspectMutation, DismissSuspectMutationVariables>;
export const MergeSuspectsDocument = new TypedDocumentString(`
    mutation MergeSuspects($ids: [ID!]!) {
  mergeSuspects(ids: $ids) {
    id
    ok
    error {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<MergeSuspectsMutation, MergeSuspectsMutationVariables>;
export const DismissSuspectsDocument = new TypedDocumentString(`
    mutation DismissSuspects($ids: [ID!]!) {
  dismissSuspects(ids: $ids) {
    id
    ok
    error {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<DismissSuspectsMutation, DismissSuspectsMutationVariables>;
export const GoldenSearchDocument = new TypedDocumentString(`
    query GoldenSearch($entityType: String!, $search: String, $first: Int, $after: String, $includeDeleted: Boolean) {
  goldenRecords(
    entityType: $entityType
    search: $search
    first: $first
    after: $after
    includeDeleted: $includeDeleted
  ) {
    nodes {
      id
      entityType
      version
      deleted
      data
      updatedAt
      sources {
        system
        externalId
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<GoldenSearchQuery, GoldenSearchQueryVariables>;
export const GoldenRecordDocument = new TypedDocumentString(`
    query GoldenRecord($id: ID!) {
  goldenRecord(id: $id) {
    id
    entityType
    version
    deleted
    data
    createdAt
    updatedAt
    lineage {
      field
      value
      system
      rule
      updatedAt
      sourceAt
    }
    sources {
      system
      externalId
      linkedAt
      data
      deleted
      sourceUpdatedAt
    }
    versions(first: 500) {
      nodes {
        version
        at
        deleted
        data
        changes
        cause
      }
      pageInfo {
        hasNextPage
      }
    }
    conflicts(status: open) {
      id
      field
    }
  }
}
    `) as unknown as TypedDocumentString<GoldenRecordQuery, GoldenRecordQueryVariables>;
export const GoldenAsOfDocument = new TypedDocumentString(`
    query GoldenAsOf($id: ID!, $at: DateTime!) {
  goldenRecord(id: $id) {
    id
    asOf(at: $at) {
      version
      at
      deleted
      data
    }
  }
}
    `) as unknown as TypedDocumentString<GoldenAsOfQuery, GoldenAsOfQueryVariables>;
export const OverrideFieldDocument = new TypedDocumentString(`
    mutation OverrideField($id: ID!, $field: String!, $value: JSON) {
  overrideField(id: $id, field: $field, value: $value) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<OverrideFieldMutation, OverrideFieldMutationVariables>;
export const ReleaseOverrideDocument = new TypedDocumentString(`
    mutation ReleaseOverride($id: ID!, $field: String!) {
  releaseOverride(id: $id, field: $field) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<ReleaseOverrideMutation, ReleaseOverrideMutationVariables>;
export const RollbackGoldenRecordDocument = new TypedDocumentString(`
    mutation RollbackGoldenRecord($id: ID!, $toVersion: Int!) {
  rollbackGoldenRecord(id: $id, toVersion: $toVersion) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<RollbackGoldenRecordMutation, RollbackGoldenRecordMutationVariables>;
export const RestoreGoldenRecordDocument = new TypedDocumentString(`
    mutation RestoreGoldenRecord($id: ID!) {
  restoreGoldenRecord(id: $id) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<RestoreGoldenRecordMutation, RestoreGoldenRecordMutationVariables>;
export const MergeGoldenRecordsDocument = new TypedDocumentString(`
    mutation MergeGoldenRecords($survivorId: ID!, $duplicateId: ID!) {
  mergeGoldenRecords(survivorId: $survivorId, duplicateId: $duplicateId) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<MergeGoldenRecordsMutation, MergeGoldenRecordsMutationVariables>;
export const UnmergeGoldenRecordDocument = new TypedDocumentString(`
    mutation UnmergeGoldenRecord($id: ID!, $system: String!, $externalId: String!) {
  unmergeGoldenRecord(id: $id, system: $system, externalId: $externalId) {
    id
  }
}
    `) as unknown as TypedDocumentString<UnmergeGoldenRecordMutation, UnmergeGoldenRecordMutationVariables>;
export const EntityTypeRulesDocument = new TypedDocumentString(`
    query EntityTypeRules($entityType: String!) {
  entityTypeRules(entityType: $entityType) {
    entityType
    precedence
    fieldPrecedence
    strategy
    fieldStrategies
    configVersion
    effective
  }
}
    `) as unknown as TypedDocumentString<EntityTypeRulesQuery, EntityTypeRulesQueryVariables>;
export const SetEntityTypeRulesDocument = new TypedDocumentString(`
    mutation SetEntityTypeRules($entityType: String!, $rules: EntityTypeRulesInput!, $expectedVersion: Int, $dryRun: Boolean) {
  setEntityTypeRules(
    entityType: $entityType
    rules: $rules
    expectedVersion: $expectedVersion
    dryRun: $dryRun
  ) {
    applied
    dryRun
    configVersion
    changes
    jobs
    impact
  }
}
    `) as unknown as TypedDocumentString<SetEntityTypeRulesMutation, SetEntityTypeRulesMutationVariables>;
export const JobDocument = new TypedDocumentString(`
    query Job($id: ID!) {
  job(id: $id) {
    id
    kind
    key
    status
    processed
    total
    changed
    progress
    lastError
    startedAt
    finishedAt
  }
}
    `) as unknown as TypedDocumentString<JobQuery, JobQueryVariables>;
export const SystemsStatusDocument = new TypedDocumentString(`
    query SystemsStatus {
  status {
    generatedAt
    systems {
      key
      name
      direction
      entityTypes
      openConflicts
      lastSync {
        at
        source
      }
      lastRun {
        status
        kind
        entityType
        startedAt
        finishedAt
      }
      errors24h {
        total
        failed
        rejected
        deadDeliveries
        failedRuns
      }
      queue {
        total
        inboxPending
        oldestPendingAt
        outboxQueued
        outboxPaused
      }
      records {
        linked
        applied24h
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SystemsStatusQuery, SystemsStatusQueryVariables>;
export const SystemDeliveriesDocument = new TypedDocumentString(`
    query SystemDeliveries($system: String!, $status: DeliveryStatus, $failing: Boolean, $first: Int) {
  deliveries(system: $system, status: $status, failing: $failing, first: $first) {
    nodes {
      id
      entityType
      goldenId
      goldenVersion
      operation
      status
      attempts
      nextAttemptAt
      lastError
      lastCode
      lastStatus
      externalId
      updatedAt
    }
    pageInfo {
      hasNextPage
    }
  }
}
    `) as unknown as TypedDocumentString<SystemDeliveriesQuery, SystemDeliveriesQueryVariables>;
export const SystemSyncRunsDocument = new TypedDocumentString(`
    query SystemSyncRuns($system: String!, $first: Int) {
  syncRuns(system: $system, first: $first) {
    nodes {
      id
      kind
      entityType
      status
      trigger
      triggeredBy
      startedAt
      finishedAt
      durationMs
      seen
      changed
      rejected
      queued
      pending
      errors
    }
    pageInfo {
      hasNextPage
    }
  }
}
    `) as unknown as TypedDocumentString<SystemSyncRunsQuery, SystemSyncRunsQueryVariables>;
export const SystemRejectedEventsDocument = new TypedDocumentString(`
    query SystemRejectedEvents($system: String!, $first: Int) {
  events(system: $system, status: rejected, first: $first) {
    nodes {
      id
      entityType
      externalId
      eventType
      receivedAt
      reason
      errors
      attempts
      goldenId
    }
    pageInfo {
      hasNextPage
    }
  }
}
    `) as unknown as TypedDocumentString<SystemRejectedEventsQuery, SystemRejectedEventsQueryVariables>;
export const RetryDeliveryDocument = new TypedDocumentString(`
    mutation RetryDelivery($id: ID!) {
  retryDelivery(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<RetryDeliveryMutation, RetryDeliveryMutationVariables>;
export const ReplayDeadLettersDocument = new TypedDocumentString(`
    mutation ReplayDeadLetters($system: String) {
  replayDeadLetters(system: $system) {
    count
  }
}
    `) as unknown as TypedDocumentString<ReplayDeadLettersMutation, ReplayDeadLettersMutationVariables>;
export const ReplayEventDocument = new TypedDocumentString(`
    mutation ReplayEvent($id: ID!) {
  replayEvent(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<ReplayEventMutation, ReplayEventMutationVariables>;