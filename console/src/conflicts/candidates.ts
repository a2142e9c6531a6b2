/** A conflict's candidates as the API sends them (JSON): [{ system, value, at }]. */
export interface Candidate {
  system: string;
  value: unknown;
  at: string | null;
}

export function candidatesOf(values: unknown): Candidate[] {
  if (!Array.isArray(values)) return [];
  return values
    .filter((c): c is Record<string, unknown> => typeof c === 'object' && c !== null && typeof (c as { system?: unknown }).system === 'string')
    .map((c) => ({ system: c.system as string, value: c.value, at: typeof c.at === 'string' ? c.at : null }));
}

/** Systems that are candidates in every one of the given conflicts: the choices a bulk "take system X" can offer. */
export function commonSystems(conflicts: { values: unknown }[]): string[] {
  if (conflicts.length === 0) return [];
  const sets = conflicts.map((c) => new Set(candidatesOf(c.values).map((x) => x.system)));
  return [...sets[0]].filter((s) => sets.every((set) => set.has(s))).sort();
}
