import type { CanonicalRecord } from '../../catalog/catalog.types';
import { clonePresent } from './clone-value';
import { laterTimestamp } from './survivorship-policy';
import type { ChangeResult, IncomingChange, SourceState } from './survivorship.types';

/**
 * The incoming system's source state once `result` (from applyChange of `incoming`) is stored: what it said is
 * merged over what it said before (a partial change leaves other fields alone), its base moves to golden.
 */
export function nextSourceState(previous: SourceState | null, incoming: IncomingChange, result: ChangeResult): SourceState {
  return {
    system: incoming.system,
    data: { ...(previous?.data ?? {}), ...clonePresent(incoming.data) },
    synced: result.incomingSynced,
    at: previous === null ? incoming.at : laterTimestamp(previous.at, incoming.at),
  };
}

/**
 * A system's source state once the hub has written `written` (canonical values) to it: it now holds those values
 * and is in sync with them. Call it when the write is confirmed, not when it is queued — until then the system
 * still holds its old values, and moving its base early would make its next unchanged re-send look like an edit.
 * `at` is used only when the hub created the record there (no previous state).
 */
export function withDelivered(previous: SourceState | null, system: string, written: CanonicalRecord, at: string): SourceState {
  const values = clonePresent(written);
  return {
    system,
    data: { ...(previous?.data ?? {}), ...values },
    synced: { ...(previous?.synced ?? {}), ...values },
    at: previous?.at ?? at,
  };
}
