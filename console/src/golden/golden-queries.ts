import { graphql } from '../gql';

export const GoldenSearchQuery = graphql(`
  query GoldenSearch($entityType: String!, $search: String, $first: Int, $after: String, $includeDeleted: Boolean) {
    goldenRecords(entityType: $entityType, search: $search, first: $first, after: $after, includeDeleted: $includeDeleted) {
      nodes { id entityType version deleted data updatedAt sources { system externalId } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const GoldenRecordQuery = graphql(`
  query GoldenRecord($id: ID!) {
    goldenRecord(id: $id) {
      id entityType version deleted data createdAt updatedAt
      lineage { field value system rule updatedAt sourceAt }
      sources { system externalId linkedAt data deleted sourceUpdatedAt }
      versions(first: 500) { nodes { version at deleted data changes cause } pageInfo { hasNextPage } }
      conflicts(status: open) { id field }
    }
  }
`);

export const GoldenAsOfQuery = graphql(`
  query GoldenAsOf($id: ID!, $at: DateTime!) {
    goldenRecord(id: $id) { id asOf(at: $at) { version at deleted data } }
  }
`);

export const OverrideFieldMutation = graphql(`
  mutation OverrideField($id: ID!, $field: String!, $value: JSON) {
    overrideField(id: $id, field: $field, value: $value) { id version }
  }
`);

export const ReleaseOverrideMutation = graphql(`
  mutation ReleaseOverride($id: ID!, $field: String!) {
    releaseOverride(id: $id, field: $field) { id version }
  }
`);

export const RollbackMutation = graphql(`
  mutation RollbackGoldenRecord($id: ID!, $toVersion: Int!) {
    rollbackGoldenRecord(id: $id, toVersion: $toVersion) { id version }
  }
`);

export const RestoreMutation = graphql(`
  mutation RestoreGoldenRecord($id: ID!) {
    restoreGoldenRecord(id: $id) { id version }
  }
`);

export const MergeMutation = graphql(`
  mutation MergeGoldenRecords($survivorId: ID!, $duplicateId: ID!) {
    mergeGoldenRecords(survivorId: $survivorId, duplicateId: $duplicateId) { id version }
  }
`);

export const UnmergeMutation = graphql(`
  mutation UnmergeGoldenRecord($id: ID!, $system: String!, $externalId: String!) {
    unmergeGoldenRecord(id: $id, system: $system, externalId: $externalId) { id }
  }
`);
