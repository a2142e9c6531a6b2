import { Injectable } from '@nestjs/common';
import type { Actor } from '../../admin/auth/actor';
import { matchKeys } from '../../catalog/match-keys';
import { DomainError, NotFoundError, ValidationError } from '../../common/domain-error';
import type { GoldenRecordView } from '../read/golden-read.types';
import { GoldenRecordQueryService } from '../read/golden-record-query.service';
import { type GoldenTarget, viewAfterCommit } from './golden-steward.service';
import { requireLive, requireUuid } from './steward-checks';
import { countXrefs, moveMatchKeys, moveOneLink, xrefGolden } from './steward.repository';
import { linksOf, matchKeysOf, mergedFromOf, moveMergedLinks, saveMergeUndo } from './merge-links.repository';
import { mergeSurvivorship } from './merge-rules';
import { type MergeUndo, undoMerge } from './merge-undo';
import { decisionsBetween, stateFromSource, withoutSource } from './steward-rules';
import { auditTarget, goldenNotFound, type StewardTx, toSourceValues } from './steward-tx';
import { StewardWriteService } from './steward-write.service';

/**
 * Merging two golden records found to be the same entity, and splitting a wrongly matched source record out again.
 * Both lock every golden row they touch (in id order) and write new versions on each side in one transaction.
 */
@Injectable()
export class GoldenMergeService {
  constructor(
    private readonly writer: StewardWriteService,
    private readonly records: GoldenRecordQueryService,
  ) {}

  /**
   * The duplicate's source records, cross-references and match keys move to the survivor, which takes the
   * duplicate's values for the fields it has none for; the duplicate is tombstoned (kept in history).
   */
  async merge(survivor: GoldenTarget, duplicateId: string, actor: Actor): Promise<GoldenRecordView> {
    await this.writer.run(actor, (tx) => this.mergeIn(tx, survivor, duplicateId));
    return viewAfterCommit(this.records, survivor.id, actor);
  }

  /**
   * The merge itself, inside a steward transaction the caller runs: so another action (the review queue marking its
   * suspect merged) commits or rolls back with it.
   */
  async mergeIn(tx: StewardTx, survivor: GoldenTarget, duplicateId: string): Promise<void> {
    requireUuid(survivor.id);
    requireUuid(duplicateId, 'duplicate golden record');
    if (survivor.id === duplicateId) {
      throw new ValidationError('MERGE_SAME_RECORD', 'a golden record cannot be merged into itself', [{ path: 'duplicateId', message: 'equals the survivor id', value: duplicateId }]);
    }
    if (survivor.entityType !== undefined) tx.entityType(survivor.entityType);
    const locked = await tx.lock([survivor.id, duplicateId]);
    const keep = locked.get(survivor.id);
    const dup = locked.get(duplicateId);
    if (!keep || (survivor.entityType !== undefined && keep.entityType !== survivor.entityType)) throw goldenNotFound(survivor.id, survivor.entityType);
    if (!dup) throw goldenNotFound(duplicateId);
    if (dup.entityType !== keep.entityType) {
      throw new DomainError('MERGE_TYPE_MISMATCH', `cannot merge a ${dup.entityType} into a ${keep.entityType}`, 'invalid', [
        { path: 'duplicateId', message: `is a ${dup.entityType}, the survivor a ${keep.entityType}`, value: duplicateId },
      ]);
    }
    requireLive(keep);
    requireLive(dup);
    tx.entityType(keep.entityType);

    const type = tx.entityType(keep.entityType);

    // A system holding a record of each side with onMerge: delete keeps the duplicate's on the tombstone, whose
    // delete then goes out to it; every other link of the duplicate moves to the survivor.
    const links = await linksOf(tx.m, [keep.id, dup.id], keep.entityType);
    const survivorSystems = new Set(links.filter((l) => l.goldenId === keep.id).map((l) => l.system));
    const stay = links
      .filter((l) => l.goldenId === dup.id && survivorSystems.has(l.system) && tx.onMerge(l.system) === 'delete')
      .map((l) => ({ system: l.system, externalId: l.externalId }));
    const stays = (s: { system: string; externalId: string }) => stay.some((x) => x.system === s.system && x.externalId === s.externalId);
    const rows = [...(await tx.sources(keep.id)), ...(await tx.sources(dup.id)).filter((r) => !stays(r))];
    const sources = rows.filter((r) => !r.deleted).map((r) => ({ ...toSourceValues([r])[0], own: r.goldenId === keep.id }));
    const undo: MergeUndo = {
      survivor: { version: keep.version, data: keep.data, lineage: keep.lineage, keys: await matchKeysOf(tx.m, keep.id) },
      duplicate: { version: dup.version, data: dup.data, lineage: dup.lineage, keys: await matchKeysOf(tx.m, dup.id) },
      deletedIn: stay,
    };

    const { state, decisions, conflicts } = mergeSurvivorship(type, keep, dup, sources, tx.now);
    const next = tx.version(keep, { ...state, deleted: false }, {
      kind: 'merge', action: 'golden.merge', merged: dup.id, fields: decisions.map((d) => d.field), decisions,
    });
    tx.conflicts(next, conflicts);
    tx.version(dup, { data: dup.data, lineage: dup.lineage, deleted: true }, { kind: 'merge', action: 'golden.merge', mergedInto: keep.id });
    tx.then(async (m) => {
      await moveMergedLinks(m, dup.id, keep.id, keep.entityType, stay);
      await saveMergeUndo(m, keep.id, next.version, dup.id, undo);
      await moveMatchKeys(m, dup.id, keep.id);
    });
    tx.audit({
      action: 'golden.merge', target: auditTarget(keep),
      before: { survivor: { version: keep.version, data: keep.data }, duplicate: { id: dup.id, version: dup.version, data: dup.data } },
      after: {
        survivor: { version: next.version, data: state.data, fields: decisions.map((d) => d.field) },
        duplicate: { id: dup.id, version: dup.version + 1, deleted: true }, deletedIn: stay,
      },
    });
  }

  /**
   * Splits one source record out of `target` into a NEW golden record built from that source's values (version 1).
   * The original loses what only that system vouched for: those fields fall back to its remaining sources by
   * precedence. Answers with the new record.
   */
  async unmerge(target: GoldenTarget, system: string, externalId: string, actor: Actor): Promise<GoldenRecordView> {
    requireUuid(target.id);
    const createdId = await this.writer.run(actor, async (tx) => {
      const golden = await tx.lockOne(target.id, target.entityType);
      requireLive(golden);
      const type = tx.entityType(golden.entityType);
      const key = { system, entityType: golden.entityType, externalId };
      if ((await xrefGolden(tx.m, system, golden.entityType, externalId)) !== golden.id) {
        throw new NotFoundError('SOURCE_NOT_LINKED', `${system} ${golden.entityType} ${externalId} is not linked to golden record ${golden.id}`);
      }
      if ((await countXrefs(tx.m, golden.id)) < 2) {
        throw new DomainError('UNMERGE_LAST_SOURCE', `${system} ${externalId} is the only source record of golden record ${golden.id}`, 'conflict');
      }
      // A record a steward's merge brought in: the merge is undone as a whole, nothing new is created.
      const mergedFrom = await mergedFromOf(tx.m, key);
      const restored = mergedFrom ? await undoMerge(tx, golden, mergedFrom, { system, externalId }) : null;
      if (restored) return restored;
      const rows = await tx.sources(golden.id);
      const isSplit = (s: { system: string; externalId: string }) => s.system === system && s.externalId === externalId;
      // Its last known values, even when the system has since deleted it: that is what was wrongly matched.
      const [split] = toSourceValues(rows.filter(isSplit).map((r) => ({ ...r, deleted: false })));
      if (!split) {
        throw new DomainError('SOURCE_HAS_NO_DATA', `the hub has received no values from ${system} ${externalId} to build a record from`, 'conflict');
      }

      const { state, fields } = withoutSource(golden, type, system, toSourceValues(rows.filter((r) => !isSplit(r))), tx.now);
      tx.version(golden, { ...state, deleted: false }, {
        kind: 'unmerge', action: 'golden.unmerge', system, externalId, fields, decisions: decisionsBetween(golden, state),
      });
      const created = tx.create(golden.entityType, stateFromSource(type, split, tx.now), {
        kind: 'unmerge', action: 'golden.unmerge', system, externalId, splitFrom: golden.id,
      });
      // Keys only the split-out values give (its own email, say) follow it; keys the original still gives stay.
      const keptKeys = matchKeys(type, state.data);
      const leaving = matchKeys(type, created.data).filter((k) => !keptKeys.includes(k));
      tx.then(async (m) => {
        await moveOneLink(m, key, created.id);
        await moveMatchKeys(m, golden.id, created.id, leaving);
      });
      tx.audit({
        action: 'golden.unmerge', target: auditTarget(golden),
        before: { version: golden.version, data: golden.data, source: { system, externalId } },
        after: { version: golden.version + 1, data: state.data, fields, created: { id: created.id, data: created.data } },
      });
      return created.id;
    });
    return viewAfterCommit(this.records, createdId, actor);
  }
}
