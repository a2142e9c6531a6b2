import { iso, num, type OptionalTables, type Queryable, str } from './ops-queries';

/**
 * The operator reads about recent activity per system: last successful sync, last delivery, open alerts and the
 * last hour's throughput. Same rules as OpsQueries (one statement each, indexed ranges, optional tables checked by
 * the caller); kept apart so each file stays one read model of a readable size.
 */

export interface OpenAlertRow {
  id: string;
  rule: string;
  subject: string;
  message: string;
  openedAt: string;
}

export interface ThroughputRow {
  /** start of the bucket */
  at: string;
  applied: number;
  delivered: number;
}

export class OpsRecentQueries {
  constructor(private readonly db: Queryable) {}

  /**
   * The last successful exchange with each system, whichever way it went: its newest applied event (webhooks,
   * polls), its newest succeeded sync run, its newest acknowledged delivery. One index walk per system and source,
   * inside one statement; webhook-only and outbound-only systems get a time too.
   */
  async lastSyncBySystem(systems: string[], tables: Pick<OptionalTables, 'outbox' | 'syncRun'>): Promise<Map<string, string | null>> {
    if (systems.length === 0) return new Map();
    const run = tables.syncRun
      ? `(SELECT max(r.finished_at) FROM sync_run r WHERE r.system = s.system AND r.status = 'succeeded')`
      : 'NULL::timestamptz';
    const delivered = tables.outbox
      ? `(SELECT o.delivered_at FROM outbox o WHERE o.system = s.system AND o.status = 'delivered' ORDER BY o.id DESC LIMIT 1)`
      : 'NULL::timestamptz';
    const rows = await this.rows(
      `SELECT s.system, greatest(
                (SELECT e.processed_at FROM inbox_event e WHERE e.status = 'applied' AND e.system = s.system ORDER BY e.received_at DESC LIMIT 1),
                ${run}, ${delivered}) AS last_sync
         FROM unnest($1::text[]) AS s(system)`,
      [systems],
    );
    return new Map(rows.map((r) => [str(r.system), iso(r.last_sync)]));
  }

  /** Each system's newest acknowledged delivery: one backward walk of (system, status, id) per system. */
  async lastDelivered(systems: string[]): Promise<Map<string, string>> {
    if (systems.length === 0) return new Map();
    const rows = await this.rows(
      `SELECT s.system, (SELECT o.delivered_at FROM outbox o WHERE o.system = s.system AND o.status = 'delivered' ORDER BY o.id DESC LIMIT 1) AS at
         FROM unnest($1::text[]) AS s(system)`,
      [systems],
    );
    const out = new Map<string, string>();
    for (const r of rows) if (r.at) out.set(str(r.system), iso(r.at)!);
    return out;
  }

  /** Open alerts, oldest first (the longest-standing problem on top); the table holds few open rows. */
  async openAlerts(limit = 50): Promise<OpenAlertRow[]> {
    const rows = await this.rows(
      `SELECT id::text AS id, rule, subject, message, opened_at FROM alert WHERE status = 'open' ORDER BY id LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({ id: str(r.id), rule: str(r.rule), subject: str(r.subject), message: str(r.message), openedAt: iso(r.opened_at)! }));
  }

  /**
   * Changes applied and deliveries acknowledged in the last hour, in 5-minute buckets (12, oldest first, empty
   * ones included). Deliveries are read newest first by id over at most the latest 100 000 delivered rows: the
   * outbox has no index on delivered_at, and a busier hour than that shows its newest part only.
   */
  async throughputLastHour(withOutbox: boolean): Promise<ThroughputRow[]> {
    const delivered = withOutbox
      ? `SELECT delivered_at AS at FROM (SELECT delivered_at FROM outbox WHERE status = 'delivered' ORDER BY id DESC LIMIT 100000) d
          WHERE delivered_at > now() - interval '1 hour'`
      : `SELECT NULL::timestamptz AS at WHERE false`;
    const rows = await this.rows(
      `WITH buckets AS (
         SELECT date_bin('5 minutes', now(), 'epoch') - i * interval '5 minutes' AS at FROM generate_series(0, 11) AS i),
       applied AS (
         SELECT processed_at AS at FROM inbox_event WHERE status = 'applied' AND received_at > now() - interval '1 hour 5 minutes'
            AND processed_at > now() - interval '1 hour'),
       delivered AS (${delivered})
       SELECT b.at,
              (SELECT count(*) FROM applied a WHERE a.at >= b.at AND a.at < b.at + interval '5 minutes') AS applied,
              (SELECT count(*) FROM delivered d WHERE d.at >= b.at AND d.at < b.at + interval '5 minutes') AS delivered
         FROM buckets b ORDER BY b.at`,
    );
    return rows.map((r) => ({ at: iso(r.at)!, applied: num(r.applied), delivered: num(r.delivered) }));
  }


  private async rows(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]> {
    return this.db.query<Record<string, unknown>[]>(sql, params);
  }
}
