import type { ConflictFacetsQuery } from '../gql/graphql';
import { AGE_LABELS, FILTER_KEYS, FILTER_LABELS, type FilterKey, type InboxFilters, STATUS_LABELS } from './inbox-filters';

interface Props {
  filters: InboxFilters;
  facets: ConflictFacetsQuery['conflictFacets'] | undefined;
  systemName(key: string): string;
  onChange(key: FilterKey, value: string | null): void;
}

const AGE_ORDER = ['hour', 'day', 'week', 'older'];
const STATUS_ORDER = ['open', 'auto_resolved', 'resolved'];

/**
 * One radio group per filter, each value with the number of conflicts it would show under the other filters.
 * A chosen value stays listed even when its count drops to 0, so it can always be cleared where it was chosen.
 */
export function FacetPanel({ filters, facets, systemName, onChange }: Props) {
  return (
    <aside className="facets" aria-label="Filters">
      {FILTER_KEYS.map((key) => {
        const counts = new Map((facets?.[key] ?? []).map((c) => [c.value, c.count]));
        const chosen = filters[key];
        if (chosen !== null && !counts.has(chosen)) counts.set(chosen, 0);
        const values = order(key, [...counts.keys()]);
        const anyLabel = key === 'status' ? 'Any status' : 'Any';
        return (
          <fieldset key={key}>
            <legend>{FILTER_LABELS[key]}</legend>
            <label className="facet">
              <input type="radio" name={`f-${key}`} checked={chosen === null} onChange={() => onChange(key, null)} />
              <span>{anyLabel}</span>
            </label>
            {values.map((v) => (
              <label key={v} className="facet">
                <input type="radio" name={`f-${key}`} value={v} checked={chosen === v} onChange={() => onChange(key, v)} />
                <span>{labelOf(key, v, systemName)}</span>
                <span className="count" aria-label={`${counts.get(v)} conflicts`}>{counts.get(v)}</span>
              </label>
            ))}
            {values.length === 0 && facets && <p className="muted small">None</p>}
          </fieldset>
        );
      })}
    </aside>
  );
}

function order(key: FilterKey, values: string[]): string[] {
  const fixed = key === 'age' ? AGE_ORDER : key === 'status' ? STATUS_ORDER : null;
  if (fixed) return fixed.filter((v) => values.includes(v)).concat(values.filter((v) => !fixed.includes(v)));
  return values;
}

function labelOf(key: FilterKey, value: string, systemName: (k: string) => string): string {
  if (key === 'status') return STATUS_LABELS[value] ?? value;
  if (key === 'age') return AGE_LABELS[value] ?? value;
  if (key === 'system') {
    const name = systemName(value);
    return name === value ? value : `${name} (${value})`;
  }
  return value;
}
