import type pg from 'pg';

/** One user edit made in a demo system: which record, the version (updated-at) the system gave it, and when in the run. */
export interface UserEdit {
  externalId: string;
  /** the record's updated-at right after the edit: its version, carried by the edit's webhook */
  version: string;
  /** 0 for the create, then the round */
  round: number;
}

/** How a demo system's records look in the inbox and in golden records. */
export interface SystemShape {
  system: string;
  /** payload field holding the record's version (updated-at) */
  versionField: string;
  /** canonical field → payload field, for the fields the system reports back (what an echo is compared on) */
  fields: Record<string, string>;
  /** a canonical field the system always wins (precedence): a state of the system merged by the rules sets it in golden */
  wins: string;
}

interface InboxRow {
  id: string;
  origin: string;
  status: string;
  reason: string | null;
  version: string | null;
  golden_version: number | null;
  payload: Record<string, unknown>;
}

interface DeliveredRow {
  golden_version: number;
  canonical: Record<string, unknown>;
}

interface RecordHistory {
  goldenId: string | null;
  events: InboxRow[];
  /** the record's golden versions: version → data */
  goldenData: Map<number, Record<string, unknown>>;
  delivered: DeliveredRow[];
}

/**
 * Every user edit accounted for, from the inbox and the golden history (a check that can fail, unlike a count of
 * applied events: one read-back after a refused write can carry two edits, and then one of the webhooks is a no-op).
 * The edit's webhook is in the inbox exactly once, and it is
 * - `applied`, and golden as that event left it holds its value of the field the system always wins; or
 * - a `noop` VERSION_ALREADY_SEEN (or OLDER_THAN_SOURCE, the same judgement on the source record's time), and an
 *   applied event of the same record (webhook or refresh, e.g. the read-back after a refused write) of a version at
 *   least as new was decided before it (golden version not higher) and set that field: the edit's own value, or that
 *   of a later edit that superseded it before the hub read the record; or
 * - an `echo`, and a delivery to the system of a golden version not higher had written exactly those values.
 * Anything else (another status or reason, or one of these without its evidence) is reported: one line per edit.
 */
export async function unaccountedEdits(sql: pg.Pool, shape: SystemShape, edits: UserEdit[]): Promise<string[]> {
  const records = await loadRecords(sql, shape, [...new Set(edits.map((e) => e.externalId))]);
  const problems: string[] = [];
  for (const edit of edits) {
    const problem = checkEdit(shape, edit, records.get(edit.externalId));
    if (problem) problems.push(`${shape.system} ${edit.externalId} round ${edit.round} @${edit.version}: ${problem}`);
  }
  return problems;
}

function checkEdit(shape: SystemShape, edit: UserEdit, record: RecordHistory | undefined): string | null {
  if (!record) return 'record has no inbox events';
  const at = Date.parse(edit.version);
  const own = record.events.filter((e) => e.origin === 'webhook' && e.version === edit.version);
  if (own.length !== 1) return `${own.length} webhook events of this version`;
  const [w] = own;
  // The golden record as the event left it holds the event's value of the field the system always wins.
  const took = (e: InboxRow) => e.golden_version !== null
    && sameValue(record.goldenData.get(e.golden_version)?.[shape.wins], e.payload[shape.fields[shape.wins]]);
  const decidedBefore = (e: InboxRow) => e.golden_version !== null && w.golden_version !== null && e.golden_version <= w.golden_version;
  if (w.status === 'applied') return took(w) ? null : `webhook ${w.id} applied, but golden version ${w.golden_version} does not hold its ${shape.wins}`;
  if (w.status === 'noop' && (w.reason === 'VERSION_ALREADY_SEEN' || w.reason === 'OLDER_THAN_SOURCE')) {
    // The state was read before (the read-back of a refused write, or a webhook) or a newer one was: that one counts.
    const cover = record.events.find((e) => e.id !== w.id && e.status === 'applied' && e.version !== null && Date.parse(e.version) >= at
      && decidedBefore(e) && took(e));
    return cover ? null : `webhook ${w.id} ${w.reason}, but no applied event of a version at least as new, decided before it, set golden's ${shape.wins}`;
  }
  if (w.status === 'echo') {
    // The hub had written exactly these values there: they were golden's (at the delivered version) before the webhook.
    const written = record.delivered.find((d) => w.golden_version !== null && d.golden_version <= w.golden_version
      && Object.entries(shape.fields).every(([canonical, field]) => sameValue(d.canonical[canonical], w.payload[field])));
    return written ? null : `webhook ${w.id} ${w.reason}, but no delivery to ${shape.system} wrote those values before it`;
  }
  return `webhook ${w.id} ${w.status} ${w.reason ?? ''}`.trim();
}

async function loadRecords(sql: pg.Pool, shape: SystemShape, externalIds: string[]): Promise<Map<string, RecordHistory>> {
  const { rows: events } = await sql.query<InboxRow & { external_id: string; golden_id: string | null }>(
    `SELECT id::text, external_id, origin, status, reason, payload->>$3 AS version, golden_id::text, golden_version, payload
       FROM inbox_event WHERE system = $1 AND external_id = ANY($2::text[]) ORDER BY id`,
    [shape.system, externalIds, shape.versionField],
  );
  const records = new Map<string, RecordHistory>();
  for (const e of events) {
    const r: RecordHistory = records.get(e.external_id) ?? { goldenId: null, events: [], goldenData: new Map(), delivered: [] };
    r.events.push(e);
    r.goldenId ??= e.golden_id;
    records.set(e.external_id, r);
  }
  const goldenIds = [...records.values()].map((r) => r.goldenId).filter((g): g is string => g !== null);
  const { rows: versions } = await sql.query<{ golden_id: string; version: number; data: Record<string, unknown> }>(
    `SELECT golden_id::text, version, data FROM golden_version WHERE golden_id = ANY($1::uuid[])`,
    [goldenIds],
  );
  const { rows: delivered } = await sql.query<DeliveredRow & { golden_id: string }>(
    `SELECT golden_id::text, golden_version, canonical FROM outbox WHERE system = $1 AND golden_id = ANY($2::uuid[]) AND status = 'delivered'`,
    [shape.system, goldenIds],
  );
  const byGolden = new Map([...records.values()].filter((r) => r.goldenId !== null).map((r) => [r.goldenId!, r]));
  for (const v of versions) byGolden.get(v.golden_id)?.goldenData.set(v.version, v.data);
  for (const d of delivered) byGolden.get(d.golden_id)?.delivered.push(d);
  return records;
}

/** The inbox rows of one record, oldest first, one line each: what to read when an edit is not accounted for. */
export async function inboxRowsOf(sql: pg.Pool, shape: SystemShape, externalId: string): Promise<string[]> {
  const { rows } = await sql.query(
    `SELECT id, origin, status, reason, golden_version, source_timestamp, received_at, processed_at, payload
       FROM inbox_event WHERE system = $1 AND external_id = $2 ORDER BY id`,
    [shape.system, externalId],
  );
  const time = (d: Date | null) => d?.toISOString().slice(14, 23) ?? '-';
  return rows.map((r) => [
    r.id, r.origin, r.status, r.reason ?? '-', `gv=${r.golden_version ?? '-'}`, `src=${time(r.source_timestamp)}`, `recv=${time(r.received_at)}`,
    `proc=${time(r.processed_at)}`, `v=${String(r.payload[shape.versionField]).slice(14)}`,
    ...Object.values(shape.fields).filter((f) => f !== shape.fields.email).map((f) => `${f}=${String(r.payload[f])}`),
  ].join(' '));
}

function sameValue(a: unknown, b: unknown): boolean {
  return (a ?? null) === (b ?? null);
}
