/**
 * The inbox's filters live in the URL (?status=open&field=phone), so a filtered inbox can be reloaded, bookmarked
 * and shared. These pure functions convert between the URL, the filter state and the GraphQL variables.
 */

import type { ConflictAge, ConflictStatus } from '../gql/graphql';

export const FILTER_KEYS = ['status', 'entityType', 'field', 'system', 'age'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type InboxFilters = Record<FilterKey, string | null>;

/** Open conflicts wait for a steward; that is what the inbox shows unless asked otherwise. */
export const DEFAULT_STATUS = 'open';
/** `?status=any` shows every status (absent means the default, open). */
export const ANY_STATUS = 'any';

export const PAGE_SIZE = 50;

export const FILTER_LABELS: Record<FilterKey, string> = {
  status: 'Status', entityType: 'Entity type', field: 'Field', system: 'System', age: 'Age',
};

export const STATUS_LABELS: Record<string, string> = {
  open: 'Open (needs a decision)', auto_resolved: 'Decided by a rule', resolved: 'Resolved by a steward',
};

export const AGE_LABELS: Record<string, string> = {
  hour: 'Last hour', day: '1 to 24 hours', week: '1 to 7 days', older: 'Older than 7 days',
};

export function filtersFromSearch(search: string): InboxFilters {
  const params = new URLSearchParams(search);
  const get = (k: FilterKey) => {
    const v = params.get(k);
    return v === null || v.trim() === '' ? null : v;
  };
  const status = get('status');
  return {
    status: status === null ? DEFAULT_STATUS : status === ANY_STATUS ? null : status,
    entityType: get('entityType'),
    field: get('field'),
    system: get('system'),
    age: get('age'),
  };
}

/** The query string for filters: defaults left out, so the plain inbox is just /console/conflicts. */
export function filtersToSearch(filters: InboxFilters): string {
  const params = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = filters[k];
    if (k === 'status') {
      if (v === null) params.set(k, ANY_STATUS);
      else if (v !== DEFAULT_STATUS) params.set(k, v);
    } else if (v !== null) {
      params.set(k, v);
    }
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** One filter changed; choosing the value already chosen clears it (status back to "any"). */
export function withFilter(filters: InboxFilters, key: FilterKey, value: string | null): InboxFilters {
  return { ...filters, [key]: filters[key] === value ? null : value };
}

const STATUSES: readonly string[] = ['auto_resolved', 'open', 'resolved'] satisfies ConflictStatus[];
const AGES: readonly string[] = ['hour', 'day', 'week', 'older'] satisfies ConflictAge[];

export interface ConflictFacetVariables {
  status: ConflictStatus | null;
  entityType: string | null;
  field: string | null;
  system: string | null;
  age: ConflictAge | null;
}

export interface ConflictListVariables extends ConflictFacetVariables {
  first: number;
  after: string | null;
}

export function filtersToVariables(filters: InboxFilters, after: string | null, first = PAGE_SIZE): ConflictListVariables {
  return { ...filtersToFacetVariables(filters), first, after };
}

/**
 * The facet query takes the filters only. Status and age are GraphQL enums: a value typed into the URL that is not
 * one of them is left out rather than sent to fail the whole query.
 */
export function filtersToFacetVariables(filters: InboxFilters): ConflictFacetVariables {
  return {
    ...filters,
    status: filters.status !== null && STATUSES.includes(filters.status) ? (filters.status as ConflictStatus) : null,
    age: filters.age !== null && AGES.includes(filters.age) ? (filters.age as ConflictAge) : null,
  };
}

/** "Open, field phone, system B" — for the result count's live announcement and the page title. */
export function describeFilters(filters: InboxFilters): string {
  const parts: string[] = [filters.status ? (STATUS_LABELS[filters.status] ?? filters.status) : 'Any status'];
  if (filters.entityType) parts.push(`entity type ${filters.entityType}`);
  if (filters.field) parts.push(`field ${filters.field}`);
  if (filters.system) parts.push(`system ${filters.system}`);
  if (filters.age) parts.push((AGE_LABELS[filters.age] ?? filters.age).toLowerCase());
  return parts.join(', ');
}
