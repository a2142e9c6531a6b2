import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { currentCorrelationId } from '../common/correlation';
import { DomainError } from '../common/domain-error';
import { GroupCommit } from '../common/group-commit';
import { type InsertedEvents, insertInboxRows } from './inbox.repository';
import type { InboxBudget, InboxEventDraft, InboxOrigin, InboxWriteResult } from './inbox.types';

interface InboxWrite {
  system: string;
  origin: InboxOrigin;
  drafts: InboxEventDraft[];
  correlationId: string | null;
  budget: InboxBudget | undefined;
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
  private readonly group = this.groupCommit(4);
  /**
   * Writes that spend one budget lock its rate_limit row until their statement commits, so their statements run
   * one after another whatever the pool allows. One flush at a time per budget makes that explicit and lets
   * everything that arrived meanwhile share the next statement, instead of several small statements queueing on
   * the row lock.
   */
  private readonly budgetGroups = new Map<string, GroupCommit<InboxWrite, InboxWriteResult>>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Durable when it returns (autocommit, synchronous commit): only then may the sender get its 2xx. With a
   * budget, the write first spends it in the same statement; `refused` says the budget was spent and nothing
   * of this write was stored.
   */
  async write(system: string, origin: InboxOrigin, drafts: InboxEventDraft[], budget?: InboxBudget): Promise<InboxWriteResult> {
    if (drafts.length === 0) return { inserted: 0, duplicates: 0, firstId: null };
    // Taken here, in the writer's own scope: a grouped flush runs in whichever caller's scope started it.
    const write = { system, origin, drafts, correlationId: currentCorrelationId() ?? null, budget };
    if (drafts.length > GROUPED_MAX_EVENTS) return (await this.insert([write]))[0];
    return (budget ? this.budgetGroup(budget.key) : this.group).submit(write);
  }

  private budgetGroup(key: string): GroupCommit<InboxWrite, InboxWriteResult> {
    let group = this.budgetGroups.get(key);
    if (!group) {
      group = this.groupCommit(1);
      this.budgetGroups.set(key, group);
    }
    return group;
  }

  private groupCommit(maxInFlight: number): GroupCommit<InboxWrite, InboxWriteResult> {
    return new GroupCommit<InboxWrite, InboxWriteResult>((writes) => this.insert(writes), (w) => w.drafts.length, { maxWeight: 500, maxInFlight });
  }

  private async insert(writes: InboxWrite[]): Promise<InboxWriteResult[]> {
    const groups = writes.map((w) => ({
      rows: w.drafts.map((draft) => ({ system: w.system, origin: w.origin, draft, correlationId: w.correlationId })),
      budget: w.budget,
    }));
    const grouped = writes.length > 1;
    let result: InsertedEvents;
    try {
      result = await insertInboxRows(this.dataSource.manager, groups, grouped);
    } catch (err) {
      // Class 22 (data exception): a value PostgreSQL will not store that the envelope checks did not foresee.
      const code = (err as { code?: unknown }).code;
      if (typeof code === 'string' && code.startsWith('22')) {
        throw new DomainError('PAYLOAD_UNSTORABLE', `the event cannot be stored: ${(err as Error).message}`, 'invalid');
      }
      throw err;
    }
    if (!grouped) {
      const until = result.refused.get(0);
      if (until !== undefined) return [refusedResult(until)];
      const n = writes[0].drafts.length;
      return [{ inserted: result.inserted, duplicates: n - result.inserted, firstId: result.firstId }];
    }
    const attributed = attribute(writes, result.ids, result.keys);
    for (const [i, until] of result.refused) attributed[i] = refusedResult(until);
    return attributed;
  }
}

function refusedResult(until: number): InboxWriteResult {
  return { inserted: 0, duplicates: 0, firstId: null, refused: { msBeforeNext: Math.max(0, until - Date.now()) } };
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
