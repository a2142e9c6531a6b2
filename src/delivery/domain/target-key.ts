/** A map key for one golden record in one system: (system, golden id), as the outbox and the ledger key rows. */
export function targetKey(system: string, goldenId: string): string {
  return `${system}\u0000${goldenId}`;
}
