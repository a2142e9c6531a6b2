import { ValidationError } from '../common/domain-error';
import { uuidFilter } from '../common/page-cursor';
import { CONFLICT_AGES, CONFLICT_STATUSES, type ConflictAge, type ConflictFilter, type ConflictStatus } from './conflict.types';
import type { ConflictErrorCode } from './conflicts.errors';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Age buckets, newest first, as [from, to) offsets before now. They do not overlap, so the inbox's age counts add
 * up to the total and a steward can work through "older than a week" without seeing fresher conflicts in it.
 */
const AGE_BOUNDS: Record<ConflictAge, [maxAgeMs: number | null, minAgeMs: number]> = {
  hour: [HOUR, 0],
  day: [DAY, HOUR],
  week: [7 * DAY, DAY],
  older: [null, 7 * DAY],
};

export interface SqlConditions {
  where: string[];
  params: unknown[];
}

/** The filter as it arrives from either transport, checked: unknown status or age values are refused with the field. */
export function checkConflictFilter(input: Partial<Record<keyof ConflictFilter, string | null | undefined>>): ConflictFilter {
  const filter: ConflictFilter = {};
  if (present(input.goldenRecordId)) filter.goldenRecordId = uuidFilter('goldenRecordId', input.goldenRecordId) as string;
  if (present(input.status)) filter.status = oneOf('status', input.status, CONFLICT_STATUSES, 'INVALID_CONFLICT_STATUS') as ConflictStatus;
  if (present(input.age)) filter.age = oneOf('age', input.age, CONFLICT_AGES, 'INVALID_CONFLICT_AGE') as ConflictAge;
  if (present(input.entityType)) filter.entityType = input.entityType;
  if (present(input.field)) filter.field = input.field;
  if (present(input.system)) filter.system = input.system;
  return filter;
}

/**
 * SQL conditions (over the conflict table) for a filter, numbering parameters after `params`. `without` leaves one
 * dimension out: a facet counts its own values under every other filter, so choosing "field = phone" still shows
 * how many conflicts the other fields have.
 */
export function conflictConditions(filter: ConflictFilter, now: Date, without?: keyof ConflictFilter, params: unknown[] = []): SqlConditions {
  const where: string[] = [];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (filter.goldenRecordId && without !== 'goldenRecordId') add((n) => `golden_id = ${n}::uuid`, filter.goldenRecordId);
  if (filter.status && without !== 'status') add((n) => `status = ${n}`, filter.status);
  if (filter.entityType && without !== 'entityType') add((n) => `entity_type = ${n}`, filter.entityType);
  if (filter.field && without !== 'field') add((n) => `field = ${n}`, filter.field);
  // A system is in a conflict when it is one of the candidates (JSONB containment on the candidate list).
  if (filter.system && without !== 'system') add((n) => `candidates @> ${n}::jsonb`, JSON.stringify([{ system: filter.system }]));
  if (filter.age && without !== 'age') {
    const [from, to] = ageRange(filter.age, now);
    if (from) add((n) => `created_at >= ${n}::timestamptz`, from.toISOString());
    if (to) add((n) => `created_at < ${n}::timestamptz`, to.toISOString());
  }
  return { where, params };
}

/** The instants bounding an age bucket, [from, to); null where the bucket is open-ended. */
export function ageRange(age: ConflictAge, now: Date): [Date | null, Date | null] {
  const [maxAge, minAge] = AGE_BOUNDS[age];
  return [maxAge === null ? null : new Date(now.getTime() - maxAge), minAge === 0 ? null : new Date(now.getTime() - minAge)];
}

function present(v: string | null | undefined): v is string {
  return v !== undefined && v !== null && v !== '';
}

function oneOf(path: string, value: string, allowed: readonly string[], code: ConflictErrorCode): string {
  if (!allowed.includes(value)) {
    throw new ValidationError(code, `${path} must be one of ${allowed.join(', ')}`, [
      { path, message: `must be one of ${allowed.join(', ')}`, value },
    ]);
  }
  return value;
}
