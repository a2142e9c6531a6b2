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
 * detection over every live record of one entity type, one batch per transaction, with progress through the jobs
 * API (processed counts records; the second pass, over blocks, adds suspects but no records).
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

  /**
   * Two passes, one cursor: first every live record in id order (its keys rewritten, its trigram keys probed, its open
   * pairs rescored), then every equality block in key order, each pair sharing one scored once. Probing each record's
   * keys one index lookup at a time cost more than the rest of the scan together (bench §9); reading the blocks in
   * key order is one walk of match_block's primary key.
   */
  async runBatch(m: EntityManager, job: JobRecord, cursor: string | null, size: number, _steps: BatchSteps): Promise<JobBatch> {
    if (cursor === null || !cursor.startsWith(BLOCKS)) {
      const rows: { id: string }[] = await m.query(
        `SELECT id FROM golden_record WHERE entity_type = $1 AND NOT deleted AND ($2::uuid IS NULL OR id > $2::uuid) ORDER BY id LIMIT $3`,
        [entityTypeOf(job), cursor, size],
      );
      if (rows.length === 0) return { processed: 0, changed: 0, nextCursor: BLOCKS };
      const found = await this.detection.findSuspectsFor(m, rows.map((r) => r.id), 'trigram');
      return { processed: rows.length, changed: found.stored, nextCursor: rows.length < size ? BLOCKS : rows[rows.length - 1].id };
    }
    const after = cursor === BLOCKS ? null : cursor.slice(BLOCKS.length + 1);
    // About as many keys as `size` records carry (the demo's contact rules: 7 each), so a batch stays short.
    const found = await this.detection.findBlockSuspects(m, entityTypeOf(job), after, size * 16);
    return { processed: 0, changed: found.stored, nextCursor: found.next === null ? null : `${BLOCKS}:${found.next}` };
  }
}

/** The cursor of the second pass: `blocks` at its start, then `blocks:<last key read>`. */
const BLOCKS = 'blocks';

function entityTypeOf(job: Pick<JobRecord, 'id' | 'params'>): string {
  const { entityType } = job.params;
  if (typeof entityType !== 'string') throw new Error(`job ${job.id}: malformed suspect-scan parameters ${JSON.stringify(job.params)}`);
  return entityType;
}
