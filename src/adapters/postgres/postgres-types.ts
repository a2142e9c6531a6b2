import pg from 'pg';

/**
 * Column values are returned as text where JavaScript types would lose information: `date` stays
 * yyyy-MM-dd (a Date would be local midnight), timestamps keep their microseconds (a Date keeps
 * milliseconds, and a watermark rounded down would re-read rows sharing that millisecond).
 * Sessions run with TimeZone=UTC, so timestamptz text ends in +00.
 */
const OID_DATE = 1082;
const OID_TIMESTAMP = 1114;
const OID_TIMESTAMPTZ = 1184;

const parsers = new Map<number, (value: string) => unknown>([
  [OID_DATE, (value) => value],
  [OID_TIMESTAMP, (value) => value.replace(' ', 'T')],
  [OID_TIMESTAMPTZ, timestamptzToIso],
]);

/** 2024-01-01 09:30:00.123456+00 → 2024-01-01T09:30:00.123456Z; infinity and BC dates pass unchanged. */
export function timestamptzToIso(value: string): string {
  const m = /^(\d{4,}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)([+-])(\d{2})(?::(\d{2}))?(?::(\d{2}))?$/.exec(value);
  if (!m) return value;
  const [, date, time, sign, hours, minutes = '00', seconds] = m;
  if (hours === '00' && minutes === '00' && seconds === undefined) return `${date}T${time}Z`;
  return `${date}T${time}${sign}${hours}:${minutes}${seconds ? `:${seconds}` : ''}`;
}

export const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    const parser = format === 'binary' ? undefined : parsers.get(oid);
    return parser ?? (pg.types.getTypeParser(oid, format as 'text') as (value: string) => unknown);
  }) as pg.CustomTypesConfig['getTypeParser'],
};
