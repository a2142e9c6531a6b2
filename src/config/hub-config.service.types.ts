import type { Actor } from '../admin/auth/actor';
import type { DomainError } from '../common/domain-error';
import type { ActiveConfig } from './active-config';
import type { EntityImpact, QueuedJobRef } from './config-version-hooks';
import type { ConfigChange } from './hub-config.diff';
import type { ConfigError } from './hub-config.loader';

/** What HubConfigService's callers pass and get back: the shapes of a configuration change. */
export type ConfigListener = (next: ActiveConfig, previous: ActiveConfig) => void;

export interface ReplaceResult {
  applied: boolean;
  version: number;
  changes: ConfigChange[];
  /** jobs the new version queued (a recompute per entity type whose survivorship rules changed) */
  jobs: QueuedJobRef[];
  /** dry run only: what the new version would change in stored data, per affected entity type */
  impact?: Record<string, EntityImpact>;
}

export interface StoreOptions {
  dryRun: boolean;
  actor: Actor;
  /** optimistic lock: the version the change was based on (If-Match); a newer stored version refuses it */
  expectedVersion?: number;
  /** audit row of the change; default `config.replace` on `hub-config` */
  audit?: { action: string; target: string; details?: Record<string, unknown> };
  /** turns validation errors of the whole document into the caller's error (paths of its own request) */
  invalid?: (errors: ConfigError[]) => DomainError;
}

/** The base an edit is made on: the newest stored version (version 0, the empty document, when none is). */
export interface ConfigBase {
  version: number;
  document: unknown;
}
