/** Sync runs: every poll, refresh, reconciliation and batch window, as recorded in `sync_run`. */
export const SYNC_RUN_KINDS = ['poll', 'refresh', 'reconcile', 'batch-window'] as const;
export const SYNC_RUN_TRIGGERS = ['schedule', 'manual', 'webhook-batch'] as const;
export const SYNC_RUN_STATUSES = ['running', 'succeeded', 'failed', 'aborted'] as const;

export type SyncRunKind = (typeof SYNC_RUN_KINDS)[number];
export type SyncRunTrigger = (typeof SYNC_RUN_TRIGGERS)[number];
export type SyncRunStatus = (typeof SYNC_RUN_STATUSES)[number];

export interface SyncRunError {
  /** stable code: an AdapterError code (HTTP_TIMEOUT, PG_08006), or one of the hub's (INTERNAL_ERROR, ABANDONED) */
  code: string;
  message: string;
  entityType?: string;
  externalId?: string;
  retryable?: boolean;
}

export interface StartSyncRun {
  system: string;
  /** null: the run covers every entity type of the system */
  entityType?: string | null;
  kind: SyncRunKind;
  trigger: SyncRunTrigger;
  /** who asked for it (actor label) for manual runs */
  triggeredBy?: string | null;
  details?: Record<string, unknown>;
}

export interface FinishSyncRun {
  status: Exclude<SyncRunStatus, 'running'>;
  /** records read from the system (or, for a batch window, changes considered) */
  seen?: number;
  /** new inbox events (pulls) or outbound changes sent (batch windows) */
  queued?: number;
  /**
   * Set by runs that know their outcome themselves (batch windows). Left out by pulls: their changed and
   * rejected counts come from what the pipeline did with the events they queued (see SyncRunView).
   */
  changed?: number;
  rejected?: number;
  errors?: SyncRunError[];
  /** merged into the details given at start */
  details?: Record<string, unknown>;
}

export interface SyncRunView {
  id: string;
  system: string;
  entityType: string | null;
  kind: SyncRunKind;
  trigger: SyncRunTrigger;
  status: SyncRunStatus;
  startedAt: Date;
  finishedAt: Date | null;
  durationMs: number | null;
  seen: number;
  queued: number;
  /** events of this run the pipeline applied (or the count the run reported) */
  changed: number;
  /** events of this run the pipeline rejected (or the count the run reported) */
  rejected: number;
  /** events of this run still waiting in the inbox: changed and rejected are final when this is 0 */
  pending: number;
  errors: SyncRunError[];
  details: Record<string, unknown>;
  triggeredBy: string | null;
}

export interface ListSyncRunsArgs {
  system?: string | null;
  entityType?: string | null;
  kind?: string | null;
  status?: string | null;
  first?: number | null;
  after?: string | null;
}
