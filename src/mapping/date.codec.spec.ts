import { describe, expect, it } from 'vitest';
import { checkDatePattern, decodeDate, decodeDateTime, encodeDate, encodeDateTime, isValidTimezone } from './date.codec';

describe('date codec', () => {
  it('reads and writes the seed example: 01/01/2024 (dd/MM/yyyy) ↔ 2024-01-01', () => {
    expect(decodeDate('01/01/2024', { format: 'dd/MM/yyyy' })).toEqual({ ok: true, value: '2024-01-01' });
    expect(encodeDate('2024-01-01', { format: 'dd/MM/yyyy' })).toEqual({ ok: true, value: '01/01/2024' });
    expect(decodeDate('31/12/1999', { format: 'dd/MM/yyyy' })).toEqual({ ok: true, value: '1999-12-31' });
    expect(encodeDate('1999-12-31', { format: 'MM/dd/yyyy' })).toEqual({ ok: true, value: '12/31/1999' });
  });

  it.each([
    ['31/02/2024', 'dd/MM/yyyy'],
    ['1/1/2024', 'dd/MM/yyyy'],
    ['2024-01-01', 'dd/MM/yyyy'],
    ['01/01/2024 extra', 'dd/MM/yyyy'],
    ['garbage', 'dd/MM/yyyy'],
    ['2024-02-30', undefined],
    ['2024-1-1', undefined],
    ['2024-01-01T10:00:00Z', undefined],
  ])('rejects %j for format %s instead of guessing', (raw, format) => {
    const result = decodeDate(raw, { format });
    expect(result).toMatchObject({ ok: false, code: 'INVALID_DATE' });
  });

  it('rejects non-string values for patterns and ISO', () => {
    expect(decodeDate(20240101, { format: 'yyyyMMdd' })).toMatchObject({ ok: false, code: 'INVALID_DATE' });
    expect(decodeDate({}, {})).toMatchObject({ ok: false });
  });

  it('reads iso dates with an offset on the day written, or in the configured zone', () => {
    expect(decodeDate('2024-01-01T23:30:00-05:00', { format: 'iso' })).toEqual({ ok: true, value: '2024-01-01' });
    expect(decodeDate('2024-01-01T23:30:00-05:00', { format: 'iso', timezone: 'Europe/Berlin' })).toEqual({ ok: true, value: '2024-01-02' });
  });

  it('reads and writes epoch dates as midnight in the zone', () => {
    expect(decodeDate(1704067200, { format: 'epoch' })).toEqual({ ok: true, value: '2024-01-01' });
    expect(encodeDate('2024-01-01', { format: 'epoch' })).toEqual({ ok: true, value: 1704067200 });
    expect(encodeDate('2024-01-01', { format: 'epochMillis', timezone: 'Europe/Berlin' })).toEqual({ ok: true, value: 1704063600000 });
    expect(decodeDate('1704063600000', { format: 'epochMillis', timezone: 'Europe/Berlin' })).toEqual({ ok: true, value: '2024-01-01' });
    expect(decodeDate('12abc', { format: 'epoch' })).toMatchObject({ ok: false, code: 'INVALID_DATE' });
  });

  it('refuses a non-canonical date outbound', () => {
    expect(encodeDate('01/01/2024', { format: 'dd/MM/yyyy' })).toMatchObject({ ok: false, code: 'INVALID_DATE' });
    expect(encodeDate(null, {})).toMatchObject({ ok: false });
  });
});

describe('datetime codec', () => {
  it('converts local wall-clock times in a zone to UTC and back', () => {
    const options = { format: 'MM/dd/yyyy HH:mm', timezone: 'America/New_York' };
    expect(decodeDateTime('07/04/2024 09:30', options)).toEqual({ ok: true, value: '2024-07-04T13:30:00.000Z' });
    expect(encodeDateTime('2024-07-04T13:30:00.000Z', options)).toEqual({ ok: true, value: '07/04/2024 09:30' });
    expect(decodeDateTime('01/15/2024 09:30', options)).toEqual({ ok: true, value: '2024-01-15T14:30:00.000Z' });
  });

  it('treats patterns without a zone as UTC', () => {
    expect(decodeDateTime('2024-01-01 09:30:15', { format: 'yyyy-MM-dd HH:mm:ss' })).toEqual({ ok: true, value: '2024-01-01T09:30:15.000Z' });
  });

  it('normalises any ISO 8601 instant to UTC with milliseconds when no format is given', () => {
    expect(decodeDateTime('2024-01-01T10:30:00+01:00', {})).toEqual({ ok: true, value: '2024-01-01T09:30:00.000Z' });
    expect(decodeDateTime('2024-01-01T09:30:00Z', {})).toEqual({ ok: true, value: '2024-01-01T09:30:00.000Z' });
    expect(decodeDateTime('2024-01-01T10:30:00', { timezone: 'Europe/Berlin' })).toEqual({ ok: true, value: '2024-01-01T09:30:00.000Z' });
    expect(encodeDateTime('2024-01-01T09:30:00.000Z', {})).toEqual({ ok: true, value: '2024-01-01T09:30:00.000Z' });
  });

  it('writes iso with the zone offset when a zone is configured', () => {
    expect(encodeDateTime('2024-01-01T09:30:00.000Z', { format: 'iso', timezone: 'Europe/Berlin' })).toEqual({ ok: true, value: '2024-01-01T10:30:00.000+01:00' });
  });

  it('reads epoch seconds (with fractions) and epoch millis', () => {
    expect(decodeDateTime(1704101400, { format: 'epoch' })).toEqual({ ok: true, value: '2024-01-01T09:30:00.000Z' });
    expect(decodeDateTime('1704101400.25', { format: 'epoch' })).toEqual({ ok: true, value: '2024-01-01T09:30:00.250Z' });
    expect(decodeDateTime(1704101400123, { format: 'epochMillis' })).toEqual({ ok: true, value: '2024-01-01T09:30:00.123Z' });
    expect(encodeDateTime('2024-01-01T09:30:00.999Z', { format: 'epoch' })).toEqual({ ok: true, value: 1704101400 });
    expect(encodeDateTime('2024-01-01T09:30:00.123Z', { format: 'epochMillis' })).toEqual({ ok: true, value: 1704101400123 });
    expect(decodeDateTime(1.5, { format: 'epochMillis' })).toMatchObject({ ok: false, code: 'INVALID_DATETIME' });
  });

  it.each(['2024-13-01 10:00', '2024-01-01 25:00', 'soon', ''])('rejects %j', (raw) => {
    expect(decodeDateTime(raw, { format: 'yyyy-MM-dd HH:mm' })).toMatchObject({ ok: false, code: 'INVALID_DATETIME' });
  });
});

describe('checkDatePattern', () => {
  it.each(['yyyy-MM-dd', 'dd/MM/yyyy', 'MM/dd/yyyy', 'yyyyMMdd', 'd MMMM yyyy', 'iso', 'epoch', 'epochMillis'])('accepts %s for dates', (pattern) => {
    expect(checkDatePattern(pattern, 'date')).toBeUndefined();
  });

  it.each(['MM/dd/yyyy HH:mm', "yyyy-MM-dd'T'HH:mm:ss.SSS", 'dd.MM.yyyy hh:mm a'])('accepts %s for date-times', (pattern) => {
    expect(checkDatePattern(pattern, 'datetime')).toBeUndefined();
  });

  it('rejects minutes used for months and two-digit years', () => {
    expect(checkDatePattern('dd/mm/yy', 'date')).toMatch(/^unknown date pattern "dd\/mm\/yy"/);
    expect(checkDatePattern('dd/MM/yy', 'date')).toMatch(/1955-07-29/);
  });

  it('rejects letters luxon cannot parse', () => {
    expect(checkDatePattern('yyyy-MM-dd QQ', 'date')).toMatch(/token "QQ"/);
    expect(checkDatePattern('yyyy-MM-dd ZZZZ', 'date')).toMatch(/token "ZZZZ"/);
  });

  it('rejects patterns that lose what the field holds', () => {
    expect(checkDatePattern('MM/yyyy', 'date')).toBeDefined();
    expect(checkDatePattern('yyyy-MM-dd', 'datetime')).toBeDefined();
    expect(checkDatePattern('MM/dd/yyyy hh:mm', 'datetime')).toBeDefined();
    expect(checkDatePattern(' ', 'date')).toBe('empty date pattern');
  });

  it('validates IANA zones', () => {
    expect(isValidTimezone('Europe/Berlin')).toBe(true);
    expect(isValidTimezone('Mars/Olympus')).toBe(false);
  });
});
