// An escape is a backslash after an even run of backslashes (an odd run ends in one); `\"` and `\\` read alike.
const OTHER_ESCAPE = /(?:^|[^\\])(?:\\\\)*\\[^"\\]/;

/**
 * A flat array of strings, numbers, booleans and nulls as a PostgreSQL array literal, built by one native
 * JSON.stringify instead of node-postgres's element-by-element loop (two regex passes and a concatenation per
 * element). The batch statements pass a dozen such arrays of up to 500 values each; pg's literal was the largest
 * allocation site of the hub under bench/e2e (11.5 % of the bytes allocated) and costs 2 to 6 times as much per
 * array (bench/RESULTS.md §18).
 *
 * Why JSON's text is a valid array literal: a JSON string is a double-quoted element, and inside one PostgreSQL
 * reads `\"` and `\\` as JSON wrote them; `null` unquoted is NULL; finite numbers and true/false read as the same
 * values pg would send. JSON's other escapes (`\n`, `\t`, `\u0001`, a lone surrogate as `\udxxx`…) would read as
 * plain letters, so an array whose text holds one of them, and any array holding something else (a Date, a
 * Buffer, an object, a nested array, NaN, a bigint), returns undefined: pg's own conversion handles it.
 */

export function arrayLiteral(values: readonly unknown[]): string | undefined {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || typeof v === 'string' || typeof v === 'boolean') continue;
    if (typeof v === 'number' && Number.isFinite(v)) continue;
    return undefined;
  }
  const json = JSON.stringify(values);
  if (json.includes('\\') && OTHER_ESCAPE.test(json)) return undefined;
  return `{${json.slice(1, -1)}}`;
}
