import Big from 'big.js';
import { DateTime, IANAZone, type TokenParser } from 'luxon';
import type { Converted } from './mapping.types';

/**
 * Dates and date-times between a system's form and the canonical form (date: yyyy-MM-dd; datetime: ISO 8601
 * in UTC with milliseconds). `format` is a luxon pattern in Unicode tokens or one of the keywords below;
 * `timezone` is the IANA zone the system writes local values in (UTC when not given).
 */
export const DATE_FORMAT_KEYWORDS = ['iso', 'epoch', 'epochMillis'] as const;

export interface DateOptions {
  format?: string;
  timezone?: string;
}

// Month and weekday names must not follow the server's locale, or the same config would parse differently per host.
const LOCALE = 'en-US';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const EPOCH_SECONDS = /^-?\d+(\.\d+)?$/;
const EPOCH_MILLIS = /^-?\d+$/;

type Kind = 'date' | 'datetime';

const ok = (value: unknown): Converted => ({ ok: true, value });
const fail = (kind: Kind, reason: string): Converted => ({
  ok: false, code: kind === 'date' ? 'INVALID_DATE' : 'INVALID_DATETIME', reason,
});

export function isValidTimezone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

function zoneOf(options: DateOptions): string {
  return options.timezone ?? 'utc';
}

function describe(options: DateOptions): string {
  return options.format ? `format ${options.format}` : 'ISO format';
}

/** Epoch values arrive as numbers or numeric strings; Big keeps fractional seconds exact until the final millisecond. */
function epochToMillis(raw: unknown, unit: 'epoch' | 'epochMillis'): number | undefined {
  const text = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : typeof raw === 'string' ? raw.trim() : undefined;
  if (text === undefined || !(unit === 'epoch' ? EPOCH_SECONDS : EPOCH_MILLIS).test(text)) return undefined;
  const millis = unit === 'epoch' ? new Big(text).times(1000).round(0) : new Big(text);
  const result = Number(millis.toFixed(0));
  return Number.isSafeInteger(result) ? result : undefined;
}

// Building a luxon parser compiles the pattern into a regex; patterns come from configuration, so they are few.
const PARSERS = new Map<string, TokenParser>();
function formatParser(format: string): TokenParser {
  let parser = PARSERS.get(format);
  if (!parser) {
    parser = DateTime.buildFormatParser(format, { locale: LOCALE });
    if (PARSERS.size >= 500) PARSERS.clear();
    PARSERS.set(format, parser);
  }
  return parser;
}

/** Parses a system value into a luxon DateTime, or undefined when it does not match the configured form strictly. */
function parseSystemValue(raw: unknown, kind: Kind, options: DateOptions): DateTime | undefined {
  const format = options.format;
  const zone = zoneOf(options);
  if (format === 'epoch' || format === 'epochMillis') {
    const millis = epochToMillis(raw, format);
    return millis === undefined ? undefined : DateTime.fromMillis(millis, { zone });
  }
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  if (format === undefined && kind === 'date') {
    return ISO_DATE.test(text) ? DateTime.fromISO(text, { zone }) : undefined;
  }
  if (format === undefined || format === 'iso') {
    // A date written with an offset keeps the calendar day it was written for unless a zone is configured.
    return DateTime.fromISO(text, kind === 'date' && !options.timezone ? { zone, setZone: true } : { zone });
  }
  try {
    return DateTime.fromFormatParser(text, formatParser(format), { zone, locale: LOCALE });
  } catch {
    // luxon throws for self-contradicting patterns (meridiem with 24-hour clock); that is a non-match.
    return undefined;
  }
}

function fourDigitYear(iso: string | null): iso is string {
  return iso !== null && /^\d{4}-/.test(iso);
}

export function decodeDate(raw: unknown, options: DateOptions): Converted {
  const parsed = parseSystemValue(raw, 'date', options);
  if (!parsed?.isValid) return fail('date', `is not a valid date in ${describe(options)}`);
  const iso = parsed.toISODate();
  return fourDigitYear(iso) ? ok(iso) : fail('date', 'is outside the years 0000–9999');
}

export function decodeDateTime(raw: unknown, options: DateOptions): Converted {
  const parsed = parseSystemValue(raw, 'datetime', options);
  if (!parsed?.isValid) return fail('datetime', `is not a valid date-time in ${describe(options)}`);
  const iso = parsed.toUTC().toISO();
  return fourDigitYear(iso) ? ok(iso) : fail('datetime', 'is outside the years 0000–9999');
}

/** Reads a canonical value defensively: outbound input should already be canonical, but a bad one must not crash. */
function parseCanonical(value: unknown, kind: Kind, zone: string): DateTime | undefined {
  if (typeof value !== 'string') return undefined;
  if (kind === 'date') {
    // Midnight in the system's zone: epoch values for a day are that zone's start of day.
    return ISO_DATE.test(value) ? DateTime.fromISO(value, { zone }) : undefined;
  }
  return DateTime.fromISO(value, { zone: 'utc' }).setZone(zone);
}

function render(parsed: DateTime, kind: Kind, format: string | undefined): unknown {
  switch (format) {
    case undefined:
    case 'iso':
      if (kind === 'date') return parsed.toISODate();
      return format === undefined ? parsed.toUTC().toISO() : parsed.toISO();
    case 'epoch':
      // Systems keeping seconds have no milliseconds to receive; flooring keeps the instant in the same second.
      return Math.floor(parsed.toMillis() / 1000);
    case 'epochMillis':
      return parsed.toMillis();
    default:
      return parsed.toFormat(format, { locale: LOCALE });
  }
}

export function encodeDate(value: unknown, options: DateOptions): Converted {
  const parsed = parseCanonical(value, 'date', zoneOf(options));
  if (!parsed?.isValid) return fail('date', 'is not a canonical date (yyyy-MM-dd)');
  return ok(render(parsed, 'date', options.format));
}

export function encodeDateTime(value: unknown, options: DateOptions): Converted {
  const parsed = parseCanonical(value, 'datetime', zoneOf(options));
  if (!parsed?.isValid) return fail('datetime', 'is not a canonical ISO 8601 date-time');
  return ok(render(parsed, 'datetime', options.format));
}

/** Samples spread over centuries, months and days so swapped or truncated tokens (mm for MM, yy) show up. */
const DATE_SAMPLES = ['2024-01-01', '1987-11-05', '1955-07-29', '2031-12-31', '2000-02-29', '1999-09-13'];
const DATETIME_SAMPLES = [
  '2024-03-17T14:05:00.000Z', '1987-11-05T03:41:00.000Z', '1955-07-29T23:59:00.000Z', '2031-12-31T12:00:00.000Z',
];

function unknownToken(pattern: string): string | undefined {
  const { tokens } = DateTime.fromFormatExplain('', pattern, { locale: LOCALE }) as { tokens?: { literal: boolean; val: string }[] };
  for (const token of tokens ?? []) {
    if (token.literal || !/[A-Za-z]/.test(token.val)) continue;
    // luxon treats letters it cannot parse as literal text: such a token matches itself and yields no unit.
    const probe = DateTime.fromFormatExplain(token.val, token.val, { locale: LOCALE }) as { rawMatches?: unknown; matches?: object };
    if (probe.rawMatches && Object.keys(probe.matches ?? {}).length === 0) return token.val;
  }
  return undefined;
}

/**
 * Why `format` cannot be used for a field of this kind, or undefined when it can. A pattern is accepted only
 * if every token is one luxon can parse and sample values survive format → parse unchanged (at minute
 * precision for date-times, so `MM/dd/yyyy HH:mm` is fine but a 12-hour clock without `a` is not).
 */
export function checkDatePattern(format: string, kind: Kind): string | undefined {
  if ((DATE_FORMAT_KEYWORDS as readonly string[]).includes(format)) return undefined;
  if (format.trim() === '') return 'empty date pattern';
  const token = unknownToken(format);
  if (token !== undefined) return `unknown date pattern "${format}": token "${token}" cannot be parsed`;
  const samples = kind === 'date' ? DATE_SAMPLES : DATETIME_SAMPLES;
  for (const sample of samples) {
    const encoded = kind === 'date' ? encodeDate(sample, { format }) : encodeDateTime(sample, { format });
    const decoded = encoded.ok ? (kind === 'date' ? decodeDate(encoded.value, { format }) : decodeDateTime(encoded.value, { format })) : encoded;
    if (!decoded.ok || decoded.value !== sample) {
      const shown = encoded.ok ? `"${String(encoded.value)}"` : 'nothing';
      const back = decoded.ok ? String(decoded.value) : 'an unparsable value';
      return `unknown date pattern "${format}": ${sample} is written as ${shown} and read back as ${back}`;
    }
  }
  return undefined;
}
