import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
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

/*
 * One statement for any number of events: parallel arrays unnested in order, so the bigserial ids follow the
 * sender's order (the worker keeps per-record order by id). Idempotency is the (system, event_id) unique key;
 * a replay, also one repeated inside the same batch, is skipped by ON CONFLICT DO NOTHING. The notify runs
 * in the same autocommitted statement, so the worker is woken exactly when rows became visible, and only
 * when there are new rows.
 */
const INSERT_SQL = `
  WITH ins AS (
    INSERT INTO inbox_event (system, origin, event_id, event_type, entity_type, action, external_id, payload, source_timestamp)
    SELECT $1, $2, u.event_id, u.event_type, u.entity_type, u.action, u.external_id, u.payload, u.source_timestamp
    FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::timestamptz[])
         WITH ORDINALITY AS u(event_id, event_type, entity_type, action, external_id, payload, source_timestamp, ord)
    ORDER BY u.ord
    ON CONFLICT (system, event_id) DO NOTHING
    RETURNING id
  ), agg AS (SELECT count(*)::int AS inserted, min(id)::text AS first_id FROM ins)
  SELECT inserted, first_id, (SELECT pg_notify('${INBOX_CHANNEL}', '') WHERE inserted > 0) IS NOT NULL AS notified FROM agg`;

@Injectable()
export class InboxWriterService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Durable when it returns (autocommit, synchronous commit): only then may the sender get its 2xx. */
  async write(system: string, origin: InboxOrigin, drafts: InboxEventDraft[]): Promise<InboxWriteResult> {
    if (drafts.length === 0) return { inserted: 0, duplicates: 0, firstId: null };
    const column = <K extends keyof InboxEventDraft>(key: K) => drafts.map((d) => d[key]);
    try {
      const rows: { inserted: number; first_id: string | null }[] = await this.dataSource.query(INSERT_SQL, [
        system, origin, column('eventId'), column('eventType'), column('entityType'), column('action'), column('externalId'),
        column('payloadJson'), column('sourceTimestamp'),
      ]);
      const inserted = rows[0].inserted;
      return { inserted, duplicates: drafts.length - inserted, firstId: rows[0].first_id };
    } catch (err) {
      // Class 22 (data exception): a value PostgreSQL will not store that the envelope checks did not foresee.
      const code = (err as { code?: unknown }).code;
      if (typeof code === 'string' && code.startsWith('22')) {
        throw new IngestError('PAYLOAD_UNSTORABLE', `the event cannot be stored: ${(err as Error).message}`, 'invalid');
      }
      throw err;
    }
  }
}
