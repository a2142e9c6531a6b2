import type { EntityManager } from 'typeorm';
import type { ResolvedEntityType } from '../catalog/catalog.types';

/**
 * Ports through which feature modules react to configuration versions without the configuration module importing
 * them (it is imported by nearly everything). The golden-records recompute registers both: it queues a recompute job
 * in the transaction that stores a version changing survivorship rules, and answers dry runs with their impact.
 */

export interface ConfigSnapshot {
  version: number;
  entityTypes: Record<string, ResolvedEntityType>;
}

export interface StoredVersion {
  /** the newest stored version before this one (version 0: nothing was stored); null when it cannot be resolved here */
  previous: ConfigSnapshot | null;
  next: ConfigSnapshot;
  /** `api` or `file:<path>` */
  source: string;
  /** actorLabel() of who stored it */
  actor: string;
}

/** A job a listener queued, reported back to whoever stored the version. */
export interface QueuedJobRef {
  id: string;
  kind: string;
  key: string;
}

export interface ConfigVersionListener {
  /** Inside the transaction that stores the version (and holds the configuration lock): its writes commit with it. */
  onVersionStored(m: EntityManager, version: StoredVersion): Promise<{ jobs: QueuedJobRef[] }>;
}

/** One golden record field a new version would change. */
export interface ImpactSample {
  goldenId: string;
  field: string;
  from: unknown;
  to: unknown;
  winnerBefore: string | null;
  winnerAfter: string | null;
}

/** What a new version would change in one entity type's golden records. */
export interface EntityImpact {
  /** fields whose survivorship rules change (the ones re-decided) */
  rulesChanged: string[];
  /** golden records that would get a new version */
  records: number;
  /** per field, how many records would change it */
  fields: Record<string, number>;
  /** up to 50 of the changes */
  sample: ImpactSample[];
}

/** What a new version would do to stored data, per entity type whose rules it changes (a dry run writes nothing). */
export interface ConfigImpactProvider {
  impactOf(previous: ConfigSnapshot | null, next: ConfigSnapshot): Promise<Record<string, EntityImpact>>;
}
