import { graphql } from '../gql';

export const SystemsStatusQuery = graphql(`
  query SystemsStatus {
    status {
      generatedAt
      systems {
        key name direction entityTypes openConflicts
        lastSync { at source }
        lastRun { status kind entityType startedAt finishedAt }
        errors24h { total failed rejected deadDeliveries failedRuns }
        queue { total inboxPending oldestPendingAt outboxQueued outboxPaused }
        records { linked applied24h }
      }
    }
  }
`);

export const SystemDeliveriesQuery = graphql(`
  query SystemDeliveries($system: String!, $status: DeliveryStatus, $failing: Boolean, $first: Int) {
    deliveries(system: $system, status: $status, failing: $failing, first: $first) {
      nodes { id entityType goldenId goldenVersion operation status attempts nextAttemptAt lastError lastCode lastStatus externalId updatedAt }
      pageInfo { hasNextPage }
    }
  }
`);

export const SystemSyncRunsQuery = graphql(`
  query SystemSyncRuns($system: String!, $first: Int) {
    syncRuns(system: $system, first: $first) {
      nodes { id kind entityType status trigger triggeredBy startedAt finishedAt durationMs seen changed rejected queued pending errors }
      pageInfo { hasNextPage }
    }
  }
`);

export const SystemRejectedEventsQuery = graphql(`
  query SystemRejectedEvents($system: String!, $first: Int) {
    events(system: $system, status: rejected, first: $first) {
      nodes { id entityType externalId eventType receivedAt reason errors attempts goldenId }
      pageInfo { hasNextPage }
    }
  }
`);

export const RetryDeliveryMutation = graphql(`
  mutation RetryDelivery($id: ID!) {
    retryDelivery(id: $id) { id status }
  }
`);

export const ReplayDeadLettersMutation = graphql(`
  mutation ReplayDeadLetters($system: String) {
    replayDeadLetters(system: $system) { count }
  }
`);

export const ReplayEventMutation = graphql(`
  mutation ReplayEvent($id: ID!) {
    replayEvent(id: $id) { id status }
  }
`);
