import { AdapterError } from '../adapters/adapter.error';
import type { AdapterRecord, SystemAdapter, WriteOptions } from '../adapters/adapter.types';
import type { SystemEntityBinding } from '../config/active-config';
import { writesConditionally } from '../config/conditional-writes';
import type { SystemConfig } from '../config/hub-config.schema';
import { readPath } from '../mapping/record-path.util';
import { resolveFieldMappings } from '../mapping/field-mapping.util';
import type { AttemptResult, ClaimedDelivery, FailedAttempt } from './delivery.types';

/** How long a write refused on its precondition waits at most for the pipeline to merge the record read back. */
export const REFRESH_WAIT_MS = 30_000;

export type AdapterLookup = (system: string, config: SystemConfig) => SystemAdapter | null;

/** What the worker prepared for one claimed row from the database. */
export interface PreparedDelivery {
  row: ClaimedDelivery;
  /** null: the system no longer takes this entity type out (configuration changed since enqueue) */
  binding: SystemEntityBinding | null;
  /** the system's current id of the record (live, not deleted there), if any */
  externalId?: string;
  /** the body to send: the enqueued payload, or a fresh mapping when references were missing at enqueue */
  payload: Record<string, unknown>;
  /** set when the payload was re-mapped here */
  remapped: boolean;
  /** the payload still lacks a reference to a record whose own delivery to this system is under way */
  waitingForReference?: string;
}

/**
 * Runs one delivery against the system's adapter. The operation is decided now, not at enqueue, from what is
 * known at this moment: a delete needs an id, an upsert updates the record the system has or creates one, and
 * a create first looks the record up by the entity's match key (unless the system sets
 * `delivery.lookupBeforeCreate: false`; always when an earlier attempt got no answer), so neither a retry nor a
 * record the system's users created meanwhile ends up twice there.
 */
export class DeliveryExecutor {
  constructor(private readonly adapters: AdapterLookup) {}

  async run(p: PreparedDelivery): Promise<AttemptResult> {
    try {
      return await this.attempt(p);
    } catch (err) {
      return failure(err);
    }
  }

  private async attempt(p: PreparedDelivery): Promise<AttemptResult> {
    const { row, binding } = p;
    if (!binding) {
      return permanent('NO_BINDING', `system ${row.system} no longer sends ${row.entityType} records out (configuration changed)`);
    }
    const adapter = this.adapters(row.system, binding.system);
    if (!adapter) return permanent('NO_ADAPTER', `system ${row.system} has no adapter configured`);
    const entity = binding.mapping;
    const opts = { idempotencyKey: row.idempotencyKey };
    const sentPayload = p.remapped ? p.payload : undefined;

    if (row.operation === 'delete') {
      if (p.externalId === undefined) return { ok: true, action: 'noop' };
      await adapter.delete(entity, p.externalId, opts);
      return { ok: true, action: 'deleted', externalId: p.externalId };
    }
    if (p.waitingForReference) {
      return { ok: false, retryable: true, code: 'REFERENCE_PENDING', message: p.waitingForReference, maybeApplied: false };
    }
    let goneExternalId: string | undefined;
    if (p.externalId !== undefined) {
      // A version of another record of the system (a merge left it two) is no precondition for this one.
      const versionOfThis = row.remoteExternalId == null || row.remoteExternalId === p.externalId;
      const ifVersion = writesConditionally(binding.system) && versionOfThis ? (row.remoteVersion ?? undefined) : undefined;
      const updated = await this.update(adapter, binding, p.externalId, p.payload, { ...opts, ifVersion });
      if (!updated.ok) return updated;
      if (updated.record) return { ok: true, action: 'updated', externalId: p.externalId, sentPayload, written: updated.record };
      goneExternalId = p.externalId;
    } else if (row.unacked || binding.system.delivery?.lookupBeforeCreate !== false) {
      // An earlier attempt may have landed, or the system's user created the same record before the hub heard of
      // it (the seed's "if it exists in B: update, else create"): found by the match key, it is adopted.
      const found = await this.lookUp(adapter, binding, p.payload);
      if (found) {
        const adopted = await adapter.update(entity, found, p.payload, opts);
        if (adopted) return { ok: true, action: 'adopted', externalId: found, sentPayload, written: adopted };
      }
    }
    const created = await adapter.create(entity, p.payload, opts);
    return { ok: true, action: 'created', externalId: created.externalId, goneExternalId, sentPayload, written: created };
  }

  /**
   * A conditional update the system refused because the record changed there since the version the hub last
   * processed: nothing was written. The record is read as it is now, so that change goes through the pipeline
   * (merged by the rules) before this row is tried again with the new version.
   */
  private async update(
    adapter: SystemAdapter, binding: SystemEntityBinding, externalId: string, payload: Record<string, unknown>, opts: WriteOptions,
  ): Promise<{ ok: true; record: AdapterRecord | null } | FailedAttempt> {
    try {
      return { ok: true, record: await adapter.update(binding.mapping, externalId, payload, opts) };
    } catch (err) {
      if (!(err instanceof AdapterError) || err.code !== 'SYSTEM_CHANGED') throw err;
      const refreshed = await adapter.get(binding.mapping, externalId);
      // Retried when the pipeline has merged what was read (wakeRefusedDeliveries); the delay is only the fallback.
      // Refused by its precondition, so not applied, whether or not the system speaks HTTP.
      return { ...failure(err), maybeApplied: false, retryAfterMs: REFRESH_WAIT_MS, ...(refreshed ? { refreshed } : {}) };
    }
  }

  /** The record by the system field mapped to the entity's first single-field match key, when there is one. */
  private async lookUp(adapter: SystemAdapter, binding: SystemEntityBinding, payload: Record<string, unknown>): Promise<string | undefined> {
    const systemField = matchKeyField(binding);
    if (systemField === undefined) return undefined;
    const value = readPath(payload, systemField);
    if (value === undefined || value === null || value === '') return undefined;
    const found = await adapter.findBy(binding.mapping, systemField, value);
    return found?.externalId;
  }
}

/** The system field of the first match key made of one field the system is sent; undefined when none. */
export function matchKeyField(binding: SystemEntityBinding): string | undefined {
  const mappings = resolveFieldMappings(binding.mapping);
  for (const key of binding.entityType.matchOn) {
    if (key.length !== 1) continue;
    const fm = mappings.find((m) => m.canonical === key[0] && m.direction !== 'in');
    if (fm && !binding.entityType.fields[key[0]]?.sensitive) return fm.field;
  }
  return undefined;
}

function permanent(code: string, message: string): AttemptResult {
  return { ok: false, retryable: false, code, message, maybeApplied: false };
}

/**
 * Anything but a clear "no" from the system may have been applied: a timeout, a dropped connection or a 5xx
 * can follow a successful write. A 4xx answer (including 429) means the system refused it.
 */
function failure(err: unknown): FailedAttempt {
  if (err instanceof AdapterError) {
    const refused = err.status !== undefined && err.status >= 400 && err.status < 500;
    return {
      ok: false, retryable: err.retryable, retryAfterMs: err.retryAfterMs, status: err.status, code: err.code,
      message: err.message, maybeApplied: !refused,
    };
  }
  // An unexpected error (a bug, a closed pool) is retried: the backoff and the attempt limit still bound it.
  return { ok: false, retryable: true, code: 'DELIVERY_ERROR', message: (err as Error)?.message ?? String(err), maybeApplied: true };
}
