export type Role = 'admin' | 'steward' | 'viewer';

export const ROLE_RANK: Record<Role, number> = { viewer: 1, steward: 2, admin: 3 };

/** Who is acting: an API key holder, a source system (webhooks) or the hub itself (workers, schedules). */
export interface Actor {
  kind: 'api-key' | 'system' | 'hub';
  id: string;
  name: string;
  role?: Role;
}

export const HUB_ACTOR: Actor = { kind: 'hub', id: 'hub', name: 'hub' };

export function actorLabel(actor: Actor): string {
  return actor.kind === 'api-key' ? `key:${actor.name}` : `${actor.kind}:${actor.name}`;
}
