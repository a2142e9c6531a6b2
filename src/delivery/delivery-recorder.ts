import type { EntityManager } from 'typeorm';
import { updateWindows, type WindowChanges } from './batch-window.repository';
import { type ActiveConfig, bindingByEntityType } from '../config/active-config';
import { payloadHash } from '../golden-records/domain/payload-hash';
import { type DeliveredWrite, recordDelivered } from '../golden-records/system-records/system-records';
import { linkCreated, lockGolden, markSourcesDeleted, type NewXref, type SourceRef } from '../golden-records/system-records/system-records.repository';
import { recordKey } from '../common/record-key';
import { writesConditionally } from '../config/conditional-writes';
import { pulledRecordDraft } from '../inbox/domain/inbox-drafts';
import { insertInboxEvents } from '../inbox/inbox.repository';
import { type AnswerEntry, recordAnswers, recordRemoteVersions } from './ledger/delivery-ledger.repository';
import type { RemoteVersion } from './domain/remote-version';
import { finishRows, foldRetriesIntoWaiting } from './delivery-results.repository';
import type { AttemptResult, ClaimedDelivery } from './delivery.types';
import type { RowOutcome } from './domain/delivery-outcome';
import { echoHash, echoProjection, hubOnlyHash, projectedFields } from './domain/echo-projection';

export interface Attempt {
  row: ClaimedDelivery;
  result: AttemptResult;
  outcome: RowOutcome;
}

/**
 * One transaction per claim batch: what the systems answered becomes outbox statuses, ledger entries,
 * cross-references for created records, and the systems' source records (what they now hold; both through
 * golden-records, which owns those tables). The golden records are locked first, as the pipeline locks them, and
 * batch windows last (see updateWindows).
 * Returns the links that could not be made (the system's id already belongs to another golden record).
 */
export async function recordAttempts(m: EntityManager, active: ActiveConfig, attempts: Attempt[], nowIso: string): Promise<NewXref[]> {
  // Every record of the batch, not only the delivered ones: while these locks are held no pipeline batch can
  // enqueue a newer row for them, so a failed row going back to pending cannot collide with one.
  await lockGolden(m, attempts.map((a) => a.row.goldenId));
  const succeeded = attempts.filter((a) => a.result.ok);

  const links: NewXref[] = [];
  const deletedRefs: SourceRef[] = [];
  for (const { row, result } of succeeded) {
    if (!result.ok) continue;
    const ref = { system: row.system, entityType: row.entityType };
    if ((result.action === 'created' || result.action === 'adopted') && result.externalId !== undefined) {
      links.push({ ...ref, externalId: result.externalId, goldenId: row.goldenId });
    }
    if (result.action === 'deleted' && result.externalId !== undefined) deletedRefs.push({ ...ref, externalId: result.externalId });
    if (result.goneExternalId !== undefined) deletedRefs.push({ ...ref, externalId: result.goneExternalId });
  }
  const unlinked = await linkCreated(m, links);
  const blocked = new Set(unlinked.map((x) => recordKey(x.system, x.entityType, x.externalId)));
  await markSourcesDeleted(m, deletedRefs);
  await writeSources(m, active, succeeded, blocked, nowIso);

  await recordAnswers(m, attempts.map((a) => answerEntry(active, a)));
  await recordRemoteVersions(m, writtenVersions(active, succeeded));
  await storeRefreshed(m, active, attempts, nowIso);
  const retries = attempts.filter((a) => a.outcome.status === 'pending');
  // A newer waiting row does not inherit the wait of a refused precondition: that wait is for this row's read-back.
  const inherited = (a: Attempt) => (a.outcome.lastCode === 'SYSTEM_CHANGED' ? 0 : (a.outcome.delayMs ?? 0));
  const folded = await foldRetriesIntoWaiting(m, retries.map((a) => ({ id: a.row.id, delayMs: inherited(a), unacked: a.outcome.unacked })));
  const written = await finishRows(m, attempts.map((a) => a.outcome), folded);
  // Last: window locks come after every other lock of the transaction (see updateWindows).
  await updateWindows(m, settledInWindows(attempts, written));
  return unlinked;
}

/** The attempts that were their rows' first answer in a batch window (only outcomes actually written count). */
function settledInWindows(attempts: Attempt[], written: Set<string>): WindowChanges {
  const settled: WindowChanges['settled'] = [];
  for (const { row, outcome } of attempts) {
    if (!row.windowAt || !written.has(row.id)) continue;
    settled.push({
      system: row.system, windowAt: row.windowAt, entityType: row.entityType, goldenId: row.goldenId,
      outcome: outcome.status === 'pending' ? 'retry' : outcome.status,
      code: outcome.lastCode, message: outcome.lastError, status: outcome.lastStatus,
    });
  }
  return { joined: [], settled };
}

/**
 * The system's three-way merge base moves to what it was just written (recordDelivered), for the fields it
 * reports back. Systems that never report back get no source record: they are targets, not sources, and must
 * not take part in survivorship.
 */
async function writeSources(m: EntityManager, active: ActiveConfig, succeeded: Attempt[], blocked: Set<string>, nowIso: string): Promise<void> {
  const targets: DeliveredWrite[] = [];
  for (const { row, result } of succeeded) {
    if (!result.ok || row.operation !== 'upsert' || result.externalId === undefined || result.action === 'deleted') continue;
    const binding = bindingByEntityType(active, row.system, row.entityType);
    if (!binding || !projectedFields(binding).some((f) => f.echoed)) continue;
    const ref = { system: row.system, entityType: row.entityType, externalId: result.externalId };
    if (blocked.has(recordKey(ref.system, ref.entityType, ref.externalId))) continue;
    targets.push({ ref, goldenId: row.goldenId, written: echoProjection(binding, row.canonical) });
  }
  await recordDelivered(m, targets, nowIso);
}

/** Conditional writes: the version each system answered with becomes the precondition of the next write there. */
function writtenVersions(active: ActiveConfig, succeeded: Attempt[]): RemoteVersion[] {
  const versions: RemoteVersion[] = [];
  for (const { row, result } of succeeded) {
    if (!result.ok || result.written?.version === undefined) continue;
    const binding = bindingByEntityType(active, row.system, row.entityType);
    if (!binding || !writesConditionally(binding.system)) continue;
    versions.push({
      // Without the system's own time the version is stored untimed: the hub's clock is not the system's.
      system: row.system, entityType: row.entityType, goldenId: row.goldenId, version: result.written.version, at: result.written.updatedAt ?? null,
      externalId: result.externalId,
    });
  }
  return versions;
}

/**
 * A system refused a conditional write because the record changed there: the record as it is now goes into the
 * inbox (origin refresh) with this transaction, so the pipeline merges that change before the row is retried.
 * Its event id is per record version, so the webhook for the same change is a duplicate the pipeline skips.
 */
async function storeRefreshed(m: EntityManager, active: ActiveConfig, attempts: Attempt[], nowIso: string): Promise<void> {
  for (const { row, result } of attempts) {
    if (result.ok || !result.refreshed) continue;
    const binding = bindingByEntityType(active, row.system, row.entityType);
    if (!binding) continue;
    const target = { entityType: row.entityType, systemName: binding.mapping.name, idField: binding.mapping.id };
    // The read-back continues the change being delivered: it keeps that change's correlation id.
    await insertInboxEvents(m, row.system, 'refresh', [pulledRecordDraft(target, result.refreshed, nowIso)], row.correlationId);
  }
}

function answerEntry(active: ActiveConfig, { row, result, outcome }: Attempt): AnswerEntry {
  const base = { system: row.system, entityType: row.entityType, goldenId: row.goldenId, attempts: row.attempts };
  if (!result.ok) return { ...base, ok: false, externalId: null, payloadHash: null, echoHash: null, hubOnlyHash: null, error: outcome.lastError };
  if (row.operation === 'delete' || result.action === 'noop') {
    return { ...base, ok: true, externalId: null, payloadHash: null, echoHash: null, hubOnlyHash: null, error: null };
  }
  const binding = bindingByEntityType(active, row.system, row.entityType);
  return {
    ...base,
    ok: true,
    externalId: result.externalId ?? null,
    payloadHash: result.sentPayload ? payloadHash(result.sentPayload) : row.payloadHash,
    // The claim hashed the same canonical under the same configuration: not hashed twice per delivery.
    echoHash: binding ? (row.echoHash ?? echoHash(binding, row.canonical)) : null,
    hubOnlyHash: binding ? hubOnlyHash(binding, row.canonical) : null,
    error: null,
  };
}
