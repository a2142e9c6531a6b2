import type { CanonicalRecord } from '../../catalog/catalog.types';
import { type GoldenState, type LineageEntry, valuesEqual } from '../domain';
import type { GoldenRow } from '../pipeline/pipeline.types';
import { latestMergeUndo, linksOf, moveMergedLinksBack, setMatchKeys } from './merge-links.repository';
import { loadVersion } from './steward.repository';
import { decisionsBetween } from './steward-rules';
import { auditTarget, type StewardTx } from './steward-tx';

/** One side of a merge as it was before: kept in merge_undo, so the merge can be undone exactly. */
export interface MergeSide {
  version: number;
  data: CanonicalRecord;
  lineage: Record<string, LineageEntry>;
  keys: string[];
}

export interface MergeUndo {
  survivor: MergeSide;
  duplicate: MergeSide;
  /** the duplicate's records left on it for their systems to delete (onMerge: delete) */
  deletedIn: { system: string; externalId: string }[];
}

/**
 * Both records after an unmerge: the values they had before the merge. A field that changed since the merge (a
 * later change by a system or a steward is not the merge's doing) keeps its current value on the side whose
 * sources include the system it came from: the survivor's, unless only the duplicate's records are of that system.
 */
export function sidesAfterUnmerge(
  current: GoldenState, atMerge: CanonicalRecord, before: { survivor: GoldenState; duplicate: GoldenState },
  systems: { survivor: ReadonlySet<string>; duplicate: ReadonlySet<string> },
): { survivor: GoldenState; duplicate: GoldenState } {
  const survivor = copy(before.survivor);
  const duplicate = copy(before.duplicate);
  const fields = new Set([...Object.keys(current.data), ...Object.keys(atMerge)]);
  for (const f of fields) {
    if (valuesEqual(current.data[f], atMerge[f])) continue;
    const from = current.lineage[f]?.system ?? null;
    const side = from !== null && systems.duplicate.has(from) && !systems.survivor.has(from) ? duplicate : survivor;
    if (Object.hasOwn(current.data, f)) {
      side.data[f] = structuredClone(current.data[f]);
      if (current.lineage[f]) side.lineage[f] = current.lineage[f];
    } else {
      delete side.data[f];
      delete side.lineage[f];
    }
  }
  return { survivor, duplicate };
}

function copy(state: GoldenState): GoldenState {
  return { data: structuredClone(state.data), lineage: { ...state.lineage } };
}

/**
 * Undoes the merge that brought `duplicateId`'s records into `survivor`: both get their pre-merge values as new
 * versions (history kept), every link the merge moved goes back, and both hold their pre-merge match keys again.
 * Returns the restored record's id, or null for a merge made before merge_undo existed.
 */
export async function undoMerge(tx: StewardTx, survivor: GoldenRow, duplicateId: string, via: { system: string; externalId: string }): Promise<string | null> {
  const merge = await latestMergeUndo<MergeUndo>(tx.m, survivor.id, duplicateId);
  if (!merge) return null;
  const dup = (await tx.lock([survivor.id, duplicateId])).get(duplicateId);
  if (!dup || !dup.deleted) return null;
  const atMerge = (await loadVersion(tx.m, survivor.id, merge.version))?.data ?? survivor.data;
  const { undo } = merge;
  const links = await linksOf(tx.m, [survivor.id], survivor.entityType);
  const systems = {
    survivor: new Set(links.filter((l) => l.mergedFrom !== dup.id).map((l) => l.system)),
    duplicate: new Set([...links.filter((l) => l.mergedFrom === dup.id), ...undo.deletedIn].map((l) => l.system)),
  };
  const sides = sidesAfterUnmerge(survivor, atMerge, undo, systems);
  const state = sides.survivor;
  const decisions = decisionsBetween(survivor, state);
  tx.version(survivor, { ...state, deleted: false }, {
    kind: 'unmerge', action: 'golden.unmerge', unmerged: dup.id, ...via, fields: decisions.map((d) => d.field), decisions,
  });
  const restored = sides.duplicate;
  tx.version(dup, { ...restored, deleted: false }, {
    kind: 'unmerge', action: 'golden.unmerge', splitFrom: survivor.id, ...via, decisions: decisionsBetween(dup, restored),
  });
  tx.then(async (m) => {
    await moveMergedLinksBack(m, survivor.id, dup.id);
    await setMatchKeys(m, dup.id, dup.entityType, undo.duplicate.keys);
    await setMatchKeys(m, survivor.id, survivor.entityType, undo.survivor.keys);
  });
  tx.audit({
    action: 'golden.unmerge', target: auditTarget(survivor),
    before: { version: survivor.version, data: survivor.data, source: via },
    after: { version: survivor.version + 1, data: state.data, restored: { id: dup.id, version: dup.version + 1, data: restored.data } },
  });
  return dup.id;
}
