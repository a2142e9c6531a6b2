/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Me {\n    me { name role }\n  }\n": typeof types.MeDocument,
    "\n  query HomeCounts {\n    conflictFacets(status: open) { total }\n  }\n": typeof types.HomeCountsDocument,
    "\n  query ConflictInbox($status: ConflictStatus, $entityType: String, $field: String, $system: String, $age: ConflictAge, $first: Int, $after: String) {\n    conflicts(status: $status, entityType: $entityType, field: $field, system: $system, age: $age, first: $first, after: $after) {\n      nodes {\n        id goldenRecordId entityType field status rule values winner winningValue createdAt resolvedAt resolvedBy\n        goldenRecord { id data }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.ConflictInboxDocument,
    "\n  query ConflictFacets($status: ConflictStatus, $entityType: String, $field: String, $system: String, $age: ConflictAge) {\n    conflictFacets(status: $status, entityType: $entityType, field: $field, system: $system, age: $age) {\n      total\n      status { value count }\n      entityType { value count }\n      field { value count }\n      system { value count }\n      age { value count }\n    }\n  }\n": typeof types.ConflictFacetsDocument,
    "\n  mutation ResolveConflicts($items: [ConflictResolutionInput!]!) {\n    resolveConflicts(items: $items) { id ok code message }\n  }\n": typeof types.ResolveConflictsDocument,
    "\n  query Catalog {\n    entityTypes { name fields { name type sensitive required values } }\n    systems { key name }\n  }\n": typeof types.CatalogDocument,
    "\n  query MatchSuspects($entityType: String, $status: MatchSuspectStatus, $minScore: Float, $first: Int, $after: String) {\n    matchSuspects(entityType: $entityType, status: $status, minScore: $minScore, first: $first, after: $after) {\n      nodes {\n        id entityType status score resolution resolvedBy resolvedAt survivorId createdAt\n        rule { index name }\n        fieldScores { field method weight score }\n        records { id createdAt deleted data sources { system externalId } }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.MatchSuspectsDocument,
    "\n  mutation MergeSuspect($id: ID!, $survivorId: ID) {\n    mergeSuspect(id: $id, survivorId: $survivorId) { id status survivorId }\n  }\n": typeof types.MergeSuspectDocument,
    "\n  mutation DismissSuspect($id: ID!) {\n    dismissSuspect(id: $id) { id status }\n  }\n": typeof types.DismissSuspectDocument,
    "\n  mutation MergeSuspects($ids: [ID!]!) {\n    mergeSuspects(ids: $ids) { id ok error { code message } }\n  }\n": typeof types.MergeSuspectsDocument,
    "\n  mutation DismissSuspects($ids: [ID!]!) {\n    dismissSuspects(ids: $ids) { id ok error { code message } }\n  }\n": typeof types.DismissSuspectsDocument,
    "\n  query GoldenSearch($entityType: String!, $search: String, $first: Int, $after: String, $includeDeleted: Boolean) {\n    goldenRecords(entityType: $entityType, search: $search, first: $first, after: $after, includeDeleted: $includeDeleted) {\n      nodes { id entityType version deleted data updatedAt sources { system externalId } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.GoldenSearchDocument,
    "\n  query GoldenRecord($id: ID!) {\n    goldenRecord(id: $id) {\n      id entityType version deleted data createdAt updatedAt\n      lineage { field value system rule updatedAt sourceAt }\n      sources { system externalId linkedAt data deleted sourceUpdatedAt }\n      versions(first: 500) { nodes { version at deleted data changes cause } pageInfo { hasNextPage } }\n      conflicts(status: open) { id field }\n    }\n  }\n": typeof types.GoldenRecordDocument,
    "\n  query GoldenAsOf($id: ID!, $at: DateTime!) {\n    goldenRecord(id: $id) { id asOf(at: $at) { version at deleted data } }\n  }\n": typeof types.GoldenAsOfDocument,
    "\n  mutation OverrideField($id: ID!, $field: String!, $value: JSON) {\n    overrideField(id: $id, field: $field, value: $value) { id version }\n  }\n": typeof types.OverrideFieldDocument,
    "\n  mutation ReleaseOverride($id: ID!, $field: String!) {\n    releaseOverride(id: $id, field: $field) { id version }\n  }\n": typeof types.ReleaseOverrideDocument,
    "\n  mutation RollbackGoldenRecord($id: ID!, $toVersion: Int!) {\n    rollbackGoldenRecord(id: $id, toVersion: $toVersion) { id version }\n  }\n": typeof types.RollbackGoldenRecordDocument,
    "\n  mutation RestoreGoldenRecord($id: ID!) {\n    restoreGoldenRecord(id: $id) { id version }\n  }\n": typeof types.RestoreGoldenRecordDocument,
    "\n  mutation MergeGoldenRecords($survivorId: ID!, $duplicateId: ID!) {\n    mergeGoldenRecords(survivorId: $survivorId, duplicateId: $duplicateId) { id version }\n  }\n": typeof types.MergeGoldenRecordsDocument,
    "\n  mutation UnmergeGoldenRecord($id: ID!, $system: String!, $externalId: String!) {\n    unmergeGoldenRecord(id: $id, system: $system, externalId: $externalId) { id }\n  }\n": typeof types.UnmergeGoldenRecordDocument,
    "\n  query EntityTypeRules($entityType: String!) {\n    entityTypeRules(entityType: $entityType) { entityType precedence fieldPrecedence strategy fieldStrategies configVersion effective }\n  }\n": typeof types.EntityTypeRulesDocument,
    "\n  mutation SetEntityTypeRules($entityType: String!, $rules: EntityTypeRulesInput!, $expectedVersion: Int, $dryRun: Boolean) {\n    setEntityTypeRules(entityType: $entityType, rules: $rules, expectedVersion: $expectedVersion, dryRun: $dryRun) {\n      applied dryRun configVersion changes jobs impact\n    }\n  }\n": typeof types.SetEntityTypeRulesDocument,
    "\n  query Job($id: ID!) {\n    job(id: $id) { id kind key status processed total changed progress lastError startedAt finishedAt }\n  }\n": typeof types.JobDocument,
    "\n  query SystemsStatus {\n    status {\n      generatedAt\n      systems {\n        key name direction entityTypes openConflicts\n        lastSync { at source }\n        lastRun { status kind entityType startedAt finishedAt }\n        errors24h { total failed rejected deadDeliveries failedRuns }\n        queue { total inboxPending oldestPendingAt outboxQueued outboxPaused }\n        records { linked applied24h }\n      }\n    }\n  }\n": typeof types.SystemsStatusDocument,
    "\n  query SystemDeliveries($system: String!, $status: DeliveryStatus, $failing: Boolean, $first: Int) {\n    deliveries(system: $system, status: $status, failing: $failing, first: $first) {\n      nodes { id entityType goldenId goldenVersion operation status attempts nextAttemptAt lastError lastCode lastStatus externalId updatedAt }\n      pageInfo { hasNextPage }\n    }\n  }\n": typeof types.SystemDeliveriesDocument,
    "\n  query SystemSyncRuns($system: String!, $first: Int) {\n    syncRuns(system: $system, first: $first) {\n      nodes { id kind entityType status trigger triggeredBy startedAt finishedAt durationMs seen changed rejected queued pending errors }\n      pageInfo { hasNextPage }\n    }\n  }\n": typeof types.SystemSyncRunsDocument,
    "\n  query SystemRejectedEvents($system: String!, $first: Int) {\n    events(system: $system, status: rejected, first: $first) {\n      nodes { id entityType externalId eventType receivedAt reason errors attempts goldenId }\n      pageInfo { hasNextPage }\n    }\n  }\n": typeof types.SystemRejectedEventsDocument,
    "\n  mutation RetryDelivery($id: ID!) {\n    retryDelivery(id: $id) { id status }\n  }\n": typeof types.RetryDeliveryDocument,
    "\n  mutation ReplayDeadLetters($system: String) {\n    replayDeadLetters(system: $system) { count }\n  }\n": typeof types.ReplayDeadLettersDocument,
    "\n  mutation ReplayEvent($id: ID!) {\n    replayEvent(id: $id) { id status }\n  }\n": typeof types.ReplayEventDocument,
};
const documents: Documents = {
    "\n  query Me {\n    me { name role }\n  }\n": types.MeDocument,
    "\n  query HomeCounts {\n    conflictFacets(status: open) { total }\n  }\n": types.HomeCountsDocument,
    "\n  query ConflictInbox($status: ConflictStatus, $entityType: String, $field: String, $system: String, $age: ConflictAge, $first: Int, $after: String) {\n    conflicts(status: $status, entityType: $entityType, field: $field, system: $system, age: $age, first: $first, after: $after) {\n      nodes {\n        id goldenRecordId entityType field status rule values winner winningValue createdAt resolvedAt resolvedBy\n        goldenRecord { id data }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.ConflictInboxDocument,
    "\n  query ConflictFacets($status: ConflictStatus, $entityType: String, $field: String, $system: String, $age: ConflictAge) {\n    conflictFacets(status: $status, entityType: $entityType, field: $field, system: $system, age: $age) {\n      total\n      status { value count }\n      entityType { value count }\n      field { value count }\n      system { value count }\n      age { value count }\n    }\n  }\n": types.ConflictFacetsDocument,
    "\n  mutation ResolveConflicts($items: [ConflictResolutionInput!]!) {\n    resolveConflicts(items: $items) { id ok code message }\n  }\n": types.ResolveConflictsDocument,
    "\n  query Catalog {\n    entityTypes { name fields { name type sensitive required values } }\n    systems { key name }\n  }\n": types.CatalogDocument,
    "\n  query MatchSuspects($entityType: String, $status: MatchSuspectStatus, $minScore: Float, $first: Int, $after: String) {\n    matchSuspects(entityType: $entityType, status: $status, minScore: $minScore, first: $first, after: $after) {\n      nodes {\n        id entityType status score resolution resolvedBy resolvedAt survivorId createdAt\n        rule { index name }\n        fieldScores { field method weight score }\n        records { id createdAt deleted data sources { system externalId } }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.MatchSuspectsDocument,
    "\n  mutation MergeSuspect($id: ID!, $survivorId: ID) {\n    mergeSuspect(id: $id, survivorId: $survivorId) { id status survivorId }\n  }\n": types.MergeSuspectDocument,
    "\n  mutation DismissSuspect($id: ID!) {\n    dismissSuspect(id: $id) { id status }\n  }\n": types.DismissSuspectDocument,
    "\n  mutation MergeSuspects($ids: [ID!]!) {\n    mergeSuspects(ids: $ids) { id ok error { code message } }\n  }\n": types.MergeSuspectsDocument,
    "\n  mutation DismissSuspects($ids: [ID!]!) {\n    dismissSuspects(ids: $ids) { id ok error { code message } }\n  }\n": types.DismissSuspectsDocument,
    "\n  query GoldenSearch($entityType: String!, $search: String, $first: Int, $after: String, $includeDeleted: Boolean) {\n    goldenRecords(entityType: $entityType, search: $search, first: $first, after: $after, includeDeleted: $includeDeleted) {\n      nodes { id entityType version deleted data updatedAt sources { system externalId } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.GoldenSearchDocument,
    "\n  query GoldenRecord($id: ID!) {\n    goldenRecord(id: $id) {\n      id entityType version deleted data createdAt updatedAt\n      lineage { field value system rule updatedAt sourceAt }\n      sources { system externalId linkedAt data deleted sourceUpdatedAt }\n      versions(first: 500) { nodes { version at deleted data changes cause } pageInfo { hasNextPage } }\n      conflicts(status: open) { id field }\n    }\n  }\n": types.GoldenRecordDocument,
    "\n  query GoldenAsOf($id: ID!, $at: DateTime!) {\n    goldenRecord(id: $id) { id asOf(at: $at) { version at deleted data } }\n  }\n": types.GoldenAsOfDocument,
    "\n  mutation OverrideField($id: ID!, $field: String!, $value: JSON) {\n    overrideField(id: $id, field: $field, value: $value) { id version }\n  }\n": types.OverrideFieldDocument,
    "\n  mutation ReleaseOverride($id: ID!, $field: String!) {\n    releaseOverride(id: $id, field: $field) { id version }\n  }\n": types.ReleaseOverrideDocument,
    "\n  mutation RollbackGoldenRecord($id: ID!, $toVersion: Int!) {\n    rollbackGoldenRecord(id: $id, toVersion: $toVersion) { id version }\n  }\n": types.RollbackGoldenRecordDocument,
    "\n  mutation RestoreGoldenRecord($id: ID!) {\n    restoreGoldenRecord(id: $id) { id version }\n  }\n": types.RestoreGoldenRecordDocument,
    "\n  mutation MergeGoldenRecords($survivorId: ID!, $duplicateId: ID!) {\n    mergeGoldenRecords(survivorId: $survivorId, duplicateId: $duplicateId) { id version }\n  }\n": types.MergeGoldenRecordsDocument,
    "\n  mutation UnmergeGoldenRecord($id: ID!, $system: String!, $externalId: String!) {\n    unmergeGoldenRecord(id: $id, system: $system, externalId: $externalId) { id }\n  }\n": types.UnmergeGoldenRecordDocument,
    "\n  query EntityTypeRules($entityType: String!) {\n    entityTypeRules(entityType: $entityType) { entityType precedence fieldPrecedence strategy fieldStrategies configVersion effective }\n  }\n": types.EntityTypeRulesDocument,
    "\n  mutation SetEntityTypeRules($entityType: String!, $rules: EntityTypeRulesInput!, $expectedVersion: Int, $dryRun: Boolean) {\n    setEntityTypeRules(entityType: $entityType, rules: $rules, expectedVersion: $expectedVersion, dryRun: $dryRun) {\n      applied dryRun configVersion changes jobs impact\n    }\n  }\n": types.SetEntityTypeRulesDocument,
    "\n  query Job($id: ID!) {\n    job(id: $id) { id kind key status processed total changed progress lastError startedAt finishedAt }\n  }\n": types.JobDocument,
    "\n  query SystemsStatus {\n    status {\n      generatedAt\n      systems {\n        key name direction entityTypes openConflicts\n        lastSync { at source }\n        lastRun { status kind entityType startedAt finishedAt }\n        errors24h { total failed rejected deadDeliveries failedRuns }\n        queue { total inboxPending oldestPendingAt outboxQueued outboxPaused }\n        records { linked applied24h }\n      }\n    }\n  }\n": types.SystemsStatusDocument,
    "\n  query SystemDeliveries($system: String!, $status: DeliveryStatus, $failing: Boolean, $first: Int) {\n    deliveries(system: $system, status: $status, failing: $failing, first: $first) {\n      nodes { id entityType goldenId goldenVersion operation status attempts nextAttemptAt lastError lastCode lastStatus externalId updatedAt }\n      pageInfo { hasNextPage }\n    }\n  }\n": types.SystemDeliveriesDocument,
    "\n  query SystemSyncRuns($system: String!, $first: Int) {\n    syncRuns(system: $system, first: $first) {\n      nodes { id kind entityType status trigger triggeredBy startedAt finishedAt durationMs seen changed rejected queued pending errors }\n      pageInfo { hasNextPage }\n    }\n  }\n": types.SystemSyncRunsDocument,
    "\n  query SystemRejectedEvents($system: String!, $first: Int) {\n    events(system: $system, status: rejected, first: $first) {\n      nodes { id entityType externalId eventType receivedAt reason errors attempts goldenId }\n      pageInfo { hasNextPage }\n    }\n  }\n": types.SystemRejectedEventsDocument,
    "\n  mutation RetryDelivery($id: ID!) {\n    retryDelivery(id: $id) { id status }\n  }\n": types.RetryDeliveryDocument,
    "\n  mutation ReplayDeadLetters($system: String) {\n    replayDeadLetters(system: $system) { count }\n  }\n": types.ReplayDeadLettersDocument,
    "\n  mutation ReplayEvent($id: ID!) {\n    replayEvent(id: $id) { id status }\n  }\n": types.ReplayEventDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me { name role }\n  }\n"): typeof import('./graphql').MeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HomeCounts {\n    conflictFacets(status: open) { total }\n  }\n"): typeof import('./graphql').HomeCountsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConflictInbox($status: ConflictStatus, $entityType: String, $field: String, $system: String, $age: ConflictAge, $first: Int, $after: String) {\n    conflicts(status: $status, entityType: $entityType, field: $field, system: $system, age: $age, first: $first, after: $after) {\n      nodes {\n        id goldenRecordId entityType field status rule values winner winningValue createdAt resolvedAt resolvedBy\n        goldenRecord { id data }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): typeof import('./graphql').ConflictInboxDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConflictFacets($status: ConflictStatus, $entityType: String, $field: String, $system: String, $age: ConflictAge) {\n    conflictFacets(status: $status, entityType: $entityType, field: $field, system: $system, age: $age) {\n      total\n      status { value count }\n      entityType { value count }\n      field { value count }\n      system { value count }\n      age { value count }\n    }\n  }\n"): typeof import('./graphql').ConflictFacetsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResolveConflicts($items: [ConflictResolutionInput!]!) {\n    resolveConflicts(items: $items) { id ok code message }\n  }\n"): typeof import('./graphql').ResolveConflictsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Catalog {\n    entityTypes { name fields { name type sensitive required values } }\n    systems { key name }\n  }\n"): typeof import('./graphql').CatalogDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MatchSuspects($entityType: String, $status: MatchSuspectStatus, $minScore: Float, $first: Int, $after: String) {\n    matchSuspects(entityType: $entityType, status: $status, minScore: $minScore, first: $first, after: $after) {\n      nodes {\n        id entityType status score resolution resolvedBy resolvedAt survivorId createdAt\n        rule { index name }\n        fieldScores { field method weight score }\n        records { id createdAt deleted data sources { system externalId } }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): typeof import('./graphql').MatchSuspectsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MergeSuspect($id: ID!, $survivorId: ID) {\n    mergeSuspect(id: $id, survivorId: $survivorId) { id status survivorId }\n  }\n"): typeof import('./graphql').MergeSuspectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DismissSuspect($id: ID!) {\n    dismissSuspect(id: $id) { id status }\n  }\n"): typeof import('./graphql').DismissSuspectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MergeSuspects($ids: [ID!]!) {\n    mergeSuspects(ids: $ids) { id ok error { code message } }\n  }\n"): typeof import('./graphql').MergeSuspectsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DismissSuspects($ids: [ID!]!) {\n    dismissSuspects(ids: $ids) { id ok error { code message } }\n  }\n"): typeof import('./graphql').DismissSuspectsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GoldenSearch($entityType: String!, $search: String, $first: Int, $after: String, $includeDeleted: Boolean) {\n    goldenRecords(entityType: $entityType, search: $search, first: $first, after: $after, includeDeleted: $includeDeleted) {\n      nodes { id entityType version deleted data updatedAt sources { system externalId } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): typeof import('./graphql').GoldenSearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GoldenRecord($id: ID!) {\n    goldenRecord(id: $id) {\n      id entityType version deleted data createdAt updatedAt\n      lineage { field value system rule updatedAt sourceAt }\n      sources { system externalId linkedAt data deleted sourceUpdatedAt }\n      versions(first: 500) { nodes { version at deleted data changes cause } pageInfo { hasNextPage } }\n      conflicts(status: open) { id field }\n    }\n  }\n"): typeof import('./graphql').GoldenRecordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GoldenAsOf($id: ID!, $at: DateTime!) {\n    goldenRecord(id: $id) { id asOf(at: $at) { version at deleted data } }\n  }\n"): typeof import('./graphql').GoldenAsOfDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OverrideField($id: ID!, $field: String!, $value: JSON) {\n    overrideField(id: $id, field: $field, value: $value) { id version }\n  }\n"): typeof import('./graphql').OverrideFieldDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReleaseOverride($id: ID!, $field: String!) {\n    releaseOverride(id: $id, field: $field) { id version }\n  }\n"): typeof import('./graphql').ReleaseOverrideDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RollbackGoldenRecord($id: ID!, $toVersion: Int!) {\n    rollbackGoldenRecord(id: $id, toVersion: $toVersion) { id version }\n  }\n"): typeof import('./graphql').RollbackGoldenRecordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RestoreGoldenRecord($id: ID!) {\n    restoreGoldenRecord(id: $id) { id version }\n  }\n"): typeof import('./graphql').RestoreGoldenRecordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MergeGoldenRecords($survivorId: ID!, $duplicateId: ID!) {\n    mergeGoldenRecords(survivorId: $survivorId, duplicateId: $duplicateId) { id version }\n  }\n"): typeof import('./graphql').MergeGoldenRecordsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnmergeGoldenRecord($id: ID!, $system: String!, $externalId: String!) {\n    unmergeGoldenRecord(id: $id, system: $system, externalId: $externalId) { id }\n  }\n"): typeof import('./graphql').UnmergeGoldenRecordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EntityTypeRules($entityType: String!) {\n    entityTypeRules(entityType: $entityType) { entityType precedence fieldPrecedence strategy fieldStrategies configVersion effective }\n  }\n"): typeof import('./graphql').EntityTypeRulesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetEntityTypeRules($entityType: String!, $rules: EntityTypeRulesInput!, $expectedVersion: Int, $dryRun: Boolean) {\n    setEntityTypeRules(entityType: $entityType, rules: $rules, expectedVersion: $expectedVersion, dryRun: $dryRun) {\n      applied dryRun configVersion changes jobs impact\n    }\n  }\n"): typeof import('./graphql').SetEntityTypeRulesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Job($id: ID!) {\n    job(id: $id) { id kind key status processed total changed progress lastError startedAt finishedAt }\n  }\n"): typeof import('./graphql').JobDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SystemsStatus {\n    status {\n      generatedAt\n      systems {\n        key name direction entityTypes openConflicts\n        lastSync { at source }\n        lastRun { status kind entityType startedAt finishedAt }\n        errors24h { total failed rejected deadDeliveries failedRuns }\n        queue { total inboxPending oldestPendingAt outboxQueued outboxPaused }\n        records { linked applied24h }\n      }\n    }\n  }\n"): typeof import('./graphql').SystemsStatusDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SystemDeliveries($system: String!, $status: DeliveryStatus, $failing: Boolean, $first: Int) {\n    deliveries(system: $system, status: $status, failing: $failing, first: $first) {\n      nodes { id entityType goldenId goldenVersion operation status attempts nextAttemptAt lastError lastCode lastStatus externalId updatedAt }\n      pageInfo { hasNextPage }\n    }\n  }\n"): typeof import('./graphql').SystemDeliveriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SystemSyncRuns($system: String!, $first: Int) {\n    syncRuns(system: $system, first: $first) {\n      nodes { id kind entityType status trigger triggeredBy startedAt finishedAt durationMs seen changed rejected queued pending errors }\n      pageInfo { hasNextPage }\n    }\n  }\n"): typeof import('./graphql').SystemSyncRunsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SystemRejectedEvents($system: String!, $first: Int) {\n    events(system: $system, status: rejected, first: $first) {\n      nodes { id entityType externalId eventType receivedAt reason errors attempts goldenId }\n      pageInfo { hasNextPage }\n    }\n  }\n"): typeof import('./graphql').SystemRejectedEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetryDelivery($id: ID!) {\n    retryDelivery(id: $id) { id status }\n  }\n"): typeof import('./graphql').RetryDeliveryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReplayDeadLetters($system: String) {\n    replayDeadLetters(system: $system) { count }\n  }\n"): typeof import('./graphql').ReplayDeadLettersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReplayEvent($id: ID!) {\n    replayEvent(id: $id) { id status }\n  }\n"): typeof import('./graphql').ReplayEventDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
