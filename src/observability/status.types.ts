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
  /** newest successful sync: a finished sync run or an applied inbox event, whichever is later */
  lastSync: { at: string; source: 'sync_run' | 'inbox' } | null;
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
    total: number;
  };
  queue: {
    /** events received from this system, not processed yet */
    inboxPending: number;
    oldestPendingAt: string | null;
    /** outbox rows to this system waiting (pending, in flight, paused); null when the outbox does not exist */
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
}

export interface EntityTypeTotals {
  entityType: string;
  live: number;
  deleted: number;
  versions: number;
  openConflicts: number;
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
  /** which optional tables were found: the outbox (delivery) and sync runs (polling) */
  features: { outbox: boolean; syncRuns: boolean };
  /** sections that could not be computed this time (the rest of the report is still right) */
  warnings: string[];
}
