import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AdapterError } from '../adapters/adapter.error';
import type { AdapterRecord } from '../adapters/adapter.types';
import { DomainError } from '../common/domain-error';
import { inferredDeleteDraft, pulledRecordDraft } from '../inbox/domain/inbox-drafts';
import { InboxWriterService } from '../inbox/inbox-writer.service';
import { knownEventIds } from '../inbox/inbox.repository';
import type { InboxEventDraft } from '../inbox/inbox.types';
import { DEFAULT_PAGE_SIZE, overlapMs } from './domain/sync-schedule';
import { highestPosition, maxPosition, pollStart, type WatermarkPosition } from './domain/watermark';
import { type PullBinding, pullTarget } from './pull-binding';
import { SyncRunService } from './sync-run.service';
import type { SyncRunError } from './sync-run.types';
import { advanceWatermark, loadWatermark } from './sync-state.repository';

export type PullOrigin = 'poll' | 'refresh' | 'reconcile';

export interface PullTally {
  seen: number;
  queued: number;
  pages: number;
  /** per-record problems that did not stop the run */
  errors: SyncRunError[];
  since?: string | null;
  watermark?: WatermarkPosition | null;
}

export const emptyTally = (): PullTally => ({ seen: 0, queued: 0, pages: 0, errors: [] });

/**
 * Reads records from a system into the inbox, where they take the same path as webhooks: mapping,
 * validation, echo guard, matching, survivorship. A record already received (by webhook or an earlier
 * pull) changes nothing: its event id repeats, or the pipeline finds it equal to the golden record.
 */
@Injectable()
export class PullService {
  constructor(
    private readonly db: DataSource,
    private readonly inbox: InboxWriterService,
    private readonly runs: SyncRunService,
  ) {}

  /**
   * Everything changed since the watermark (minus the overlap window), page by page. The watermark moves
   * after each page is committed to the inbox, so a run that fails half-way keeps what it finished and the
   * next run resumes there; it never moves past a record not yet stored.
   */
  async poll(runId: string, b: PullBinding, origin: PullOrigin, opts: { full?: boolean } = {}): Promise<PullTally> {
    const tally = emptyTally();
    const stored = await loadWatermark(this.db.manager, b.systemKey, b.entityType);
    const since = pollStart({ watermark: stored, overlapMs: overlapMs(b.system), initialSince: b.system.poll?.initialSince, full: opts.full });
    tally.since = since;
    tally.watermark = stored ? { updatedAt: stored.updatedAt, lastId: stored.lastId } : null;
    const limit = b.system.poll?.pageSize ?? DEFAULT_PAGE_SIZE;
    const cursors = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await b.adapter.listChanges(b.mapping, { since, limit, ...(cursor === undefined ? {} : { cursor }) });
      tally.pages++;
      tally.seen += page.records.length;
      tally.queued += await this.store(runId, b, origin, page.records, tally.errors);
      const top = highestPosition(page.records);
      if (top) {
        await advanceWatermark(this.db.manager, b.systemKey, b.entityType, top, runId);
        tally.watermark = maxPosition(tally.watermark ?? null, top);
      }
      if (page.next !== undefined && cursors.has(page.next)) {
        throw new AdapterError(`${b.systemKey} ${b.mapping.name}: the listing returned a cursor it had already returned`, {
          retryable: false, code: 'LIST_CURSOR_REPEATED',
        });
      }
      cursor = page.next;
      if (cursor !== undefined) cursors.add(cursor);
    } while (cursor !== undefined);
    return tally;
  }

  /** One record by its external id; `found: false` when the system no longer has it. */
  async pullOne(runId: string, b: PullBinding, externalId: string, origin: PullOrigin): Promise<PullTally & { found: boolean }> {
    const tally = emptyTally();
    const record = await b.adapter.get(b.mapping, externalId);
    if (!record) return { ...tally, found: false };
    tally.seen = 1;
    tally.queued = await this.store(runId, b, origin, [record], tally.errors);
    return { ...tally, found: true };
  }

  /**
   * Stores pulled records as inbox events and links the new ones to the run. Events already in the inbox
   * are looked up first so the run counts (and links) only what it added; a concurrent run adding the
   * same event at the same moment is the only way to count one twice.
   */
  async store(runId: string, b: PullBinding, origin: PullOrigin, records: AdapterRecord[], errors: SyncRunError[]): Promise<number> {
    if (records.length === 0) return 0;
    const readAt = new Date().toISOString();
    const drafts = records.map((r) => pulledRecordDraft(pullTarget(b), r, readAt));
    return this.write(runId, b, origin, drafts, errors);
  }

  /** Delete events for records the system no longer has (reconciliation with policy propagate, or a steward's approval). */
  async storeDeletes(runId: string, b: PullBinding, externalIds: string[], cause: string, errors: SyncRunError[]): Promise<number> {
    const at = new Date().toISOString();
    return this.write(runId, b, 'reconcile', externalIds.map((id) => inferredDeleteDraft(pullTarget(b), id, cause, at)), errors);
  }

  private async write(runId: string, b: PullBinding, origin: PullOrigin, drafts: InboxEventDraft[], errors: SyncRunError[]): Promise<number> {
    const known = await knownEventIds(this.db.manager, b.systemKey, drafts.map((d) => d.eventId));
    const fresh = drafts.filter((d) => !known.has(d.eventId));
    if (fresh.length === 0) return 0;
    let written: InboxEventDraft[];
    try {
      await this.inbox.write(b.systemKey, origin, fresh);
      written = fresh;
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'PAYLOAD_UNSTORABLE') throw err;
      written = await this.writeOneByOne(b, origin, fresh, errors);
    }
    await this.runs.linkEvents(runId, b.systemKey, written.map((d) => d.eventId));
    return written.length;
  }

  /** A record PostgreSQL cannot store (a NUL character in a value) must not hold back the rest of its page. */
  private async writeOneByOne(b: PullBinding, origin: PullOrigin, drafts: InboxEventDraft[], errors: SyncRunError[]): Promise<InboxEventDraft[]> {
    const written: InboxEventDraft[] = [];
    for (const d of drafts) {
      try {
        await this.inbox.write(b.systemKey, origin, [d]);
        written.push(d);
      } catch (err) {
        if (!(err instanceof DomainError) || err.code !== 'PAYLOAD_UNSTORABLE') throw err;
        errors.push({ code: err.code, message: err.message, entityType: b.entityType, externalId: d.externalId });
      }
    }
    return written;
  }
}
