import { SECRETS, signedWebhook } from '../../support/webhooks';
import { pause } from './reliability';

export interface StreamBatch {
  /** webhook-id of the batch request: the same on every retry */
  id: string;
  events: { id: string; type: string; timestamp: string; data: Record<string, unknown> }[];
}

export interface StreamStats {
  /** batches answered 202 (stored) or 200 (a retry of a batch already stored) */
  accepted: number;
  /** events in those batches */
  acceptedEvents: number;
  /** answers per HTTP status, retries included */
  statuses: Record<number, number>;
  /** connection refused or reset: the hub was not there */
  networkErrors: number;
  /** no answer within the request timeout */
  timeouts: number;
}

/**
 * System A sending signed batch webhooks one after the other, as a real sender does: a batch that is not
 * accepted (hub gone, 5xx) is sent again with the same ids after a short wait, so every batch is stored
 * once in the end. Runs until every batch is accepted or `stop()` is called.
 */
export class WebhookStream {
  readonly stats: StreamStats = { accepted: 0, acceptedEvents: 0, statuses: {}, networkErrors: 0, timeouts: 0 };
  private stopped = false;
  readonly done: Promise<void>;

  constructor(
    private readonly baseUrl: () => string,
    private readonly batches: StreamBatch[],
    private readonly requestTimeoutMs = 15_000,
    /** wait between accepted batches: a sender that trickles rather than bursts */
    private readonly paceMs = 0,
  ) {
    this.done = this.run();
  }

  get remaining(): number {
    return this.batches.length - this.stats.accepted;
  }

  stop(): void {
    this.stopped = true;
  }

  private async run(): Promise<void> {
    for (const batch of this.batches) {
      while (!this.stopped && !(await this.send(batch))) await pause(100);
      if (this.stopped) return;
      this.stats.accepted++;
      this.stats.acceptedEvents += batch.events.length;
      if (this.paceMs) await pause(this.paceMs);
    }
  }

  private async send(batch: StreamBatch): Promise<boolean> {
    const { raw, headers } = signedWebhook(SECRETS.A, { events: batch.events }, batch.id);
    try {
      const res = await fetch(`${this.baseUrl()}/webhooks/A/batch`, {
        method: 'POST', headers, body: raw, signal: AbortSignal.timeout(this.requestTimeoutMs),
      });
      await res.arrayBuffer();
      this.stats.statuses[res.status] = (this.stats.statuses[res.status] ?? 0) + 1;
      return res.status === 202 || res.status === 200;
    } catch (err) {
      if ((err as Error).name === 'TimeoutError') this.stats.timeouts++;
      else this.stats.networkErrors++;
      return false;
    }
  }
}

/** `records` contacts updated `updates` times each, one batch per round of `perBatch` records: first name v0, v1, … */
export function contactUpdates(prefix: string, records: number, updates: number, perBatch: number): StreamBatch[] {
  const batches: StreamBatch[] = [];
  for (let u = 0; u < updates; u++) {
    for (let start = 0; start < records; start += perBatch) {
      const events = [];
      for (let i = start; i < Math.min(records, start + perBatch); i++) {
        events.push({
          id: `${prefix}-evt-${u}-${i}`,
          type: 'contacts.updated',
          timestamp: new Date().toISOString(),
          data: { id: `${prefix}-${i}`, email: `${prefix}${i}@example.com`, firstName: `v${u}`, lastName: `Record ${i}` },
        });
      }
      batches.push({ id: `${prefix}-batch-${u}-${start}`, events });
    }
  }
  return batches;
}
