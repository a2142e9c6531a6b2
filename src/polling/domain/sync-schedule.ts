import ms from 'ms';
import type { HubConfig, SystemConfig, SystemEntityConfig } from '../../config/hub-config.schema';

/**
 * Which scheduled jobs the configuration asks for. Plain TypeScript: the scheduler diffs two lists of
 * these on every configuration change and touches only the jobs whose signature changed.
 */
export type ScheduledJobKind = 'poll' | 'reconcile';

export interface ScheduledJob {
  /** unique and stable: `poll:A:contact`; also the job's name in the SchedulerRegistry */
  key: string;
  kind: ScheduledJobKind;
  system: string;
  entityType: string;
  /** fixed interval in milliseconds, or a cron expression (UTC) */
  everyMs?: number;
  cron?: string;
}

/**
 * Daily full compare for every system the hub can list completely. The configuration schema has no
 * setting for it yet; 03:17 UTC keeps it off the top of the hour, when batch windows tend to run.
 */
export const RECONCILE_CRON = '17 3 * * *';

/** Default re-read window before the watermark, for clock skew and transactions that commit late. */
export const DEFAULT_OVERLAP = '60s';
export const DEFAULT_PAGE_SIZE = 500;

export function isInbound(system: SystemConfig, entity: SystemEntityConfig): boolean {
  return (entity.direction ?? system.direction) !== 'out';
}

/** Only adapters that can list a system's records take part; `webhook` subscribers are outbound only. */
export function canPull(system: SystemConfig): boolean {
  return system.adapter !== undefined && system.adapter.type !== 'webhook' && system.direction !== 'out';
}

export function scheduledJobs(config: HubConfig): ScheduledJob[] {
  const jobs: ScheduledJob[] = [];
  for (const [systemKey, system] of Object.entries(config.systems)) {
    if (!canPull(system)) continue;
    for (const [entityType, mapping] of Object.entries(system.entities)) {
      if (!isInbound(system, mapping)) continue;
      const poll = system.poll;
      if (poll?.every !== undefined || poll?.cron !== undefined) {
        jobs.push({
          key: `poll:${systemKey}:${entityType}`,
          kind: 'poll',
          system: systemKey,
          entityType,
          ...(poll.every !== undefined ? { everyMs: ms(poll.every as ms.StringValue) } : { cron: poll.cron }),
        });
      }
      jobs.push({ key: `reconcile:${systemKey}:${entityType}`, kind: 'reconcile', system: systemKey, entityType, cron: RECONCILE_CRON });
    }
  }
  return jobs;
}

/** Two jobs with one signature need no re-registration. */
export function jobSignature(job: ScheduledJob): string {
  return job.everyMs !== undefined ? `${job.key}|every:${job.everyMs}` : `${job.key}|cron:${job.cron}`;
}

export function diffJobs(registered: Map<string, string>, wanted: ScheduledJob[]): { remove: string[]; add: ScheduledJob[] } {
  const wantedByKey = new Map(wanted.map((j) => [j.key, j]));
  const remove: string[] = [];
  for (const [key, signature] of registered) {
    const next = wantedByKey.get(key);
    if (!next || jobSignature(next) !== signature) remove.push(key);
  }
  const add = wanted.filter((j) => registered.get(j.key) !== jobSignature(j));
  return { remove, add };
}

export function overlapMs(system: SystemConfig): number {
  return ms((system.poll?.overlap ?? DEFAULT_OVERLAP) as ms.StringValue);
}
