import { Injectable } from '@nestjs/common';
import { SyncRunRepository } from './sync-run.repository';
import type { CompletedSyncRun, FinishSyncRun, StartSyncRun } from './sync-run.types';

/**
 * Writes sync runs. Exported for other modules: the delivery worker records each batch window with
 * `record()` (or `start()` + `finish()` around it). Reads are in SyncRunQueryService; the SQL in SyncRunRepository.
 */
@Injectable()
export class SyncRunService {
  constructor(private readonly runs: SyncRunRepository) {}

  /** Records a run as started (status running) and returns its id. */
  start(run: StartSyncRun): Promise<string> {
    return this.runs.start(run);
  }

  /** Ends a running run; a run already ended is left as it is (the first outcome stands). */
  finish(id: string, outcome: FinishSyncRun): Promise<void> {
    return this.runs.finish(id, outcome);
  }

  /** A whole run reported after the fact (a batch window that knows its own counts). Returns its id. */
  record(run: CompletedSyncRun): Promise<string> {
    return this.runs.record(run);
  }

  /** Remembers which inbox events a run created, so its changed / rejected counts can follow the pipeline. */
  linkEvents(runId: string, system: string, eventIds: string[]): Promise<void> {
    return this.runs.linkEvents(runId, system, eventIds);
  }

  /** Fails runs a dead replica left `running` (called by the next holder of the job's lock). */
  failAbandoned(system: string, entityType: string, kind: StartSyncRun['kind'], exceptId: string): Promise<void> {
    return this.runs.failAbandoned(system, entityType, kind, exceptId);
  }

  /** Makes changed / rejected final for ended runs whose events are all processed; returns how many it settled. */
  settle(): Promise<number> {
    return this.runs.settle();
  }

  /** Deletes ended runs older than the retention period (HUB_RETENTION_DAYS). */
  prune(retentionDays: number): Promise<void> {
    return this.runs.prune(retentionDays);
  }
}
