import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HubConfigService } from '../config/hub-config.service';
import { isInbound } from './domain/sync-schedule';
import { SyncError } from './polling.errors';
import { SyncRunQueryService } from './sync-run-query.service';
import type { SyncRunView } from './sync-run.types';
import { loadWatermarks, type StoredWatermark } from './sync-state.repository';

export interface EntitySyncStatus {
  entityType: string;
  watermark: StoredWatermark | null;
  lastSuccessAt: Date | null;
  lastRun: SyncRunView | null;
}

export interface SystemSyncStatus {
  system: string;
  pollSchedule: string | null;
  lastSuccessAt: Date | null;
  entityTypes: EntitySyncStatus[];
}

/** Per system: each inbound entity type's watermark, last successful sync and last run. */
@Injectable()
export class SyncStatusService {
  constructor(
    private readonly config: HubConfigService,
    private readonly db: DataSource,
    private readonly queries: SyncRunQueryService,
  ) {}

  async status(systemKey: string): Promise<SystemSyncStatus> {
    const systems = this.config.current().config.systems;
    const system = Object.hasOwn(systems, systemKey) ? systems[systemKey] : undefined;
    if (!system) throw new SyncError('SYSTEM_NOT_FOUND', `no system "${systemKey}" is configured`, 'not_found');
    const names = Object.entries(system.entities).filter(([, mapping]) => isInbound(system, mapping)).map(([name]) => name);
    const [watermarks, latest, lastSuccessAt] = await Promise.all([
      loadWatermarks(this.db.manager, systemKey),
      this.queries.latestBySystem(systemKey, names),
      this.queries.lastSuccessAt(systemKey),
    ]);
    const entityTypes = names.map((entityType): EntitySyncStatus => ({
        entityType,
        watermark: watermarks.get(entityType) ?? null,
        lastSuccessAt: latest.lastSuccess.get(entityType)?.finishedAt ?? null,
        lastRun: latest.last.get(entityType) ?? null,
      }));
    const poll = system.poll;
    const pollSchedule = poll?.every ? `every ${poll.every}` : poll?.cron ? `cron ${poll.cron}` : null;
    return { system: systemKey, pollSchedule, lastSuccessAt, entityTypes };
  }
}
