import pg from 'pg';

/**
 * Wall time per SQL statement shape, by wrapping pg.Client#query in this process (BENCH_PROFILE=1). The drain
 * is sequential, so this is where its time goes while the CPU profile shows "(idle)".
 */

type Query = (...args: unknown[]) => unknown;
const totals = new Map<string, { n: number; ms: number }>();
let original: Query | undefined;

function shape(text: unknown): string {
  const sql = typeof text === 'string' ? text : (text as { text?: string })?.text ?? '?';
  return sql.replace(/\s+/g, ' ').trim().slice(0, 90);
}

function add(key: string, t0: number): void {
  const t = totals.get(key) ?? { n: 0, ms: 0 };
  t.n++;
  t.ms += performance.now() - t0;
  totals.set(key, t);
}

export function startSqlTiming(): void {
  totals.clear();
  if (original) return;
  original = pg.Client.prototype.query as unknown as Query;
  const base = original;
  (pg.Client.prototype as unknown as { query: Query }).query = function timed(this: unknown, ...args: unknown[]) {
    const key = shape(args[0]);
    const t0 = performance.now();
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const cb = args[last] as (...a: unknown[]) => void;
      args[last] = (...a: unknown[]) => (add(key, t0), cb(...a));
      return base.apply(this, args);
    }
    const result = base.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      (result as Promise<unknown>).then(() => add(key, t0), () => add(key, t0));
    }
    return result;
  };
}

export function stopSqlTiming(limit = Number(process.env.BENCH_SQL_TOP ?? 12)): string[] {
  if (original) (pg.Client.prototype as unknown as { query: Query }).query = original;
  original = undefined;
  const all = [...totals.entries()].sort((a, b) => b[1].ms - a[1].ms);
  const sum = all.reduce((a, [, t]) => a + t.ms, 0);
  return [
    `SQL wall time ${Math.round(sum)} ms in ${all.reduce((a, [, t]) => a + t.n, 0)} statements; top:`,
    ...all.slice(0, limit).map(([k, t]) => `${String(Math.round(t.ms)).padStart(6)} ms ${String(t.n).padStart(4)}×  ${k}`),
  ];
}
