import type { AdapterRecord } from '../adapters/adapter.types';
import type { CanonicalRecord } from '../catalog/catalog.types';
import type { MappingError } from '../mapping/mapping.types';
import type { DeliveryOperation } from './domain/delivery-plan';

export const DELIVERY_STATUSES = ['pending', 'in_flight', 'delivered', 'dead', 'paused', 'superseded'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** What every outbox row carries: the target, the record's version, and what to write there. */
interface OutboxRowFields {
  system: string;
  entityType: string;
  goldenId: string;
  goldenVersion: number;
  operation: DeliveryOperation;
  payload: Record<string, unknown>;
  canonical: CanonicalRecord;
  payloadHash: string;
  mappingErrors: MappingError[] | null;
  /** the correlation id of the change whose version this row delivers (the latest one when compressed) */
  correlationId: string | null;
}

/** A new or compressed outbox row, as the enqueue listener writes it. */
export interface OutboxDraft extends OutboxRowFields {
  /** first attempt: now, or the system's next window in batch mode */
  nextAttemptAt: Date;
  /** batch mode: the window the row is sent in (= nextAttemptAt); null otherwise */
  windowAt: Date | null;
}

/** A row a worker has claimed (status in_flight, attempts already counting this attempt). */
export interface ClaimedDelivery extends OutboxRowFields {
  id: string;
  attempts: number;
  idempotencyKey: string;
  /** an earlier write of this row may have reached the system without an answer */
  unacked: boolean;
  /** the batch window this attempt belongs to (its first in the window); null outside one */
  windowAt: Date | null;
  /** conditional writes: the system's version of the record the hub last processed or wrote (set by the claim) */
  remoteVersion?: string | null;
  /** which of the system's records remoteVersion is of (null: not known) */
  remoteExternalId?: string | null;
  /** when the version this row delivers was written (applied → delivered latency); null for rows from before it was kept */
  appliedAt: Date | null;
  /** the hash of `canonical`'s echo projection, computed once by the claim (the ledger notes it sent, then acknowledged) */
  echoHash?: string | null;
}

/** How one delivery attempt ended, as the executor reports it. */
export type AttemptResult =
  | {
      ok: true;
      /** what was done in the system */
      action: 'created' | 'updated' | 'adopted' | 'deleted' | 'noop';
      /** the record's id in the system (after a delete: the id removed; absent after a no-op) */
      externalId?: string;
      /** the system's id that turned out to be gone (an update answered "not found") */
      goneExternalId?: string;
      /** the payload actually sent, when it was re-mapped at delivery time */
      sentPayload?: Record<string, unknown>;
      /** the record as the system answered, when it did (its version is the next write's precondition) */
      written?: AdapterRecord;
    }
  | {
      ok: false;
      retryable: boolean;
      retryAfterMs?: number;
      status?: number;
      code: string;
      message: string;
      /** the write may have been applied although no success was seen */
      maybeApplied: boolean;
      /** SYSTEM_CHANGED: the record as the system holds it now, to be processed before writing again */
      refreshed?: AdapterRecord;
    };

export type FailedAttempt = Extract<AttemptResult, { ok: false }>;
