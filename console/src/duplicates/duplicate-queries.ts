import { graphql } from '../gql';

export const SuspectsQuery = graphql(`
  query MatchSuspects($entityType: String, $status: MatchSuspectStatus, $minScore: Float, $first: Int, $after: String) {
    matchSuspects(entityType: $entityType, status: $status, minScore: $minScore, first: $first, after: $after) {
      nodes {
        id entityType status score resolution resolvedBy resolvedAt survivorId createdAt
        rule { index name }
        fieldScores { field method weight score }
        records { id createdAt deleted data sources { system externalId } }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const MergeSuspectMutation = graphql(`
  mutation MergeSuspect($id: ID!, $survivorId: ID) {
    mergeSuspect(id: $id, survivorId: $survivorId) { id status survivorId }
  }
`);

export const DismissSuspectMutation = graphql(`
  mutation DismissSuspect($id: ID!) {
    dismissSuspect(id: $id) { id status }
  }
`);

export const MergeSuspectsMutation = graphql(`
  mutation MergeSuspects($ids: [ID!]!) {
    mergeSuspects(ids: $ids) { id ok error { code message } }
  }
`);

export const DismissSuspectsMutation = graphql(`
  mutation DismissSuspects($ids: [ID!]!) {
    dismissSuspects(ids: $ids) { id ok error { code message } }
  }
`);
