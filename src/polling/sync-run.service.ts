import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  failAbandonedSyncRuns, finishSyncRun, insertSyncRun, linkSyncRunEvents, pruneSyncRuns, settleSyncRuns,
} from './sync-run.repository';
import type { FinishSyncRun, StartSyncRun, SyncRunError } from './sync-run.types';

/**
 * The run log of polls, refreshes and reconciliations, each statement autocommitted (a run is visible while it
 * runs). Batch windows write their runs in their own transactions through sync-run.repository.ts. Reads are in
 * SyncRunQueryService.
 */
@Injectable()
export class SyncRunService {
  constructor(private readonly db: DataSource) {}

  /** Records a run as started (status running) and returns its id. */
  start(run: StartSyncRun): Promise<string> {
    return insertSyncRun(this.db.manager, run);
  }

  /** Ends a running run; a run already ended is left as it is (the first outcome stands). */
  finish(id: string, outcome: FinishSyncRun): Promise<void> {
    return finishSyncRun(this.db.manager, id, outcome);
  }

  /** Remembers which inbox events a run created, so its changed / rejected counts can follow the pipeline. */
  linkEvents(runId: string, system: string, eventIds: string[]): Promise<void> {
    return linkSyncRunEvents(this.db.manager, runId, system, eventIds);
  }

  /**
   * A run left `running` by a replica that died holds no lock any more; the next holder of the job's lock
   * calls this so the run does not stay open forever.
   */
  failAbandoned(system: string, entityType: string, kind: StartSyncRun['kind'], exceptId: string): Promise<void> {
    const error: SyncRunError = { code: 'ABANDONED', message: 'the replica running it stopped before it finished' };
    return failAbandonedSyncRuns(this.db.manager, { system, entityType, kind }, exceptId, error);
  }

  /** Settles the counts of ended runs whose events the pipeline has all processed; returns how many. */
  settle(): Promise<number> {
    return settleSyncRuns(this.db.manager);
  }

  /** Deletes ended runs older than the retention period (HUB_RETENTION_DAYS); their event links go with them. */
  prune(retentionDays: number): Promise<void> {
    return pruneSyncRuns(this.db.manager, retentionDays);
  }
}
