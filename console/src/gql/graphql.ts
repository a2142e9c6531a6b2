/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** hour: < 1 h; day: 1-24 h; week: 1-7 days; older: > 7 days */
export type ConflictAge =
  | 'day'
  | 'hour'
  | 'older'
  | 'week';

/** Exactly one of system or value */
export type ConflictResolutionInput = {
  id: string | number;
  /** take this candidate system's value */
  system?: string | null | undefined;
  /** take this value instead (canonical form; null means empty) */
  value?: unknown;
};

/** auto_resolved: settled by a rule; open: waits for a steward (manual strategy); resolved: settled by a steward; superseded: a rule change decided the field anew */
export type ConflictStatus =
  | 'auto_resolved'
  | 'open'
  | 'resolved'
  | 'superseded';

/** viewer reads, steward resolves and replays, admin changes configuration and keys */
export type Role =
  | 'admin'
  | 'steward'
  | 'viewer';

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