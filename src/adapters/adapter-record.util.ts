import { versionField } from '../config/conditional-writes';
import type { SystemEntityConfig } from '../config/hub-config.schema';
import { AdapterError } from './adapter.error';
import type { AdapterRecord } from './adapter.types';

/** Reads a system field; dot notation reaches nested objects, as in field mappings (address.city). */
export function readField(record: Record<string, unknown>, field: string): unknown {
  if (field in record) return record[field];
  let current: unknown = record;
  for (const part of field.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** External ids are strings everywhere in the hub, whatever type the system uses. */
export function idToString(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  return undefined;
}

/**
 * Watermarks must be ISO 8601 so the poller can compare and store them; other forms (epoch numbers,
 * local date strings) are left out rather than guessed, and the poller falls back to its own clock.
 */
export function toIsoTimestamp(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (typeof value !== 'string') return undefined;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return undefined;
  return Number.isNaN(Date.parse(value)) ? undefined : value;
}

/** Builds an AdapterRecord from a system record; a record without its id means the config is wrong. */
export function toAdapterRecord(entity: SystemEntityConfig, data: Record<string, unknown>, fallbackId?: string): AdapterRecord {
  const externalId = idToString(readField(data, entity.id)) ?? fallbackId;
  if (externalId === undefined) {
    throw new AdapterError(`record of ${entity.name} has no id field "${entity.id}"`, {
      retryable: false,
      code: 'RECORD_WITHOUT_ID',
    });
  }
  const updatedAt = entity.updatedAt ? toIsoTimestamp(readField(data, entity.updatedAt)) : undefined;
  const version = recordVersion(entity, data);
  return { externalId, data, ...(updatedAt === undefined ? {} : { updatedAt }), ...(version === undefined ? {} : { version }) };
}

/** A record's version as the hub stores and sends it back (a string), when the entity has a version field. */
export function recordVersion(entity: SystemEntityConfig, data: Record<string, unknown>): string | undefined {
  const field = versionField(entity);
  if (field === undefined) return undefined;
  const value = readField(data, field);
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return undefined;
}
