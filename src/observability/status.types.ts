import type { HealthReport } from './health.service';

export interface Percentiles {
  p50Ms: number | null;
  p95Ms: number | null;
  samples: number;
}

export interface SystemStatus {
  key: string;
  name: string;
  direction: 'in' | 'out' | 'both';
  entityTypes: string[];
  /** newest successful sync: a finished sync run, an applied inbox event or an acknowledged delivery, whichever is later */
  lastSync: { at: string; source: 'sync_run' | 'inbox' | 'delivery' } | null;
  /** the newest sync run (poll, refresh, reconcile), when sync runs are recorded */
  lastRun: { entityType: string | null; kind: string | null; status: string; startedAt: string | null; finishedAt: string | null } | null;
  records: {
    /** inbox events from this system applied in the last 24 h */
    applied24h: number;
    /** this system's records linked to a golden record (cross-references) */
    linked: number;
  };
  errors24h: {
    rejected: number;
    failed: number;
    /** sync runs failed or aborted (mass-delete guard); null when sync runs are not recorded */
    failedRuns: number | null;
    /** deliveries to this system in dead letters now (not only the last 24 h); null when the outbox does not exist */
    deadDeliveries: number | null;
    /** deliveries to this system failing now: still on their way after a failed attempt; null without the outbox */
    failingDeliveries: number | null;
    total: number;
  };
  queue: {
    /** events received from this system, not processed yet */
    inboxPending: number;
    oldestPendingAt: string | null;
    /** outbox rows to this system waiting (pending, in flight, paused), failing ones left out; null when the outbox does not exist */
    outboxQueued: number | null;
    /** of outboxQueued, records held by the circuit breaker until someone resumes them */
    outboxPaused: number | null;
    total: number;
  };
  /** open conflicts of the entity types this system maps (a conflict counts for every system mapping its type) */
  openConflicts: number;
  executionTime: {
    /** receive → processed latency of this system's inbox events, last hour */
    events: Percentiles;
    /** sync run durations, last hour; null when sync runs are not recorded */
    syncRuns: Percentiles | null;
  };
  /** the console's lists behind the numbers (its systems page, one anchor per list) */
  links: SystemLinks;
  /** the API lists those console lists show */
  apiLists: SystemLinks;
}

export interface SystemLinks {
  failingDeliveries: string;
  deadLetters: string;
  syncRuns: string;
  rejectedEvents: string;
}

export interface OpenAlertStatus {
  id: string;
  rule: string;
  subject: string;
  message: string;
  openedAt: string;
}

export interface ThroughputBucket {
  at: string;
  applied: number;
  delivered: number;
}

export interface EntityTypeTotals {
  entityType: string;
  live: number;
  deleted: number;
  versions: number;
  openConflicts: number;
}

/** A job (a recompute after a rule change): the open ones, and those that ended in the last 24 h. */
export interface JobStatus {
  id: string;
  kind: string;
  /** what it is about (a recompute: the entity type) */
  key: string;
  status: string;
  processed: number;
  total: number | null;
  changed: number;
  /** processed / total, 0 to 1; null before the total is counted */
  progress: number | null;
  lastError: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  heartbeatAt: string | null;
}

export interface StatusReport {
  generatedAt: string;
  configVersion: number;
  health: HealthReport;
  hub: {
    goldenRecords: number;
    versions: number;
    openConflicts: number;
    inboxPending: number;
    entityTypes: EntityTypeTotals[];
  };
  systems: SystemStatus[];
  /** open jobs first, then those that ended in the last 24 h; null when jobs are not recorded */
  jobs: JobStatus[] | null;
  /** open alerts, oldest first; null when alerts are not recorded */
  alerts: OpenAlertStatus[] | null;
  /** changes applied and deliveries acknowledged over the last hour, 5-minute buckets oldest first */
  throughput: ThroughputBucket[];
  /** which optional tables were found: the outbox (delivery), sync runs (polling) and jobs */
  features: { outbox: boolean; syncRuns: boolean; jobs: boolean };
  /** sections that could not be computed this time (the rest of the report is still right) */
  warnings: string[];
}
