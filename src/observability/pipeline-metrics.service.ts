import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PipelineHooks } from '../golden-records/pipeline/pipeline-hooks';
import type { EventOutcome, GoldenChange } from '../golden-records/pipeline/pipeline.types';
import { MetricsService } from './metrics.service';
import { withTimeout } from './timeout';

const LABEL_QUERY_TIMEOUT_MS = 5_000;

/**
 * Feeds the pipeline counters from its after-commit hook. Outcomes carry neither the sending system nor the
 * conflicts the batch recorded, so one grouped query per batch (by primary key, and by golden id on the
 * conflict index) labels them after the commit, off the worker's path: the hook must not block or throw.
 */
@Injectable()
export class PipelineMetricsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('metrics');
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly hooks: PipelineHooks,
    private readonly metrics: MetricsService,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.hooks.onCommitted(this);
  }

  /**
   * Labelling queries still running must finish before the database connection closes. Not in
   * beforeApplicationShutdown: the inbox workers (a global module, so shut down after this one) may still
   * commit a last batch there; by onApplicationShutdown they have stopped, and TypeORM (global too) closes
   * its pool after this hook.
   */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  onBatchCommitted(outcomes: EventOutcome[], changes: GoldenChange[], durationMs: number): void {
    // The workers poll with empty batches while idle; those are not work and would drown the histogram.
    if (outcomes.length === 0) return;
    this.metrics.batchDuration.observe(durationMs / 1000);
    for (const c of changes) if (!c.correctionOnly) this.metrics.goldenVersions.inc({ entity_type: c.golden.entityType });
    const labelled: Promise<void> = this.countLabelled(outcomes)
      .catch((err: Error) => {
        this.metrics.errors.inc({ source: 'batch_labels' });
        this.logger.warn(`could not label a batch of ${outcomes.length} events: ${err.message}`);
      })
      .finally(() => this.inFlight.delete(labelled));
    this.inFlight.add(labelled);
  }

  private async countLabelled(outcomes: EventOutcome[]): Promise<void> {
    const eventIds = outcomes.map((o) => o.id);
    const goldenIds = [...new Set(outcomes.flatMap((o) => (o.goldenId ? [o.goldenId] : [])))];
    const rows: { kind: string; label: string; status: string; n: string }[] = await withTimeout(
      this.dataSource.query(
        `SELECT 'event' AS kind, system AS label, status, count(*) AS n
           FROM inbox_event WHERE id = ANY($1::bigint[]) AND status <> 'pending' GROUP BY system, status
         UNION ALL
         SELECT 'conflict', entity_type, status, count(*)
           FROM conflict WHERE golden_id = ANY($2::uuid[]) AND event_id = ANY($1::bigint[]) GROUP BY entity_type, status`,
        [eventIds, goldenIds],
      ),
      LABEL_QUERY_TIMEOUT_MS,
      'batch labelling query',
    );
    for (const r of rows) {
      if (r.kind === 'event') this.metrics.inboxEvents.inc({ system: r.label, status: r.status }, Number(r.n));
      else this.metrics.conflicts.inc({ entity_type: r.label, status: r.status }, Number(r.n));
    }
  }
}
