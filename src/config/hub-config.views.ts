import type { ResolvedEntityType } from '../catalog/catalog.types';
import type { ActiveConfig } from './active-config';
import type { Direction, Strategy } from './hub-config.schema';

export interface SystemView {
  key: string;
  name: string;
  direction: Direction;
  /** only the type: URLs may embed credentials and headers carry tokens */
  adapter: { type: 'http' | 'postgres' | 'webhook' } | null;
  signsWebhooks: boolean;
  poll: { every?: string; cron?: string; overlap?: string } | null;
  schedule: { cron: string } | null;
  inferredDeletes: 'propagate' | 'review' | 'ignore' | null;
  entities: SystemEntityView[];
}

export interface SystemEntityView {
  entityType: string;
  /** the system's own name for it */
  name: string;
  id: string;
  updatedAt: string | null;
  direction: Direction;
  filter: Record<string, unknown> | null;
  /** canonical fields this system maps */
  fields: string[];
}

export interface EntityTypeView extends ResolvedEntityType {
  strategy: Strategy;
  /** systems that map this entity type */
  systems: string[];
}

/** What viewers may see of the systems: enough to understand the wiring, nothing that authenticates. */
export function systemViews(active: ActiveConfig): SystemView[] {
  return Object.entries(active.config.systems).map(([key, s]) => ({
    key,
    name: s.name ?? key,
    direction: s.direction,
    adapter: s.adapter ? { type: s.adapter.type } : null,
    signsWebhooks: s.webhookSecret !== undefined || (s.webhookSecrets?.length ?? 0) > 0,
    poll: s.poll ? { every: s.poll.every, cron: s.poll.cron, overlap: s.poll.overlap } : null,
    schedule: s.schedule ? { cron: s.schedule.cron } : null,
    inferredDeletes: s.inferredDeletes ?? null,
    entities: Object.entries(s.entities).map(([entityType, m]) => ({
      entityType,
      name: m.name,
      id: m.id,
      updatedAt: m.updatedAt ?? null,
      direction: m.direction ?? s.direction,
      filter: m.filter ?? null,
      fields: Object.keys(m.fields),
    })),
  }));
}

export function entityTypeViews(active: ActiveConfig): EntityTypeView[] {
  return Object.values(active.entityTypes).map((t) => ({
    ...t,
    systems: Object.entries(active.config.systems).filter(([, s]) => t.name in s.entities).map(([key]) => key),
  }));
}
