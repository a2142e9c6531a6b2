import { hash } from 'node:crypto';
import stringify from 'safe-stable-stringify';
import { type InboxEventDraft, MAX_EVENT_ID_LENGTH } from '../inbox.types';

/**
 * Inbox drafts for changes the hub reads from a system rather than receives: records pulled by polling, refresh
 * and reconciliation, records read back after a refused conditional write, and deletes the hub inferred. Plain
 * TypeScript, unit-tested without a database.
 */

/** A record as read from a system (an adapter's record has this shape). */
export interface PulledRecord {
  externalId: string;
  data: Record<string, unknown>;
  /** the system's updated-at of the record, when it has one */
  updatedAt?: string;
}

export interface PullTarget {
  /** canonical entity type */
  entityType: string;
  /** the system's own name for the entity (event type prefix) */
  systemName: string;
  /** the system's id field, used for the payload of inferred deletes */
  idField: string;
}

function digest(value: string): string {
  return hash('sha256', value, 'base64url');
}

/**
 * One id per record version, whichever way it was pulled (poll, refresh, reconcile): re-reading a row in
 * the overlap window, or a refresh of a version a poll already stored, is a duplicate the inbox skips.
 * The content hash is part of the id because systems with coarse timestamps can change a record twice
 * within one updated-at value; the timestamp is there for people reading the inbox.
 */
export function pullEventId(entityType: string, record: PulledRecord): string {
  const contentHash = digest(stringify(record.data) ?? 'null').slice(0, 22);
  const id = `pull:${entityType}:${record.externalId}:${record.updatedAt ?? '-'}:${contentHash}`;
  return id.length <= MAX_EVENT_ID_LENGTH ? id : `pull:${entityType}:${digest(id)}`;
}

/** An upsert draft for a pulled record; its source timestamp is the record's own, else when it was read. */
export function pulledRecordDraft(target: PullTarget, record: PulledRecord, readAt: string): InboxEventDraft {
  return {
    eventId: pullEventId(target.entityType, record),
    eventType: `${target.systemName}.updated`,
    entityType: target.entityType,
    action: 'upsert',
    externalId: record.externalId,
    payloadJson: JSON.stringify(record.data),
    sourceTimestamp: record.updatedAt ?? readAt,
  };
}

/**
 * A delete the system never announced. `cause` makes the id unique per decision (the reconciliation run, or
 * the steward's approval), so the same record deleted, restored and deleted again gets a new event.
 */
export function inferredDeleteDraft(target: PullTarget, externalId: string, cause: string, at: string): InboxEventDraft {
  const id = `reconcile-delete:${cause}:${target.entityType}:${externalId}`;
  return {
    eventId: id.length <= MAX_EVENT_ID_LENGTH ? id : `reconcile-delete:${digest(id)}`,
    eventType: `${target.systemName}.deleted`,
    entityType: target.entityType,
    action: 'delete',
    externalId,
    payloadJson: JSON.stringify({ [target.idField]: externalId }),
    sourceTimestamp: at,
  };
}
