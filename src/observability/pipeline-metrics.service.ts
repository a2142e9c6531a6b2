import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PipelineHooks } from '../golden-records/pipeline/pipeline-hooks';
import type { CommittedBatch } from '../golden-records/pipeline/pipeline.types';
import { MetricsService } from './metrics.service';

/** Feeds the pipeline counters from its after-commit hook, from what the batch reports: no query, cannot throw. */
@Injectable()
export class PipelineMetricsService implements OnModuleInit {
  constructor(
    private readonly hooks: PipelineHooks,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    this.hooks.onCommitted(this);
  }

  onBatchCommitted({ outcomes, changes, conflicts, durationMs }: CommittedBatch): void {
    // The workers poll with empty batches while idle; those are not work and would drown the histogram.
    if (outcomes.length === 0) return;
    this.metrics.batchDuration.observe(durationMs / 1000);
    for (const c of changes) if (!c.correctionOnly) this.metrics.goldenVersions.inc({ entity_type: c.golden.entityType });
    for (const [labels, n] of tally(outcomes.map((o) => ({ system: o.system, status: o.status })))) this.metrics.inboxEvents.inc(labels, n);
    // Webhooks (single or batched): the hop an operator promises senders. Polls wait for their schedule, so they are not counted.
    const now = Date.now();
    for (const o of outcomes) {
      if (o.status !== 'applied' || !o.receivedAt || (o.origin !== 'webhook' && o.origin !== 'batch')) continue;
      this.metrics.webhookToApplied.observe({ system: o.system }, Math.max(0, now - Date.parse(o.receivedAt)) / 1000);
    }
    for (const [labels, n] of tally(conflicts.map((c) => ({ entity_type: c.entityType, status: c.status })))) this.metrics.conflicts.inc(labels, n);
  }
}

/** Counts equal label sets, so a batch of 500 makes a handful of counter increments instead of 500. */
function tally<L extends Record<string, string>>(items: L[]): [L, number][] {
  const counts = new Map<string, [L, number]>();
  for (const labels of items) {
    const key = Object.values(labels).join('\u0000');
    const seen = counts.get(key);
    if (seen) seen[1]++;
    else counts.set(key, [labels, 1]);
  }
  return [...counts.values()];
}
