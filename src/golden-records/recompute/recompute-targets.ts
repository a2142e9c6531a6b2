import type { ConfigSnapshot } from '../../config/config-version-hooks';
import { changedRuleFields } from '../domain';

export interface RecomputeTarget {
  entityType: string;
  /** fields whose survivorship rules differ between the two versions */
  fields: string[];
}

/**
 * The entity types (and their fields) a new configuration version asks to recompute: those whose rules changed.
 * A type new in this version has no records decided under other rules; when the previous version cannot be
 * resolved here (a secret it needs is missing in this process), every field of every type is taken, to be safe.
 */
export function recomputeTargets(previous: ConfigSnapshot | null, next: ConfigSnapshot): RecomputeTarget[] {
  const targets: RecomputeTarget[] = [];
  for (const [name, after] of Object.entries(next.entityTypes)) {
    const before = previous ? (Object.hasOwn(previous.entityTypes, name) ? previous.entityTypes[name] : undefined) : undefined;
    if (previous && !before) continue;
    const fields = before ? changedRuleFields(before, after) : Object.keys(after.fields).sort();
    if (fields.length) targets.push({ entityType: name, fields });
  }
  return targets;
}
