import type { CanonicalRecord } from '../../catalog/catalog.types';
import type { InboxEventStatus, InboxOutcome } from '../../inbox/inbox.types';
import type { ConflictDraft, FieldDecision, LineageEntry } from '../domain';

export type { InboxEvent } from '../../inbox/inbox.types';

export type EventStatus = InboxEventStatus;

/** What the pipeline decided for one event: stored on its inbox row. */
export interface EventOutcome extends InboxOutcome {
  /** the sending system, for metrics labels */
  system: string;
  /** how and when the event came in (webhook → applied latency); set by the batch processor */
  origin?: string;
  receivedAt?: string;
}

export interface GoldenRow {
  id: string;
  entityType: string;
  version: number;
  deleted: boolean;
  data: CanonicalRecord;
  lineage: Record<string, LineageEntry>;
  updatedAt: string;
  /** true when created in this batch (INSERT rather than UPDATE) */
  isNew?: boolean;
}

export interface SourceRow {
  system: string;
  entityType: string;
  externalId: string;
  goldenId: string;
  data: CanonicalRecord;
  synced: CanonicalRecord;
  receivedHash: string | null;
  sourceUpdatedAt: string | null;
  deleted: boolean;
}

export interface VersionRow {
  goldenId: string;
  version: number;
  deleted: boolean;
  data: CanonicalRecord;
  diff: unknown[];
  cause: VersionCause;
}

export interface VersionCause {
  kind: 'event' | 'steward' | 'rollback' | 'merge' | 'unmerge' | 'rules';
  eventId?: string;
  inboxId?: string;
  system?: string;
  actor?: string;
  action?: string;
  decisions?: FieldDecision[];
  /** rules: the configuration version whose survivorship rules were applied, by which recompute job */
  configVersion?: number;
  jobId?: string;
  /** event: the correlation id of the request or work that brought the change in */
  correlationId?: string;
}

export interface ConflictRow extends ConflictDraft {
  id: string;
  goldenId: string;
  entityType: string;
  goldenVersion: number;
  eventId: string | null;
}

/** What a committed batch did, for after-commit listeners (metrics) that must not query for it. */
export interface CommittedBatch {
  outcomes: EventOutcome[];
  changes: GoldenChange[];
  conflicts: Pick<ConflictRow, 'entityType' | 'status'>[];
  durationMs: number;
}

/** What one batch changed: handed to listeners (outbox, metrics) inside the same transaction. */
export interface GoldenChange {
  golden: GoldenRow;
  previous: GoldenRow | null;
  /** the system whose change caused this version, if any */
  originSystem: string | null;
  version: VersionRow;
  /** no new version: the golden record is unchanged, but the origin system lost to the rules and needs correcting */
  correctionOnly?: boolean;
}
