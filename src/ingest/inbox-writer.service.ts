import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { GroupCommit } from '../common/group-commit';
import { IngestError } from './ingest.errors';
import type { InboxEventDraft } from './webhook-envelope';

/** Matches the inbox_event.origin check constraint. */
export type InboxOrigin = 'webhook' | 'batch' | 'poll' | 'refresh' | 'reconcile';

/** The channel the inbox worker LISTENs on; an empty payload only says "look again". */
export const INBOX_CHANNEL = 'hub_inbox';

export interface InboxWriteResult {
  inserted: number;
  duplicates: number;
  /** inbox row id of the first new event (the only one for a single webhook); null when all were replays */
  firstId: string | null;
}

interface InboxWrite {
  system: string;
  origin: InboxOrigin;
  drafts: InboxEventDraft[];
}

/*
 * One statement for any number of events, from one writer or several grouped ones: parallel arrays unnested
 * in order, so the bigserial ids follow the senders' order (the worker keeps per-record order by id).
 * Idempotency is the (system, event_id) unique key; a replay, also one repeated inside the same statement,
 * is skipped by ON CONFLICT DO NOTHING. The notify runs in the same autocommitted statement, so the worker
 * is woken exactly when rows became visible, and only when there are new rows. The new rows come back as
 * (ordinal, id) pairs so every grouped writer learns which of its own events were stored.
 */
const INSERT_SQL = `
  WITH ins AS (
    INSERT INTO inbox_event (system, origin, event_id, event_type, entity_type, action, external_id, payload, source_timestamp)
    SELECT u.system, u.origin, u.event_id, u.event_type, u.entity_type, u.action, u.external_id, u.payload, u.source_timestamp
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::timestamptz[])
         WITH ORDINALITY AS u(system, origin, event_id, event_type, entity_type, action, external_id, payload, source_timestamp, ord)
    ORDER BY u.ord
    ON CONFLICT (system, event_id) DO NOTHING
    RETURNING id, system, event_id
  ), agg AS (
    SELECT count(*)::int AS inserted, min(id)::text AS first_id,
           CASE WHEN $10 THEN array_agg(id::text ORDER BY id) END AS ids,
           CASE WHEN $10 THEN array_agg(system || ' ' || event_id ORDER BY id) END AS keys
    FROM ins
  )
  SELECT inserted, first_id, ids, keys, (SELECT pg_notify('${INBOX_CHANNEL}', '') WHERE inserted > 0) IS NOT NULL AS notified FROM agg`;

interface InsertRow {
  inserted: number;
  first_id: string | null;
  ids: string[] | null;
  keys: string[] | null;
}

/**
 * The same insert inside a caller's transaction (the delivery worker storing a record it had to re-read): the
 * events become visible, and the worker is woken, when that transaction commits. Returns the events stored.
 */
export async function insertInboxEvents(m: EntityManager, system: string, origin: InboxOrigin, drafts: InboxEventDraft[]): Promise<number> {
  if (drafts.length === 0) return 0;
  const [result] = (await m.query(INSERT_SQL, [
    drafts.map(() => system), drafts.map(() => origin), drafts.map((d) => d.eventId), drafts.map((d) => d.eventType),
    drafts.map((d) => d.entityType), drafts.map((d) => d.action), drafts.map((d) => d.externalId), drafts.map((d) => d.payloadJson),
    drafts.map((d) => d.sourceTimestamp), false,
  ])) as InsertRow[];
  return result.inserted;
}

/** Writes of up to this many events share statements; larger ones (batch requests, poll pages) go alone. */
const GROUPED_MAX_EVENTS = 50;

@Injectable()
export class InboxWriterService {
  // Four flushes at once keep a few pool connections busy while the rest of the pool serves the workers.
  private readonly group = new GroupCommit<InboxWrite, InboxWriteResult>((writes) => this.insert(writes), (w) => w.drafts.length, {
    maxWeight: 500,
    maxInFlight: 4,
  });

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Durable when it returns (autocommit, synchronous commit): only then may the sender get its 2xx. */
  async write(system: string, origin: InboxOrigin, drafts: InboxEventDraft[]): Promise<InboxWriteResult> {
    if (drafts.length === 0) return { inserted: 0, duplicates: 0, firstId: null };
    const write = { system, origin, drafts };
    return drafts.length <= GROUPED_MAX_EVENTS ? this.group.submit(write) : (await this.insert([write]))[0];
  }

  private async insert(writes: InboxWrite[]): Promise<InboxWriteResult[]> {
    const rows = writes.flatMap((w) => w.drafts.map((d) => ({ system: w.system, origin: w.origin, d })));
    const grouped = writes.length > 1;
    let result: InsertRow;
    try {
      [result] = (await this.dataSource.query(INSERT_SQL, [
        rows.map((r) => r.system), rows.map((r) => r.origin), rows.map((r) => r.d.eventId), rows.map((r) => r.d.eventType),
        rows.map((r) => r.d.entityType), rows.map((r) => r.d.action), rows.map((r) => r.d.externalId), rows.map((r) => r.d.payloadJson),
        rows.map((r) => r.d.sourceTimestamp), grouped,
      ])) as InsertRow[];
    } catch (err) {
      // Class 22 (data exception): a value PostgreSQL will not store that the envelope checks did not foresee.
      const code = (err as { code?: unknown }).code;
      if (typeof code === 'string' && code.startsWith('22')) {
        throw new IngestError('PAYLOAD_UNSTORABLE', `the event cannot be stored: ${(err as Error).message}`, 'invalid');
      }
      throw err;
    }
    if (!grouped) {
      const n = writes[0].drafts.length;
      return [{ inserted: result.inserted, duplicates: n - result.inserted, firstId: result.first_id }];
    }
    return attribute(writes, result.ids ?? [], result.keys ?? []);
  }
}

/**
 * Gives each grouped writer the rows that are its own. A key sent twice in one statement (two concurrent
 * deliveries of the same webhook-id) was stored for the first writer that sent it; the later one is a replay.
 */
function attribute(writes: InboxWrite[], ids: string[], keys: string[]): InboxWriteResult[] {
  const idByKey = new Map(keys.map((k, i) => [k, ids[i]]));
  return writes.map((w) => {
    let inserted = 0;
    let firstId: string | null = null;
    for (const d of w.drafts) {
      const key = `${w.system} ${d.eventId}`;
      const id = idByKey.get(key);
      if (id === undefined) continue;
      idByKey.delete(key);
      inserted++;
      if (firstId === null || BigInt(id) < BigInt(firstId)) firstId = id;
    }
    return { inserted, duplicates: w.drafts.length - inserted, firstId };
  });
}
