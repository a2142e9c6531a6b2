import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, actorLabel } from '../admin/auth/actor';
import { AuditService } from '../admin/audit/audit.service';
import { DomainError } from '../common/domain-error';
import { HubConfigService } from '../config/hub-config.service';
import { requireEntityType } from '../golden-records/read/entity-type-lookup';
import { JobHandlerRegistry } from '../jobs/job-handler.registry';
import type { BatchSteps, JobBatch, JobHandler, JobRecord } from '../jobs/job.types';
import { type JobView, JobsService, toJobView } from '../jobs/jobs.service';
import { SuspectDetectionService } from './suspect-detection.service';

export const SUSPECT_SCAN_JOB = 'suspect-scan';

/**
 * The scan over existing records: golden records written before the similarity rules were configured (or before a
 * rule change) have no blocking keys and were never compared. A job of kind `suspect-scan` runs the pipeline's own
 * detection (findSuspectsFor) over every live record of one entity type in golden-id order, one batch per
 * transaction, with progress through the jobs API. Records of a batch find each other and every record scanned
 * before them: each batch writes its keys before it probes.
 */
@Injectable()
export class SuspectScanService implements JobHandler {
  readonly kind = SUSPECT_SCAN_JOB;

  constructor(
    registry: JobHandlerRegistry,
    private readonly db: DataSource,
    private readonly config: HubConfigService,
    private readonly jobs: JobsService,
    private readonly audit: AuditService,
    private readonly detection: SuspectDetectionService,
  ) {
    registry.register(this);
  }

  /** Queues a scan of `entityType` (an open scan of it is cancelled as superseded); answers the job to follow. */
  async scan(entityType: string | undefined, actor: Actor): Promise<JobView> {
    const type = requireEntityType(this.config.current().entityTypes, entityType ?? '');
    if (!type.suspects || type.suspects.rules.length === 0) {
      throw new DomainError('SUSPECT_RULES_MISSING', `entity type ${type.name} has no similarity rules (entities.${type.name}.suspects)`, 'invalid', [
        { path: 'entityType', message: 'has no suspects rules in the configuration', value: type.name },
      ]);
    }
    const job = await this.db.transaction(async (m) => {
      const { job: queued } = await this.jobs.enqueue(m, {
        kind: SUSPECT_SCAN_JOB, key: type.name, params: { entityType: type.name }, createdBy: actorLabel(actor),
      });
      await this.audit.record({ action: 'match-suspect.scan', actor: actorLabel(actor), target: `job:${queued.id}`, after: { entityType: type.name } }, m);
      return queued;
    });
    return toJobView(job);
  }

  async total(m: EntityManager, job: JobRecord): Promise<number> {
    const rows: { n: number }[] = await m.query(
      `SELECT count(*)::int AS n FROM golden_record WHERE entity_type = $1 AND NOT deleted`, [entityTypeOf(job)],
    );
    return rows[0].n;
  }

  async runBatch(m: EntityManager, job: JobRecord, cursor: string | null, size: number, _steps: BatchSteps): Promise<JobBatch> {
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM golden_record WHERE entity_type = $1 AND NOT deleted AND ($2::uuid IS NULL OR id > $2::uuid) ORDER BY id LIMIT $3`,
      [entityTypeOf(job), cursor, size],
    );
    if (rows.length === 0) return { processed: 0, changed: 0, nextCursor: null };
    const found = await this.detection.findSuspectsFor(m, rows.map((r) => r.id));
    return { processed: rows.length, changed: found.suspects.length, nextCursor: rows.length < size ? null : rows[rows.length - 1].id };
  }
}

function entityTypeOf(job: Pick<JobRecord, 'id' | 'params'>): string {
  const { entityType } = job.params;
  if (typeof entityType !== 'string') throw new Error(`job ${job.id}: malformed suspect-scan parameters ${JSON.stringify(job.params)}`);
  return entityType;
}
