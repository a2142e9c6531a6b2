import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { HubConfigService } from '../../config/hub-config.service';
import { JobHandlerRegistry } from '../../jobs/job-handler.registry';
import type { BatchSteps, JobBatch, JobHandler, JobRecord } from '../../jobs/job.types';
import { PipelineHooks } from '../pipeline/pipeline-hooks';
import { recomputeBatch } from './recompute-batch';
import { countLiveGolden } from './recompute.repository';

export const RECOMPUTE_JOB = 'recompute';

export interface RecomputeParams {
  entityType: string;
  fields: string[];
}

/**
 * The `recompute` job kind: re-decides the golden records of one entity type under the survivorship rules in force,
 * in batches keyed by golden id. Its cursor is the last golden id of the last committed batch.
 */
@Injectable()
export class RecomputeJobHandler implements JobHandler {
  readonly kind = RECOMPUTE_JOB;

  constructor(
    registry: JobHandlerRegistry,
    private readonly config: HubConfigService,
    private readonly hooks: PipelineHooks,
  ) {
    registry.register(this);
  }

  /** A replica that has not activated the version the job was made for would decide under the old rules: it waits. */
  async ready(job: JobRecord): Promise<boolean> {
    const wanted = job.configVersion ?? 0;
    if (this.config.current().version >= wanted) return true;
    await this.config.refresh();
    return this.config.current().version >= wanted;
  }

  total(m: EntityManager, job: JobRecord): Promise<number> {
    return countLiveGolden(m, paramsOf(job).entityType);
  }

  async runBatch(m: EntityManager, job: JobRecord, cursor: string | null, size: number, steps: BatchSteps): Promise<JobBatch> {
    const params = paramsOf(job);
    const active = this.config.current();
    const entityType = Object.hasOwn(active.entityTypes, params.entityType) ? active.entityTypes[params.entityType] : undefined;
    if (!entityType) throw new Error(`entity type ${params.entityType} is not in configuration version ${active.version} any more`);
    const result = await recomputeBatch(m, {
      entityType, fields: params.fields, configVersion: job.configVersion ?? active.version, jobId: job.id, after: cursor, size, steps,
      onChanges: async (manager, changes) => {
        for (const l of this.hooks.inTransaction) await l.onGoldenChanges(manager, changes);
      },
    });
    return { processed: result.processed, changed: result.changed, nextCursor: result.processed < size ? null : result.last };
  }
}

export function paramsOf(job: Pick<JobRecord, 'id' | 'params'>): RecomputeParams {
  const { entityType, fields } = job.params;
  if (typeof entityType !== 'string' || !Array.isArray(fields) || !fields.every((f) => typeof f === 'string')) {
    throw new Error(`job ${job.id}: malformed recompute parameters ${JSON.stringify(job.params)}`);
  }
  return { entityType, fields: fields };
}
