import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ValidationError } from '../common/domain-error';
import { newestFirstPage } from '../common/newest-first-page';
import { isUuid, type Page } from '../common/page-cursor';
import { SyncError } from './polling.errors';
import {
  type ListSyncRunsArgs, SYNC_RUN_KINDS, SYNC_RUN_STATUSES, type SyncRunError, type SyncRunKind, type SyncRunStatus,
  type SyncRunTrigger, type SyncRunView,
} from './sync-run.types';

const CURSOR_KIND = 'sync-run';

// Runs not settled yet count their events live; settled ones (changed NOT NULL) skip the join entirely.
const SELECT = `
  SELECT r.id, r.system, r.entity_type, r.kind, r.trigger, r.status, r.started_at, r.finished_at, r.duration_ms,
         r.seen, r.queued, r.changed, r.rejected, r.errors, r.details, r.triggered_by,
         to_char(r.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at,
         live.applied, live.rejected_events, live.pending
    FROM sync_run r
    LEFT JOIN LATERAL (
      SELECT count(*) FILTER (WHERE e.status = 'applied')::int AS applied,
             count(*) FILTER (WHERE e.status IN ('rejected', 'failed'))::int AS rejected_events,
             count(*) FILTER (WHERE e.status = 'pending')::int AS pending
        FROM sync_run_event l JOIN inbox_event e ON e.system = l.system AND e.event_id = l.event_id
       WHERE r.changed IS NULL AND l.run_id = r.id
    ) live ON true`;

interface SyncRunRow {
  id: string;
  system: string;
  entity_type: string | null;
  kind: SyncRunKind;
  trigger: SyncRunTrigger;
  status: SyncRunStatus;
  started_at: Date;
  finished_at: Date | null;
  duration_ms: number | null;
  seen: number;
  queued: number;
  changed: number | null;
  rejected: number | null;
  errors: SyncRunError[];
  details: Record<string, unknown>;
  triggered_by: string | null;
  cursor_at: string;
  applied: number | null;
  rejected_events: number | null;
  pending: number | null;
}

/** Reads over sync runs (newest first), shared by REST, GraphQL and the status page. */
@Injectable()
export class SyncRunQueryService {
  constructor(private readonly db: DataSource) {}

  async list(args: ListSyncRunsArgs): Promise<Page<SyncRunView>> {
    const page = await newestFirstPage<SyncRunRow>(this.db, {
      kind: CURSOR_KIND,
      select: SELECT,
      order: ['r.started_at', 'r.id'],
      equal: [
        ['r.system', args.system || undefined],
        ['r.entity_type', args.entityType || undefined],
        ['r.kind', args.kind ? oneOf('kind', args.kind, SYNC_RUN_KINDS) : undefined],
        ['r.status', args.status ? oneOf('status', args.status, SYNC_RUN_STATUSES) : undefined],
      ],
      first: args.first,
      after: args.after,
    });
    return { ...page, items: page.items.map(toView) };
  }

  async find(id: string): Promise<SyncRunView | null> {
    if (!isUuid(id)) throw new ValidationError('INVALID_ID', `"${id}" is not a sync run id (uuid)`);
    const rows: SyncRunRow[] = await this.db.query(`${SELECT} WHERE r.id = $1`, [id]);
    return rows[0] ? toView(rows[0]) : null;
  }

  async get(id: string): Promise<SyncRunView> {
    const run = await this.find(id);
    if (!run) throw new SyncError('SYNC_RUN_NOT_FOUND', `no sync run ${id}`, 'not_found');
    return run;
  }

  /**
   * For each entity type: the newest run covering it, and the newest that succeeded. A run over the whole
   * system (entity type null) covers every entity type.
   */
  async latestBySystem(system: string, entityTypes: string[]): Promise<{ last: Map<string, SyncRunView>; lastSuccess: Map<string, SyncRunView> }> {
    const pick = async (succeeded: boolean): Promise<Map<string, SyncRunView>> => {
      const picked: { for_type: string; id: string }[] = await this.db.query(
        `SELECT DISTINCT ON (t.name) t.name AS for_type, r.id
           FROM unnest($2::text[]) AS t(name)
           JOIN sync_run r ON r.system = $1 AND (r.entity_type = t.name OR r.entity_type IS NULL)
                          ${succeeded ? `AND r.status = 'succeeded'` : ''}
          ORDER BY t.name, ${succeeded ? 'r.finished_at' : 'r.started_at'} DESC`,
        [system, entityTypes],
      );
      const ids = [...new Set(picked.map((p) => p.id))];
      const rows: SyncRunRow[] = ids.length ? await this.db.query(`${SELECT} WHERE r.id = ANY($1::uuid[])`, [ids]) : [];
      const byId = new Map(rows.map((r) => [r.id, toView(r)]));
      return new Map(picked.map((p) => [p.for_type, byId.get(p.id)!]));
    };
    const [last, lastSuccess] = await Promise.all([pick(false), pick(true)]);
    return { last, lastSuccess };
  }

  /** When any run of the system last succeeded (the system's "last successful sync"). */
  async lastSuccessAt(system: string): Promise<Date | null> {
    const rows: { finished_at: Date }[] = await this.db.query(
      `SELECT finished_at FROM sync_run WHERE system = $1 AND status = 'succeeded' ORDER BY finished_at DESC LIMIT 1`,
      [system],
    );
    return rows[0]?.finished_at ?? null;
  }
}

function oneOf<T extends string>(what: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new SyncError('INVALID_SYNC_RUN_FILTER', `${what} must be one of ${allowed.join(', ')} (got "${value}")`, 'invalid');
  }
  return value as T;
}

function toView(r: SyncRunRow): SyncRunView {
  const settled = r.changed !== null;
  return {
    id: r.id,
    system: r.system,
    entityType: r.entity_type,
    kind: r.kind,
    trigger: r.trigger,
    status: r.status,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    durationMs: r.duration_ms,
    seen: r.seen,
    queued: r.queued,
    changed: settled ? r.changed! : (r.applied ?? 0),
    rejected: settled ? (r.rejected ?? 0) : (r.rejected_events ?? 0),
    pending: settled ? 0 : (r.pending ?? 0),
    errors: r.errors,
    details: r.details,
    triggeredBy: r.triggered_by,
  };
}
