/**
 * One JSON column of a batch statement, sent as a single JSON array instead of a jsonb[] parameter. The statement
 * reads row n's value as `$k::jsonb -> (u.n::int - 1)` beside `unnest(…) WITH ORDINALITY AS u(…, n)`, so the
 * planner's row estimate still comes from unnest() (docs/decision-prepared-statements.md). Why: node-postgres
 * writes a jsonb[] parameter as an array literal, escaping every JSON text with two regex passes, about 5 µs per
 * value of a few hundred bytes, and that was the largest single item of the hub's CPU under load (bench/RESULTS.md
 * §15); one JSON.stringify of the whole column costs a fifth of it. PostgreSQL parses the array once at bind.
 *
 * Absent values (null, undefined) arrive as JSON null. A column that takes SQL NULL for them reads
 * `NULLIF($k::jsonb -> (u.n::int - 1), 'null')`: only for columns that never hold a JSON null of their own.
 */
export function jsonColumn(values: readonly unknown[]): string {
  return JSON.stringify(values);
}

/** The same for values already serialized (each a JSON text, as the ingest path keeps them): no second pass. */
export function jsonColumnOfTexts(texts: readonly string[]): string {
  return `[${texts.join(',')}]`;
}
