import { Webhook } from 'standardwebhooks';
import type { AdapterConfig, SystemEntityConfig } from '../../config/hub-config.schema';
import { adapterClosedError } from '../adapter.error';
import { idToString, readField } from '../adapter-record.util';
import type { AdapterRecord, ListChangesPage, SystemAdapter, WriteOptions } from '../adapter.types';
import { sendHttp, targetOf } from '../http/http-transport';

export type WebhookAdapterConfig = Extract<AdapterConfig, { type: 'webhook' }>;
export type WebhookEventAction = 'created' | 'updated' | 'deleted';

const TIMEOUT_MS = 10_000;

/**
 * Outbound notifications to a subscriber, signed per Standard Webhooks. The subscriber holds no records
 * the hub can read back, so reads answer nothing and only writes do work.
 */
export class WebhookAdapter implements SystemAdapter {
  private readonly signer: Webhook;
  private closed = false;

  constructor(
    readonly system: string,
    private readonly config: WebhookAdapterConfig,
  ) {
    this.signer = new Webhook(config.secret);
  }

  async create(entity: SystemEntityConfig, record: Record<string, unknown>, opts: WriteOptions): Promise<AdapterRecord> {
    // The record's own id when it has one, so a re-sent create keeps the same reference; else the key,
    // which is stable across retries of the same delivery.
    const externalId = idToString(readField(record, entity.id)) ?? opts.idempotencyKey;
    const data = withId(entity, record, externalId);
    await this.post(entity, 'created', data, opts.idempotencyKey);
    return { externalId, data };
  }

  async update(
    entity: SystemEntityConfig,
    externalId: string,
    record: Record<string, unknown>,
    opts: WriteOptions,
  ): Promise<AdapterRecord> {
    const data = withId(entity, record, externalId);
    await this.post(entity, 'updated', data, opts.idempotencyKey);
    return { externalId, data };
  }

  async delete(entity: SystemEntityConfig, externalId: string, opts: WriteOptions): Promise<void> {
    await this.post(entity, 'deleted', { [entity.id]: externalId }, opts.idempotencyKey);
  }

  // A notification endpoint holds nothing the hub can read back: no record, no changes.
  get(): Promise<null> {
    return Promise.resolve(null);
  }

  findBy(): Promise<null> {
    return Promise.resolve(null);
  }

  listChanges(): Promise<ListChangesPage> {
    return Promise.resolve({ records: [] });
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }

  private async post(entity: SystemEntityConfig, action: WebhookEventAction, data: Record<string, unknown>, messageId: string): Promise<void> {
    if (this.closed) throw adapterClosedError(this.system);
    const now = new Date();
    const body = JSON.stringify({ type: `${entity.name}.${action}`, timestamp: now.toISOString(), data });
    // webhook-id is the idempotency key: the spec has receivers drop a message id they have already seen.
    const headers = {
      'content-type': 'application/json',
      'webhook-id': messageId,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': this.signer.sign(messageId, now, body),
    };
    await sendHttp({ method: 'POST', target: targetOf(new URL(this.config.url)), headers, body, timeoutMs: TIMEOUT_MS });
  }
}

/** Subscribers correlate created/updated/deleted events by id, so every event carries it. */
function withId(entity: SystemEntityConfig, record: Record<string, unknown>, externalId: string): Record<string, unknown> {
  return readField(record, entity.id) === undefined ? { ...record, [entity.id]: externalId } : record;
}
