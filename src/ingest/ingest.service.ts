import type { IncomingHttpHeaders } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import type { ActiveConfig } from '../config/active-config';
import { APP_SETTINGS, type AppSettings } from '../config/app-settings';
import { HubConfigService } from '../config/hub-config.service';
import { acceptedWebhookSecrets } from '../config/webhook-secrets';
import { InboxWriterService } from '../inbox/inbox-writer.service';
import type { InboxEventDraft, InboxOrigin, InboxWriteResult } from '../inbox/inbox.types';
import { RateLimitService } from '../security/rate-limit.service';
import { IngestError } from './ingest.errors';
import { MAX_BATCH_EVENTS, parseBatch, parseWebhookEvent } from './webhook-envelope';
import { signatureHeaders, verifyWebhookSignature } from './webhook-signature';

/** What the transport hands over: the exact bytes that were signed and their parsed form. */
export interface WebhookRequest {
  systemKey: string;
  headers: IncomingHttpHeaders;
  rawBody: Buffer | undefined;
  body: unknown;
}

export interface WebhookOutcome {
  /** the sender's webhook-id */
  eventId: string;
  /** inbox row id; null when the event was a replay of one already stored */
  inboxId: string | null;
  duplicate: boolean;
}

/** Counts are returned (not only logged) so metrics can be added around this call without touching it. */
export interface BatchOutcome {
  /** the batch request's own webhook-id */
  batchId: string;
  accepted: number;
  duplicates: number;
}

interface Authenticated {
  active: ActiveConfig;
  webhookId: string;
  signedAt: Date;
}

/**
 * Webhook ingest: authenticate the system by signature, validate the envelope against the configuration in
 * force, and store the change in the inbox. Checks run cheapest-first and authentication before anything that
 * would tell an unauthenticated caller about the configuration (event types, id fields).
 */
@Injectable()
export class IngestService {
  constructor(
    private readonly hubConfig: HubConfigService,
    private readonly inbox: InboxWriterService,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
    private readonly limits: RateLimitService,
  ) {}

  async receive(req: WebhookRequest): Promise<WebhookOutcome> {
    const { active, webhookId, signedAt } = this.authenticate(req);
    const draft = parseWebhookEvent(active, req.systemKey, req.body, webhookId, signedAt);
    const written = await this.writeWithinBudget(req.systemKey, 'webhook', [draft], 1);
    return { eventId: webhookId, inboxId: written.firstId, duplicate: written.inserted === 0 };
  }

  async receiveBatch(req: WebhookRequest): Promise<BatchOutcome> {
    const { active, webhookId, signedAt } = this.authenticate(req);
    const drafts = parseBatch(active, req.systemKey, req.body, signedAt, MAX_BATCH_EVENTS);
    const written = await this.writeWithinBudget(req.systemKey, 'batch', drafts, drafts.length);
    return { batchId: webhookId, accepted: written.inserted, duplicates: written.duplicates };
  }

  /**
   * Counted only once the sender is authenticated (unsigned traffic cannot spend a system's budget) and the
   * envelope is valid, in the statement that stores the events: one database round trip per webhook.
   */
  private async writeWithinBudget(systemKey: string, origin: InboxOrigin, drafts: InboxEventDraft[], points: number): Promise<InboxWriteResult> {
    const subject = { kind: 'webhook', system: systemKey } as const;
    const written = await this.inbox.write(systemKey, origin, drafts, this.limits.claim(subject, points));
    if (written.refused) throw this.limits.refusal(subject, written.refused.msBeforeNext);
    return written;
  }

  private authenticate(req: WebhookRequest): Authenticated {
    // One snapshot per request: a configuration swap mid-request must not mix two versions.
    const active = this.hubConfig.current();
    const system = Object.prototype.hasOwnProperty.call(active.config.systems, req.systemKey) ? active.config.systems[req.systemKey] : undefined;
    if (!system) throw new IngestError('UNKNOWN_SYSTEM', `no system "${req.systemKey}" is configured`, 'not_found');
    if (system.direction === 'out') {
      throw new IngestError('SYSTEM_NOT_INBOUND', `system ${req.systemKey} is configured as direction "out": the hub does not accept changes from it`, 'forbidden');
    }
    const secrets = acceptedWebhookSecrets(system);
    if (secrets.length === 0) {
      throw new IngestError('WEBHOOK_SECRET_NOT_CONFIGURED', `system ${req.systemKey} has no webhookSecret or webhookSecrets configured, so its webhooks cannot be verified`, 'forbidden');
    }
    const headers = signatureHeaders(req.headers);
    if (!req.rawBody || req.rawBody.length === 0) {
      throw new IngestError('BODY_REQUIRED', 'send the event as a JSON body with Content-Type: application/json', 'invalid');
    }
    const signedAt = verifyWebhookSignature({
      systemKey: req.systemKey, secrets, headers, rawBody: req.rawBody, toleranceSeconds: this.settings.webhookToleranceSeconds,
    });
    return { active, webhookId: headers.id, signedAt };
  }
}
