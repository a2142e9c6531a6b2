import { graphql } from '../gql';

export const ConflictInboxQuery = graphql(`
  query ConflictInbox($status: ConflictStatus, $entityType: String, $field: String, $system: String, $age: ConflictAge, $first: Int, $after: String) {
    conflicts(status: $status, entityType: $entityType, field: $field, system: $system, age: $age, first: $first, after: $after) {
      nodes {
        id goldenRecordId entityType field status rule values winner winningValue createdAt resolvedAt resolvedBy
        goldenRecord { id data }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const ConflictFacetsQuery = graphql(`
  query ConflictFacets($status: ConflictStatus, $entityType: String, $field: String, $system: String, $age: ConflictAge) {
    conflictFacets(status: $status, entityType: $entityType, field: $field, system: $system, age: $age) {
      total
      status { value count }
      entityType { value count }
      field { value count }
      system { value count }
      age { value count }
    }
  }
`);

export const ResolveConflictsMutation = graphql(`
  mutation ResolveConflicts($items: [ConflictResolutionInput!]!) {
    resolveConflicts(items: $items) { id ok code message }
  }
`);

export const CatalogQuery = graphql(`
  query Catalog {
    entityTypes { name fields { name type sensitive required values } }
    systems { key name }
  }
`);
