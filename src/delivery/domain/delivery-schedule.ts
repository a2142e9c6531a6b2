import { CronTime } from 'cron';
import type { SystemConfig } from '../../config/hub-config.schema';

/** Delayed sync windows are read in UTC, so every replica and every host computes the same window. */
export const SCHEDULE_TIME_ZONE = 'UTC';

const cache = new Map<string, CronTime>();

/** The next window of a `schedule: { cron }` strictly after `from`. */
export function nextWindow(cron: string, from: Date): Date {
  let time = cache.get(cron);
  if (!time) {
    time = new CronTime(cron, SCHEDULE_TIME_ZONE);
    cache.set(cron, time);
  }
  return time.getNextDateFrom(from, SCHEDULE_TIME_ZONE).toJSDate();
}

/** The batch window a new change for this system waits for: its next cron occurrence, or null outside batch mode. */
export function windowFor(system: SystemConfig, now: Date): Date | null {
  return system.schedule ? nextWindow(system.schedule.cron, now) : null;
}

/** When a new change for this system may first be sent: now, or its next window in batch mode. */
export function firstAttemptAt(system: SystemConfig, now: Date): Date {
  return windowFor(system, now) ?? now;
}
