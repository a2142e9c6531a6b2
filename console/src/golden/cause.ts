/** A version's cause in a few words: "change from A (event 12)", "rollback to version 2 by key:alice". */
export function causeSummary(cause: unknown): string {
  if (typeof cause !== 'object' || cause === null) return 'unknown cause';
  const c = cause as Record<string, unknown>;
  const by = typeof c.actor === 'string' ? ` by ${c.actor}` : '';
  switch (c.kind) {
    case 'event':
      return `change from ${typeof c.system === 'string' ? c.system : 'a system'}${c.eventId ? ` (event ${String(c.eventId)})` : ''}`;
    case 'rollback':
      return `rollback to version ${String(c.toVersion)}${by}`;
    case 'merge':
      return typeof c.mergedInto === 'string' ? `merged into ${c.mergedInto.slice(0, 8)}${by}` : `merge of ${String(c.merged ?? '').slice(0, 8)}${by}`;
    case 'unmerge':
      return typeof c.splitFrom === 'string'
        ? `split out of ${c.splitFrom.slice(0, 8)} (${String(c.system)} ${String(c.externalId)})${by}`
        : `unmerge of ${String(c.system)} ${String(c.externalId)}${by}`;
    case 'steward':
      return `${ACTIONS[String(c.action)] ?? String(c.action ?? 'steward action')}${by}`;
    default:
      return String(c.kind ?? 'unknown cause') + by;
  }
}

const ACTIONS: Record<string, string> = {
  'conflict.resolve': 'conflict resolved',
  'golden.override': 'field pinned',
  'golden.release': 'field unpinned',
  'golden.restore': 'restored',
};
