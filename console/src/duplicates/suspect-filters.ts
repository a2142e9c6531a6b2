/**
 * The duplicates queue's filters live in the URL (?status=open&entityType=contact&minScore=0.9), so a filtered
 * queue can be reloaded and shared. Pure conversions between the URL, the filters and the GraphQL variables.
 */

import type { MatchSuspectStatus } from '../gql/graphql';

export interface SuspectFilters {
  /** open (the default: what waits for a steward), merged, dismissed, or null for every status */
  status: MatchSuspectStatus | null;
  entityType: string | null;
  /** 0 to 1 */
  minScore: number | null;
}

const STATUSES: MatchSuspectStatus[] = ['open', 'merged', 'dismissed'];
export const DEFAULT_SUSPECT_STATUS: MatchSuspectStatus = 'open';

export function suspectFiltersFromSearch(search: string): SuspectFilters {
  const q = new URLSearchParams(search);
  const status = q.get('status');
  const score = q.get('minScore');
  const minScore = score === null || score.trim() === '' ? null : Number(score);
  return {
    status: status === 'any' ? null : STATUSES.includes(status as MatchSuspectStatus) ? (status as MatchSuspectStatus) : DEFAULT_SUSPECT_STATUS,
    entityType: q.get('entityType') || null,
    minScore: minScore !== null && Number.isFinite(minScore) && minScore >= 0 && minScore <= 1 ? minScore : null,
  };
}

export function suspectFiltersToSearch(f: SuspectFilters): string {
  const q = new URLSearchParams();
  if (f.status !== DEFAULT_SUSPECT_STATUS) q.set('status', f.status ?? 'any');
  if (f.entityType) q.set('entityType', f.entityType);
  if (f.minScore !== null) q.set('minScore', String(f.minScore));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function suspectFiltersToVariables(f: SuspectFilters, after: string | null, first = 25) {
  return { status: f.status, entityType: f.entityType, minScore: f.minScore, first, after };
}

/** A score as a steward reads it: 0.873 → "87 %". */
export function percent(score: number | null | undefined): string {
  return score === null || score === undefined ? '—' : `${Math.round(score * 100)} %`;
}
