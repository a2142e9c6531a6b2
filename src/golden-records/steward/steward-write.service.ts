import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Actor, actorLabel } from '../../admin/auth/actor';
import { AuditService } from '../../admin/audit/audit.service';
import { HubConfigService } from '../../config/hub-config.service';
import { PipelineHooks } from '../pipeline/pipeline-hooks';
import { StewardTx } from './steward-tx';

/** deadlock_detected, serialization_failure: a concurrent batch won a race; the whole action is simply retried. */
const RETRYABLE_SQLSTATES = new Set(['40P01', '40001']);
const MAX_ATTEMPTS = 4;

/**
 * Runs one steward action as one transaction: the action locks and decides through a StewardTx, then its versions,
 * follow-up statements, match keys, outbox rows (the pipeline's in-transaction hooks) and audit rows are written
 * before the commit, so either all of it happens or none of it.
 */
@Injectable()
export class StewardWriteService {
  constructor(
    private readonly db: DataSource,
    private readonly config: HubConfigService,
    private readonly hooks: PipelineHooks,
    private readonly auditLog: AuditService,
  ) {}

  async run<T>(actor: Actor, action: (tx: StewardTx) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction('READ COMMITTED', async (m) => {
          const active = this.config.current();
          const tx = new StewardTx(m, actorLabel(actor), active.entityTypes, (system) => active.config.systems[system]?.onMerge ?? 'keep');
          const result = await action(tx);
          await tx.flush(
            async (manager, changes) => {
              for (const l of this.hooks.inTransaction) await l.onGoldenChanges(manager, changes);
            },
            (entry, manager) => this.auditLog.record(entry, manager),
          );
          return result;
        });
      } catch (err) {
        const e = err as { driverError?: { code?: string }; code?: string };
        const code = e.driverError?.code ?? e.code;
        if (code && RETRYABLE_SQLSTATES.has(code) && attempt < MAX_ATTEMPTS) continue;
        throw err;
      }
    }
  }
}
