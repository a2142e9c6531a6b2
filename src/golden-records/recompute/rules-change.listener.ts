import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ConfigVersionListener, QueuedJobRef, StoredVersion } from '../../config/config-version-hooks';
import { HubConfigService } from '../../config/hub-config.service';
import { JobsService } from '../../jobs/jobs.service';
import { RECOMPUTE_JOB } from './recompute-job.handler';
import { hasLiveGolden } from './recompute.repository';
import { recomputeTargets } from './recompute-targets';

/**
 * Queues a recompute job per entity type whose survivorship rules a new configuration version changes, in the
 * transaction that stores the version, however it is stored (the rules API, PUT /api/config, HUB_CONFIG at start).
 * A newer recompute of the same type supersedes an open older one, taking over the older one's fields (it starts
 * from the first record again, under the newest rules).
 */
@Injectable()
export class RulesChangeListener implements ConfigVersionListener {
  constructor(
    config: HubConfigService,
    private readonly jobs: JobsService,
  ) {
    // In the constructor: the file given in HUB_CONFIG is stored during HubConfigService.onModuleInit, after every
    // provider is constructed but possibly before this module's own init hooks.
    config.onVersionStored(this);
  }

  async onVersionStored(m: EntityManager, version: StoredVersion): Promise<{ jobs: QueuedJobRef[] }> {
    const jobs: QueuedJobRef[] = [];
    for (const target of recomputeTargets(version.previous, version.next)) {
      if (!(await hasLiveGolden(m, target.entityType))) continue;
      const { job } = await this.jobs.enqueue(m, {
        kind: RECOMPUTE_JOB,
        key: target.entityType,
        params: { entityType: target.entityType, fields: target.fields },
        configVersion: version.next.version,
        createdBy: version.actor,
        mergeWith: (older) => ({
          entityType: target.entityType,
          fields: [...new Set([...(Array.isArray(older.params.fields) ? (older.params.fields as string[]) : []), ...target.fields])].sort(),
        }),
      });
      jobs.push({ id: job.id, kind: job.kind, key: job.key });
    }
    return { jobs };
  }
}
