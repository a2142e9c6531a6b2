import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { currentCorrelationId } from '../common/correlation';
import { DomainError } from '../common/domain-error';
import { GroupCommit } from '../common/group-commit';
import { type InboxRow, type InsertedEvents, insertInboxRows } from './inbox.repository';
import type { InboxEventDraft, InboxOrigin, InboxWriteResult } from './inbox.types';

interface InboxWrite {
  system: string;
  origin: InboxOrigin;
  drafts: InboxEventDraft[];
  correlationId: string | null;
}

/** Writes of up to this many events share statements; larger ones (batch requests, poll pages) go alone. */
const GROUPED_MAX_EVENTS = 50;

/**
 * Durable writes into the inbox for webhooks and pulls. Concurrent small writes share one autocommitted
 * statement (one WAL flush; see docs/decision-throughput.md), and each writer still learns which of its own
 * events were stored.
 */
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
    // Taken here, in the writer's own scope: a grouped flush runs in whichever caller's scope started it.
    const write = { system, origin, drafts, correlationId: currentCorrelationId() ?? null };
    return drafts.length <= GROUPED_MAX_EVENTS ? this.group.submit(write) : (await this.insert([write]))[0];
  }

  private async insert(writes: InboxWrite[]): Promise<InboxWriteResult[]> {
    const rows: InboxRow[] = writes.flatMap((w) => w.drafts.map((draft) => ({ system: w.system, origin: w.origin, draft, correlationId: w.correlationId })));
    const grouped = writes.length > 1;
    let result: InsertedEvents;
    try {
      result = await insertInboxRows(this.dataSource.manager, rows, grouped);
    } catch (err) {
      // Class 22 (data exception): a value PostgreSQL will not store that the envelope checks did not foresee.
      const code = (err as { code?: unknown }).code;
      if (typeof code === 'string' && code.startsWith('22')) {
        throw new DomainError('PAYLOAD_UNSTORABLE', `the event cannot be stored: ${(err as Error).message}`, 'invalid');
      }
      throw err;
    }
    if (!grouped) {
      const n = writes[0].drafts.length;
      return [{ inserted: result.inserted, duplicates: n - result.inserted, firstId: result.firstId }];
    }
    return attribute(writes, result.ids, result.keys);
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
