/** A map key for one system's record: (system, entity type, external id). */
export function recordKey(system: string, entityType: string, externalId: string): string {
  return `${system}\u0000${entityType}\u0000${externalId}`;
}
