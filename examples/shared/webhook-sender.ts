import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { Webhook } from 'standardwebhooks';

export interface WebhookSenderOptions {
  /** the hub's name for this system: events go to {hubUrl}/webhooks/{systemKey} */
  systemKey: string;
  /** no hubUrl: the system has nowhere to send, as if webhooks were off */
  hubUrl?: string;
  /** Standard Webhooks secret, whsec_ + base64 */
  secret?: string;
  enabled?: boolean;
  /** tries per event, the first included */
  attempts?: number;
  /** wait before the first retry; doubles for each further one */
  retryDelayMs?: number;
  timeoutMs?: number;
  log?: (line: string) => void;
}

export interface WebhookEnvelope {
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

export type DeliveryOutcome = 'pending' | 'delivered' | 'failed' | 'dropped' | 'suppressed' | 'abandoned';

export interface DeliveryEntry {
  id: string;
  type: string;
  outcome: DeliveryOutcome;
  attempts: number;
  lastStatus?: number;
  error?: string;
  at: string;
}

export interface WebhookStats {
  enabled: boolean;
  target: string | null;
  dropNext: number;
  pending: number;
  delivered: number;
  failed: number;
  dropped: number;
  suppressed: number;
  /** most recent last */
  deliveries: DeliveryEntry[];
}

const LOG_LIMIT = 1000;

/**
 * Sends one signed webhook per change, in order, off the request path (a slow hub never slows the
 * system's API), retrying network errors, 408, 429 and 5xx with exponential backoff. The webhook-id is
 * fixed per event across retries, so the hub can deduplicate; each try is signed with a fresh timestamp.
 */
export class WebhookSender {
  private readonly signer?: Webhook;
  private readonly target?: URL;
  private enabled: boolean;
  private dropRemaining = 0;
  private readonly queue: { entry: DeliveryEntry; body: string }[] = [];
  private pump: Promise<void> | null = null;
  private closed = false;
  private readonly abort = new AbortController();
  private counts = { delivered: 0, failed: 0, dropped: 0, suppressed: 0 };
  private entries: DeliveryEntry[] = [];

  constructor(private readonly opts: WebhookSenderOptions) {
    this.enabled = opts.enabled ?? true;
    if (opts.hubUrl) {
      if (!opts.secret) throw new Error(`system ${opts.systemKey}: a webhook secret (whsec_…) is required when a hub URL is set`);
      const base = opts.hubUrl.endsWith('/') ? opts.hubUrl : `${opts.hubUrl}/`;
      this.target = new URL(`webhooks/${encodeURIComponent(opts.systemKey)}`, base);
      this.signer = new Webhook(opts.secret);
    }
  }

  /** Queues one event; returns at once. */
  send(envelope: WebhookEnvelope): DeliveryEntry {
    const entry: DeliveryEntry = { id: `msg_${randomUUID()}`, type: envelope.type, outcome: 'pending', attempts: 0, at: new Date().toISOString() };
    this.remember(entry);
    if (!this.enabled || !this.target || this.closed) {
      entry.outcome = 'suppressed';
      this.counts.suppressed++;
    } else if (this.dropRemaining > 0) {
      this.dropRemaining--;
      entry.outcome = 'dropped';
      this.counts.dropped++;
      this.opts.log?.(`webhook ${entry.id} ${entry.type} dropped on purpose`);
    } else {
      this.queue.push({ entry, body: JSON.stringify(envelope) });
      this.kick();
    }
    return entry;
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
  }

  /** The next n events are lost on purpose (never sent), to test the hub's polling fallback. */
  dropNext(n: number): void {
    this.dropRemaining = n;
  }

  /** Resolves when every queued event has been delivered or given up on. */
  async idle(): Promise<void> {
    while (this.pump) await this.pump;
  }

  stats(): WebhookStats {
    return {
      enabled: this.enabled && this.target !== undefined,
      target: this.target?.toString() ?? null,
      dropNext: this.dropRemaining,
      pending: this.queue.length + this.entries.filter((e) => e.outcome === 'pending' && e.attempts > 0).length,
      ...this.counts,
      deliveries: this.entries.map((e) => ({ ...e })),
    };
  }

  /** Forgets queued events, counters and the drop counter; keeps on/off. */
  reset(): void {
    for (const { entry } of this.queue.splice(0)) entry.outcome = 'abandoned';
    this.counts = { delivered: 0, failed: 0, dropped: 0, suppressed: 0 };
    this.entries = [];
    this.dropRemaining = 0;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const { entry } of this.queue.splice(0)) entry.outcome = 'abandoned';
    this.abort.abort();
    await this.idle();
  }

  private kick(): void {
    if (this.pump || this.closed) return;
    // Restart check in finally: an event queued between the loop's last check and this callback must not wait forever.
    this.pump = this.run().finally(() => {
      this.pump = null;
      if (this.queue.length) this.kick();
    });
  }

  private async run(): Promise<void> {
    for (let item = this.queue.shift(); item; item = this.queue.shift()) {
      await this.deliver(item.entry, item.body);
    }
  }

  private async deliver(entry: DeliveryEntry, body: string): Promise<void> {
    const attempts = this.opts.attempts ?? 4;
    for (let attempt = 1; attempt <= attempts && !this.closed; attempt++) {
      entry.attempts = attempt;
      const result = await this.post(entry.id, body);
      if (result.status !== undefined && result.status >= 200 && result.status < 300) {
        entry.outcome = 'delivered';
        entry.lastStatus = result.status;
        this.counts.delivered++;
        return;
      }
      entry.lastStatus = result.status;
      entry.error = result.error;
      const status = result.status;
      const retryable = status === undefined || status >= 500 || status === 408 || status === 429;
      if (!retryable || attempt === attempts) break;
      try {
        await delay((this.opts.retryDelayMs ?? 250) * 2 ** (attempt - 1), undefined, { signal: this.abort.signal });
      } catch {
        break;
      }
    }
    if (this.closed) {
      entry.outcome = 'abandoned';
      return;
    }
    entry.outcome = 'failed';
    this.counts.failed++;
    this.opts.log?.(`webhook ${entry.id} ${entry.type} failed after ${entry.attempts} tries: ${entry.error ?? `HTTP ${entry.lastStatus}`}`);
  }

  private async post(id: string, body: string): Promise<{ status?: number; error?: string }> {
    const timestamp = new Date();
    const headers = {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
      'webhook-signature': this.signer!.sign(id, timestamp, body),
    };
    try {
      const signal = AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.opts.timeoutMs ?? 5000)]);
      const res = await fetch(this.target!, { method: 'POST', headers, body, signal });
      const text = await res.text();
      return res.ok ? { status: res.status } : { status: res.status, error: `HTTP ${res.status}: ${text.slice(0, 200)}` };
    } catch (err) {
      const cause = err instanceof Error && err.cause instanceof Error ? ` (${err.cause.message})` : '';
      return { error: `${err instanceof Error ? err.message : String(err)}${cause}` };
    }
  }

  private remember(entry: DeliveryEntry): void {
    this.entries.push(entry);
    if (this.entries.length > LOG_LIMIT) this.entries.splice(0, this.entries.length - LOG_LIMIT);
  }
}
