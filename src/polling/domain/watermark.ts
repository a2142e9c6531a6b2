import { DateTime } from 'luxon';

/**
 * The polling watermark: the highest (updated-at, id) a poll has durably written to the inbox.
 * Plain TypeScript, no Nest or TypeORM. Instants are handled in microseconds because PostgreSQL systems
 * keep microseconds: a watermark rounded to JavaScript milliseconds would move by up to 999 µs, and
 * rounding up would skip rows.
 */
export interface WatermarkPosition {
  /** ISO 8601 instant as the system gave it (may carry microseconds) */
  updatedAt: string;
  /** external id of the last record at that instant; ties on updatedAt are broken by id */
  lastId: string;
}

const FRACTION = /(T\d{2}:\d{2}:\d{2})(?:[.,](\d+))?/;

/** Microseconds since the epoch; undefined when `iso` is not an ISO 8601 date-time. Digits past µs are dropped (floor). */
export function isoToMicros(iso: string): bigint | undefined {
  const m = FRACTION.exec(iso);
  // Whole seconds through luxon (offsets, zones), the fraction by hand: luxon keeps milliseconds only.
  const whole = m ? iso.replace(FRACTION, '$1') : iso;
  const parsed = DateTime.fromISO(whole, { zone: 'utc' });
  if (!parsed.isValid) return undefined;
  const fraction = (m?.[2] ?? '').slice(0, 6).padEnd(6, '0');
  return BigInt(parsed.toMillis()) * 1000n + BigInt(fraction);
}

/** Microseconds since the epoch → `YYYY-MM-DDTHH:mm:ss.ffffffZ`. */
export function microsToIso(micros: bigint): string {
  // Floor division, so instants before 1970 keep a non-negative sub-millisecond part.
  let millis = micros / 1000n;
  let rest = micros % 1000n;
  if (rest < 0n) {
    rest += 1000n;
    millis -= 1n;
  }
  const base = new Date(Number(millis)).toISOString(); // …ss.mmmZ
  return `${base.slice(0, -1)}${rest.toString().padStart(3, '0')}Z`;
}

/** Orders positions as the adapters list records: by instant, then by id in code-unit order ("C" collation). */
export function comparePositions(a: WatermarkPosition, b: WatermarkPosition): number {
  const am = isoToMicros(a.updatedAt);
  const bm = isoToMicros(b.updatedAt);
  if (am === undefined || bm === undefined) throw new Error(`not an ISO 8601 instant: ${am === undefined ? a.updatedAt : b.updatedAt}`);
  if (am !== bm) return am < bm ? -1 : 1;
  return a.lastId < b.lastId ? -1 : a.lastId > b.lastId ? 1 : 0;
}

export function maxPosition(a: WatermarkPosition | null, b: WatermarkPosition | null): WatermarkPosition | null {
  if (!a) return b;
  if (!b) return a;
  return comparePositions(a, b) >= 0 ? a : b;
}

/** The highest position among records that carry a usable updated-at; null when none does. */
export function highestPosition(records: { externalId: string; updatedAt?: string }[]): WatermarkPosition | null {
  let best: WatermarkPosition | null = null;
  for (const r of records) {
    if (r.updatedAt === undefined || isoToMicros(r.updatedAt) === undefined) continue;
    best = maxPosition(best, { updatedAt: r.updatedAt, lastId: r.externalId });
  }
  return best;
}

export interface PollStartInput {
  watermark: WatermarkPosition | null;
  /** re-read window before the watermark, in milliseconds */
  overlapMs: number;
  /** poll.initialSince: where a first run starts (ISO date or date-time) */
  initialSince?: string;
  /** a full re-pull ignores the watermark */
  full?: boolean;
}

/**
 * Where a run starts listing (inclusive). Always a plain `since`, never `afterId`: re-reading the rows at
 * the watermark instant costs a few duplicate inbox inserts (skipped by their deterministic event ids),
 * while a strict (updatedAt, id) resume would lose a row that commits late with an id below lastId.
 * Inside one run, pages are chained by the adapter's cursor, which is the strict tuple.
 */
export function pollStart(input: PollStartInput): string | null {
  if (input.full) return null;
  if (!input.watermark) {
    if (input.initialSince === undefined) return null;
    const since = DateTime.fromISO(input.initialSince, { zone: 'utc' });
    if (!since.isValid) throw new Error(`initialSince "${input.initialSince}" is not an ISO 8601 date or date-time`);
    return since.toUTC().toISO();
  }
  const micros = isoToMicros(input.watermark.updatedAt);
  if (micros === undefined) throw new Error(`watermark "${input.watermark.updatedAt}" is not an ISO 8601 instant`);
  return microsToIso(micros - BigInt(Math.max(0, Math.round(input.overlapMs))) * 1000n);
}
