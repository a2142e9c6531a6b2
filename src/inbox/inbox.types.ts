/**
 * The inbox (`inbox_event`): every change received or read from a system, durable before anyone is told it was
 * accepted, and the pipeline's work queue. Owned by this module; see docs/architecture.md.
 */

/** Matches the inbox_event.origin check constraint. */
export type InboxOrigin = 'webhook' | 'batch' | 'poll' | 'refresh' | 'reconcile';

export type InboxAction = 'upsert' | 'delete';

/** The channel the inbox worker LISTENs on; an empty payload only says "look again". */
export const INBOX_CHANNEL = 'hub_inbox';

/** Longest sender event id the inbox stores (`webhook-id`, a batch event's id, a pulled record's id). */
export const MAX_EVENT_ID_LENGTH = 256;
/** Longest system record id the inbox stores. */
export const MAX_EXTERNAL_ID_LENGTH = 512;

/** One change ready for the inbox (system and origin are added by the writer). */
export interface InboxEventDraft {
  eventId: string;
  eventType: string;
  /** canonical entity type name */
  entityType: string;
  action: InboxAction;
  externalId: string;
  /** the system's own record, unchanged, serialised once because the insert sends it as text */
  payloadJson: string;
  /** ISO 8601 UTC: when the system says the change was made (envelope timestamp, record updated-at), else when it was read */
  sourceTimestamp: string;
}

export interface InboxWriteResult {
  inserted: number;
  duplicates: number;
  /** inbox row id of the first new event (the only one for a single webhook); null when all were replays */
  firstId: string | null;
  /** set when the write's budget was spent: nothing of it was stored */
  refused?: { msBeforeNext: number };
}

/**
 * A rate-limit budget a write spends (security/rate-limit.ts decides key and size): counted in the same
 * statement that stores the events, so a webhook costs one round trip, and every replica shares the count.
 */
export interface InboxBudget {
  /** the rate_limit row (rate-limiter-flexible's key layout, so its own limiters and this one agree) */
  key: string;
  points: number;
  limit: number;
  windowMs: number;
}

/** A claimed inbox row, as the pipeline sees it. */
export interface InboxEvent {
  id: string;
  system: string;
  eventId: string;
  eventType: string;
  entityType: string;
  action: InboxAction;
  externalId: string;
  payload: Record<string, unknown>;
  origin: string;
  sourceTimestamp: string | null;
  receivedAt: string;
  /** the request or work that brought the change in; null for events stored without one */
  correlationId: string | null;
}

export type InboxEventStatus = 'applied' | 'noop' | 'echo' | 'rejected' | 'failed';

/** What processing decided for one event, stored on its row. */
export interface InboxOutcome {
  id: string;
  status: InboxEventStatus;
  reason?: string;
  errors?: unknown[];
  goldenId?: string;
  goldenVersion?: number;
}
