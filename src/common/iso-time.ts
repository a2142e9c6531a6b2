/**
 * A fast path for the timestamps the hub sees most: UTC ISO 8601 stamps as toISOString() writes them. Date
 * reads those many times faster than luxon, but it rolls impossible dates over (30 February becomes 1 March),
 * so a stamp counts only if its date and time survive the round trip. Anything else returns undefined and
 * the caller falls back to luxon, which handles offsets and zones and explains what is wrong.
 */
const ISO_UTC = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?Z$/;

export function utcIsoMillis(value: string): number | undefined {
  const match = ISO_UTC.exec(value);
  if (!match) return undefined;
  const millis = Date.parse(value);
  if (Number.isNaN(millis)) return undefined;
  return new Date(millis).toISOString().startsWith(match[1]) ? millis : undefined;
}
