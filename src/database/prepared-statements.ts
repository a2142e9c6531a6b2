import { createHash } from 'node:crypto';
import pg from 'pg';
import { arrayLiteral } from './array-literal';

/**
 * Statements with parameters become named prepared statements, once per connection: PostgreSQL parses and
 * analyses each text once per connection instead of on every call, which is most of its work for the pipeline's
 * short set-based statements (the same few dozen texts run hundreds of times a second). postgres.js prepares by
 * default for the same reason; `pg` only when a query carries a name, and TypeORM never passes one, so the pool
 * is given a client that names them (docs/decision-prepared-statements.md).
 *
 * The name is a hash of the text, so one text always maps to one name. Texts built with a varying number of
 * placeholders would grow the set without bound; past MAX_PREPARED a connection runs the rest unnamed.
 */
const MAX_PREPARED = 500;

const prepared = new WeakMap<pg.Client, Set<string>>();
// Texts are mostly module constants: the same string objects, whose hashes V8 keeps, so a lookup is cheap.
const names = new Map<string, string>();

function nameOf(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `h${createHash('sha1').update(text).digest('base64url')}`;
    if (names.size < MAX_PREPARED * 4) names.set(text, name);
  }
  return name;
}

/**
 * A call with an array parameter longer than BATCH_ROWS runs unnamed, planned for its own arrays. After five runs
 * PostgreSQL may keep a generic plan for a prepared statement, and a generic plan estimates every
 * unnest($n::…[]) at 10 rows: for a batch of hundreds the delivery results' UPDATE … FROM unnest then walked every
 * in-flight outbox row once per result (40–220 ms a statement under load, under 1 ms planned for the real
 * array). A batch's parse is small next to its rows. Planning every call instead (plan_cache_mode =
 * force_custom_plan) cost single webhooks, whose small inserts are the hub's most frequent statement, 10–15 %.
 */
const BATCH_ROWS = 32;

const isBatch = (values: unknown[]): boolean => values.some((v) => Array.isArray(v) && v.length > BATCH_ROWS);

/**
 * A statement whose text starts with this is never prepared: it is planned for its values on every call. For
 * statements where the value, not only its type, decides the plan. The REST filter `data @> $2 … ORDER BY id
 * LIMIT n` is one: a generic plan cannot know how selective the filter is, and at 10,000 contacts it walked the id
 * index through every record (24 ms) instead of the GIN index (2.5 ms).
 */
export const PLAN_PER_CALL = '/* planned per call */ ';

class PreparingClient extends pg.Client {}

/** Array parameters as literals built natively (database/array-literal.ts); the caller's array is not touched. */
function withArrayLiterals(values: unknown[]): unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Array.isArray(v)) continue;
    const literal = arrayLiteral(v);
    if (literal === undefined) continue;
    out ??= values.slice();
    out[i] = literal;
  }
  return out ?? values;
}

function baseQuery(client: pg.Client, args: unknown[]): unknown {
  return (pg.Client.prototype.query as (...a: unknown[]) => unknown).apply(client, args);
}

// Assigned rather than overridden: pg's query() has a dozen overloads, and this passes every call through
// unchanged but for the name and the array parameters' form.
PreparingClient.prototype.query = function query(this: pg.Client, ...args: unknown[]) {
  const [config, values] = args;
  if (typeof config !== 'string' || !Array.isArray(values) || values.length === 0) {
    return baseQuery(this, args);
  }
  args[1] = withArrayLiterals(values);
  if (!isBatch(values) && !config.startsWith(PLAN_PER_CALL)) {
    const name = nameOf(config);
    let own = prepared.get(this);
    if (!own) prepared.set(this, (own = new Set()));
    if (own.has(name) || own.size < MAX_PREPARED) {
      own.add(name);
      args[0] = { name, text: config };
    }
  }
  return baseQuery(this, args);
} as unknown as pg.Client['query'];

class PreparingPool extends pg.Pool {
  constructor(options?: pg.PoolConfig) {
    super({ ...options, Client: PreparingClient });
  }
}

/** The `pg` module as TypeORM's postgres driver takes it (DataSourceOptions.driver), with the preparing pool. */
export const preparingPg = { ...pg, Pool: PreparingPool };
