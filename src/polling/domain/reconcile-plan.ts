/**
 * Reconciliation: a full compare of a system's ids against the hub's cross-references. Plain TypeScript.
 * The listing is consumed as a stream; only the ids seen are kept, once.
 */
export type InferredDeletePolicy = 'propagate' | 'review' | 'ignore';

export const DEFAULT_INFERRED_DELETE_POLICY: InferredDeletePolicy = 'review';

export interface MassDeleteGuard {
  /** largest share (0–1) of the live records a run may infer deleted */
  maxShare: number;
  /** below this many inferred deletes the share is not checked (one record of three gone is normal) */
  minCount: number;
}

export const DEFAULT_MASS_DELETE_GUARD: MassDeleteGuard = { maxShare: 0.5, minCount: 2 };

export interface KnownRecord {
  externalId: string;
  goldenId: string;
  /** the golden record is tombstoned or the system already reported this record deleted */
  gone: boolean;
}

export interface ReconcilePlan {
  /** ids listed by the system that the hub has never linked: pulled in */
  missingLocally: string[];
  /** live cross-references whose record the system no longer lists: inferred deletes */
  missingRemotely: KnownRecord[];
  listed: number;
  /** live cross-references before the compare */
  known: number;
  guard: { tripped: boolean; share: number; reason?: string };
}

/**
 * `known` must be read BEFORE the listing starts: a record created and linked while the listing runs would
 * otherwise look deleted. Read first, such a record is at worst pulled again (a duplicate the inbox skips).
 */
export async function planReconciliation(
  known: KnownRecord[],
  listing: AsyncIterable<string>,
  policy: InferredDeletePolicy,
  guard: MassDeleteGuard = DEFAULT_MASS_DELETE_GUARD,
): Promise<ReconcilePlan> {
  const linked = new Set(known.map((k) => k.externalId));
  const listed = new Set<string>();
  const missingLocally: string[] = [];
  for await (const id of listing) {
    if (listed.has(id)) continue;
    listed.add(id);
    if (!linked.has(id)) missingLocally.push(id);
  }
  const live = known.filter((k) => !k.gone);
  const missingRemotely = live.filter((k) => !listed.has(k.externalId));
  return { missingLocally, missingRemotely, listed: listed.size, known: live.length, guard: checkGuard(live.length, listed.size, missingRemotely.length, policy, guard) };
}

export function checkGuard(
  known: number, listed: number, deletes: number, policy: InferredDeletePolicy, guard: MassDeleteGuard,
): ReconcilePlan['guard'] {
  const share = known === 0 ? 0 : deletes / known;
  // maxShare 1 is a steward saying "I have checked: delete whatever is gone".
  if (policy === 'ignore' || deletes === 0 || guard.maxShare >= 1) return { tripped: false, share };
  // A system answering "no records at all" is far likelier broken (wrong table, expired credentials
  // answering an empty page) than emptied.
  if (listed === 0) return { tripped: true, share, reason: `the system listed no records while the hub knows ${known}` };
  if (deletes >= guard.minCount && share > guard.maxShare) {
    return {
      tripped: true,
      share,
      reason: `${deletes} of ${known} records (${Math.round(share * 100)}%) would be deleted; the limit is ${Math.round(guard.maxShare * 100)}%`,
    };
  }
  return { tripped: false, share };
}
