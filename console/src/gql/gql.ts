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
    "\n  query GoldenSearch($entityType: String!, $search: String, $first: Int, $after: String, $includeDeleted: Boolean) {\n    goldenRecords(entityType: $entityType, search: $search, first: $first, after: $after, includeDeleted: $includeDeleted) {\n      nodes { id entityType version deleted data updatedAt sources { system externalId } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.GoldenSearchDocument,
    "\n  query GoldenRecord($id: ID!) {\n    goldenRecord(id: $id) {\n      id entityType version deleted data createdAt updatedAt\n      lineage { field value system rule updatedAt sourceAt }\n      sources { system externalId linkedAt data deleted sourceUpdatedAt }\n      versions(first: 500) { nodes { version at deleted data changes cause } pageInfo { hasNextPage } }\n      conflicts(status: open) { id field }\n    }\n  }\n": typeof types.GoldenRecordDocument,
    "\n  query GoldenAsOf($id: ID!, $at: DateTime!) {\n    goldenRecord(id: $id) { id asOf(at: $at) { version at deleted data } }\n  }\n": typeof types.GoldenAsOfDocument,
    "\n  mutation OverrideField($id: ID!, $field: String!, $value: JSON) {\n    overrideField(id: $id, field: $field, value: $value) { id version }\n  }\n": typeof types.OverrideFieldDocument,
    "\n  mutation ReleaseOverride($id: ID!, $field: String!) {\n    releaseOverride(id: $id, field: $field) { id version }\n  }\n": typeof types.ReleaseOverrideDocument,
    "\n  mutation RollbackGoldenRecord($id: ID!, $toVersion: Int!) {\n    rollbackGoldenRecord(id: $id, toVersion: $toVersion) { id version }\n  }\n": typeof types.RollbackGoldenRecordDocument,
    "\n  mutation RestoreGoldenRecord($id: ID!) {\n    restoreGoldenRecord(id: $id) { id version }\n  }\n": typeof types.RestoreGoldenRecordDocument,
    "\n  mutation MergeGoldenRecords($survivorId: ID!, $duplicateId: ID!) {\n    mergeGoldenRecords(survivorId: $survivorId, duplicateId: $duplicateId) { id version }\n  }\n": typeof types.MergeGoldenRecordsDocument,
    "\n  mutation UnmergeGoldenRecord($id: ID!, $system: String!, $externalId: String!) {\n    unmergeGoldenRecord(id: $id, system: $system, externalId: $externalId) { id }\n  }\n": typeof types.UnmergeGoldenRecordDocument,
};
const documents: Documents = {
    "\n  query Me {\n    me { name role }\n  }\n": types.MeDocument,
    "\n  query HomeCounts {\n    conflictFacets(status: open) { total }\n  }\n": types.HomeCountsDocument,
    "\n  query ConflictInbox($status: ConflictStatus, $entityType: String, $field: String, $system: String, $age: ConflictAge, $first: Int, $after: String) {\n    conflicts(status: $status, entityType: $entityType, field: $field, system: $system, age: $age, first: $first, after: $after) {\n      nodes {\n        id goldenRecordId entityType field status rule values winner winningValue createdAt resolvedAt resolvedBy\n        goldenRecord { id data }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.ConflictInboxDocument,
    "\n  query ConflictFacets($status: ConflictStatus, $entityType: String, $field: String, $system: String, $age: ConflictAge) {\n    conflictFacets(status: $status, entityType: $entityType, field: $field, system: $system, age: $age) {\n      total\n      status { value count }\n      entityType { value count }\n      field { value count }\n      system { value count }\n      age { value count }\n    }\n  }\n": types.ConflictFacetsDocument,
    "\n  mutation ResolveConflicts($items: [ConflictResolutionInput!]!) {\n    resolveConflicts(items: $items) { id ok code message }\n  }\n": types.ResolveConflictsDocument,
    "\n  query Catalog {\n    entityTypes { name fields { name type sensitive required values } }\n    systems { key name }\n  }\n": types.CatalogDocument,
    "\n  query GoldenSearch($entityType: String!, $search: String, $first: Int, $after: String, $includeDeleted: Boolean) {\n    goldenRecords(entityType: $entityType, search: $search, first: $first, after: $after, includeDeleted: $includeDeleted) {\n      nodes { id entityType version deleted data updatedAt sources { system externalId } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.GoldenSearchDocument,
    "\n  query GoldenRecord($id: ID!) {\n    goldenRecord(id: $id) {\n      id entityType version deleted data createdAt updatedAt\n      lineage { field value system rule updatedAt sourceAt }\n      sources { system externalId linkedAt data deleted sourceUpdatedAt }\n      versions(first: 500) { nodes { version at deleted data changes cause } pageInfo { hasNextPage } }\n      conflicts(status: open) { id field }\n    }\n  }\n": types.GoldenRecordDocument,
    "\n  query GoldenAsOf($id: ID!, $at: DateTime!) {\n    goldenRecord(id: $id) { id asOf(at: $at) { version at deleted data } }\n  }\n": types.GoldenAsOfDocument,
    "\n  mutation OverrideField($id: ID!, $field: String!, $value: JSON) {\n    overrideField(id: $id, field: $field, value: $value) { id version }\n  }\n": types.OverrideFieldDocument,
    "\n  mutation ReleaseOverride($id: ID!, $field: String!) {\n    releaseOverride(id: $id, field: $field) { id version }\n  }\n": types.ReleaseOverrideDocument,
    "\n  mutation RollbackGoldenRecord($id: ID!, $toVersion: Int!) {\n    rollbackGoldenRecord(id: $id, toVersion: $toVersion) { id version }\n  }\n": types.RollbackGoldenRecordDocument,
    "\n  mutation RestoreGoldenRecord($id: ID!) {\n    restoreGoldenRecord(id: $id) { id version }\n  }\n": types.RestoreGoldenRecordDocument,
    "\n  mutation MergeGoldenRecords($survivorId: ID!, $duplicateId: ID!) {\n    mergeGoldenRecords(survivorId: $survivorId, duplicateId: $duplicateId) { id version }\n  }\n": types.MergeGoldenRecordsDocument,
    "\n  mutation UnmergeGoldenRecord($id: ID!, $system: String!, $externalId: String!) {\n    unmergeGoldenRecord(id: $id, system: $system, externalId: $externalId) { id }\n  }\n": types.UnmergeGoldenRecordDocument,
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


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
