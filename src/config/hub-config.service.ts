import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { actorLabel, HUB_ACTOR } from '../admin/auth/actor';
import { AuditService } from '../admin/audit/audit.service';
import { auditSecretRotations } from './secret-rotation-audit';
import { DomainError } from '../common/domain-error';
import type { ActiveConfig } from './active-config';
import type { ConfigBase, ConfigListener, ReplaceResult, StoreOptions } from './hub-config.service.types';
import { APP_SETTINGS, type AppSettings } from './app-settings';
import type { ConfigImpactProvider, ConfigSnapshot, ConfigVersionListener, QueuedJobRef } from './config-version-hooks';
import { diffDocuments, sameDocument } from './hub-config.diff';
import { decideFileLoad } from './hub-config.file-source';
import { parseHubConfigText, ROOT_PATH } from './hub-config.loader';
import type { Page } from '../common/page-cursor';
import { ConfigVersionsRepository } from './config-versions.repository';
import { HubConfigStore, type StoredConfig, type StoredConfigSummary } from './hub-config.store';
import { configInvalidError, fileConflictError, versionMismatchError } from './hub-config.errors';
import { formatConfigErrors, validateHubConfig } from './hub-config.validation';

export type { ConfigBase, ConfigListener, ReplaceResult, StoreOptions } from './hub-config.service.types';

/** How often a replica looks for versions stored by another replica. */
const POLL_MS = 2_000;
/** What runs when nothing is configured: the built-in entity types and no systems. */
const EMPTY_DOCUMENT = Object.freeze({});

/**
 * The configuration in force in this process, its versions in the database, and their replacement.
 * `current()` is synchronous so the hot path (mapping every event) never waits; versions stored by other
 * replicas are picked up by polling, re-validated with this process's environment (secrets may differ).
 */
@Injectable()
export class HubConfigService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('hub-config');
  private active?: ActiveConfig;
  private readonly listeners = new Set<ConfigListener>();
  private readonly versionListeners: ConfigVersionListener[] = [];
  private impact?: ConfigImpactProvider;
  private timer?: NodeJS.Timeout;
  private tick?: Promise<void>;
  /** newest stored version found invalid here: logged once, not every poll */
  private rejectedVersion = 0;

  constructor(
    private readonly store: HubConfigStore,
    private readonly versionList: ConfigVersionsRepository,
    private readonly audit: AuditService,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.settings.hubConfigPath) await this.loadFile(this.settings.hubConfigPath);
    else await this.loadLatest();
    this.timer = setInterval(() => void this.refresh(), POLL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.tick;
  }

  current(): ActiveConfig {
    if (!this.active) throw new DomainError('HUB_CONFIG_NOT_LOADED', 'the hub configuration is not loaded yet', 'unavailable');
    return this.active;
  }

  /** Called after each activation with the new and the previous configuration; returns an unsubscribe. */
  onChange(listener: ConfigListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Runs inside the transaction of every version stored from now on, including a file stored at start: register in
   * a provider's constructor, which Nest runs before any module's onModuleInit (where the file is loaded).
   */
  onVersionStored(listener: ConfigVersionListener): void {
    this.versionListeners.push(listener);
  }

  /** Answers dry runs with the impact of the new version on stored data. */
  setImpactProvider(provider: ConfigImpactProvider): void {
    this.impact = provider;
  }

  /** Activates a version stored by another replica now, instead of at the next poll. */
  refresh(): Promise<void> {
    this.tick ??= this.pollNewer().finally(() => (this.tick = undefined));
    return this.tick;
  }

  export(): { version: number; document: unknown } {
    const { version, raw } = this.current();
    return { version, document: raw };
  }

  /** Stored versions, newest first. */
  versions(first?: number | null, after?: string | null): Promise<Page<StoredConfigSummary>> {
    return this.versionList.list(first, after);
  }

  async version(version: number): Promise<StoredConfig> {
    const stored = await this.findVersion(version);
    if (!stored) throw new DomainError('HUB_CONFIG_VERSION_NOT_FOUND', `no configuration version ${version}`, 'not_found');
    return stored;
  }

  /** A stored version with its document; null when there is none. */
  async findVersion(version: number): Promise<StoredConfig | null> {
    return (await this.store.get(version)) ?? null;
  }

  /** Parses YAML or JSON text; syntax errors become HUB_CONFIG_INVALID with their line and column. */
  parseText(text: string): unknown {
    const parsed = parseHubConfigText(text);
    if (!parsed.ok) throw configInvalidError(parsed.errors);
    return parsed.doc;
  }

  /** Replaces the whole document; see edit(). */
  replace(rawDoc: unknown, opts: StoreOptions): Promise<ReplaceResult> {
    return this.edit(() => rawDoc, opts);
  }

  /**
   * Builds the next document from the newest stored one, validates it and, unless `dryRun`, stores it as the next
   * version (with its audit row and what the version listeners do, in one transaction) and activates it. The edit
   * runs under the configuration lock, so two admins editing different parts never lose each other's change; with
   * `expectedVersion` a change based on an older version is refused (412) and nothing is stored. An unchanged
   * document stores nothing. A dry run also reports the new version's impact on stored data.
   */
  async edit(build: (base: ConfigBase) => unknown, opts: StoreOptions): Promise<ReplaceResult> {
    if (opts.dryRun) {
      const latest = await this.store.latest();
      const base = latest ?? { version: this.current().version, document: this.current().raw };
      this.checkExpected(opts.expectedVersion, base.version);
      const doc = structuredClone(build(base));
      const result = validateHubConfig(doc, process.env);
      if (!result.ok) throw (opts.invalid ?? configInvalidError)(result.errors);
      const changes = diffDocuments(base.document, doc);
      const impact = this.impact && changes.length > 0
        ? await this.impact.impactOf(this.snapshotOf(base), { version: base.version + 1, entityTypes: result.entityTypes })
        : {};
      return { applied: false, version: base.version, changes, jobs: [], impact };
    }
    let activated: ActiveConfig | undefined;
    const outcome = await this.store.withLock(async (manager, latest): Promise<ReplaceResult> => {
      const base = latest ?? { version: 0, document: EMPTY_DOCUMENT };
      this.checkExpected(opts.expectedVersion, base.version);
      const doc = structuredClone(build(base));
      const result = validateHubConfig(doc, process.env);
      if (!result.ok) throw (opts.invalid ?? configInvalidError)(result.errors);
      if (sameDocument(base.document, doc)) return { applied: false, version: base.version, changes: [], jobs: [] };
      const changes = diffDocuments(base.document, doc);
      const version = base.version + 1;
      const actor = actorLabel(opts.actor);
      await this.store.insert(manager, { version, document: doc, source: 'api', createdBy: actor });
      const jobs = await this.versionStored(manager, base, { version, entityTypes: result.entityTypes }, 'api', actor);
      const audit = opts.audit ?? { action: 'config.replace', target: 'hub-config' };
      await this.audit.record(
        { actor, action: audit.action, target: audit.target, before: { version: base.version }, after: { version, changes, ...audit.details, ...(jobs.length ? { jobs } : {}) } },
        manager,
      );
      await auditSecretRotations(this.audit, manager, actor, base.document, doc, version);
      activated = { version, raw: doc, config: result.config, entityTypes: result.entityTypes };
      return { applied: true, version, changes, jobs };
    });
    if (activated) this.activate(activated);
    return outcome;
  }

  private checkExpected(expected: number | undefined, current: number): void {
    if (expected !== undefined && expected !== current) throw versionMismatchError(expected, current);
  }

  private async versionStored(m: EntityManager, base: ConfigBase, next: ConfigSnapshot, source: string, actor: string): Promise<QueuedJobRef[]> {
    const jobs: QueuedJobRef[] = [];
    const previous = this.snapshotOf(base);
    for (const listener of this.versionListeners) jobs.push(...(await listener.onVersionStored(m, { previous, next, source, actor })).jobs);
    return jobs;
  }

  /** The resolved entity types of a stored version: the active ones when it is active, else validated here. */
  private snapshotOf(base: ConfigBase): ConfigSnapshot | null {
    if (this.active && this.active.version === base.version && base.version > 0) return { version: base.version, entityTypes: this.active.entityTypes };
    const result = validateHubConfig(base.document, process.env);
    return result.ok ? { version: base.version, entityTypes: result.entityTypes } : null;
  }

  /**
   * With HUB_CONFIG set, the file is applied when it changed since it last produced a version; a version stored
   * through the API since then is kept when the file did not change, and never overwritten silently when it did
   * (see decideFileLoad).
   */
  private async loadFile(file: string): Promise<void> {
    const path = resolve(file);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      throw configInvalidError([{ path: ROOT_PATH, message: `cannot read the file: ${(err as Error).message}` }], path);
    }
    const parsed = parseHubConfigText(text);
    if (!parsed.ok) throw configInvalidError(parsed.errors, path);
    const result = validateHubConfig(parsed.doc, process.env);
    if (!result.ok) throw configInvalidError(result.errors, path);
    const source = `file:${path}`;
    type Loaded = { kind: 'keep'; stored: StoredConfig; fileVersion: number } | { kind: 'in force'; version: number; overwrites?: number };
    const outcome = await this.store.withLock(async (manager, latest): Promise<Loaded> => {
      const lastFromFile = await this.store.latestFromFile(manager);
      const decision = decideFileLoad({ fileDoc: parsed.doc, latest, lastFromFile, overwrite: this.settings.hubConfigOverwrite });
      if (decision.kind === 'refuse') throw fileConflictError(path, latest!, lastFromFile);
      if (decision.kind === 'keep') return { kind: 'keep', stored: latest!, fileVersion: decision.fileVersion };
      if (decision.kind === 'current') return { kind: 'in force', version: decision.version };
      const base = latest ?? { version: 0, document: EMPTY_DOCUMENT };
      const next = base.version + 1;
      const actor = actorLabel(HUB_ACTOR);
      const changes = diffDocuments(base.document, parsed.doc);
      await this.store.insert(manager, { version: next, document: parsed.doc, source, createdBy: actor });
      const jobs = await this.versionStored(manager, base, { version: next, entityTypes: result.entityTypes }, source, actor);
      await this.audit.record(
        {
          actor, action: 'config.load', target: 'hub-config', before: { version: base.version },
          after: { version: next, source, changes, ...(decision.overwrites ? { overwrote: decision.overwrites } : {}), ...(jobs.length ? { jobs } : {}) },
        },
        manager,
      );
      await auditSecretRotations(this.audit, manager, actor, base.document, parsed.doc, next);
      return { kind: 'in force', version: next, overwrites: decision.overwrites };
    });
    if (outcome.kind === 'keep') {
      const { stored } = outcome;
      this.activateStored(stored, `stored version ${stored.version}`);
      this.logger.log(
        `HUB_CONFIG ${path} is unchanged since it produced configuration version ${outcome.fileVersion}: version ${stored.version}, `
          + `stored by ${stored.createdBy ?? 'unknown'} (${stored.source === 'api' ? 'through the API' : stored.source}) at ${stored.createdAt.toISOString()}, stays in force`,
      );
      return;
    }
    const { version } = outcome;
    this.activate({ version, raw: parsed.doc, config: result.config, entityTypes: result.entityTypes });
    if (outcome.overwrites) this.logger.warn(`HUB_CONFIG_OVERWRITE=true: ${path} stored as version ${version} over version ${outcome.overwrites} (kept in the history)`);
    this.logger.log(`configuration version ${version} in force (from ${path})`);
  }

  private async loadLatest(): Promise<void> {
    const latest = await this.store.latest();
    if (latest) this.activateStored(latest, `stored version ${latest.version}`);
    else this.activateStored({ version: 0, document: EMPTY_DOCUMENT }, 'stored version 0');
    this.logger.log(latest ? `configuration version ${latest.version} in force` : 'no configuration stored: built-in entity types, no systems');
  }

  private activateStored(stored: ConfigBase, where: string): void {
    const result = validateHubConfig(stored.document, process.env);
    if (!result.ok) throw configInvalidError(result.errors, where);
    this.activate({ version: stored.version, raw: stored.document, config: result.config, entityTypes: result.entityTypes });
  }

  private async pollNewer(): Promise<void> {
    try {
      const newest = await this.store.latestVersion();
      if (newest <= this.current().version || newest === this.rejectedVersion) return;
      const stored = await this.store.get(newest);
      if (!stored) return;
      const result = validateHubConfig(stored.document, process.env);
      if (!result.ok) {
        this.rejectedVersion = newest;
        this.logger.error(`configuration version ${newest} is not valid here; keeping version ${this.current().version}:\n${formatConfigErrors(result.errors)}`);
        return;
      }
      this.activate({ version: newest, raw: stored.document, config: result.config, entityTypes: result.entityTypes });
      this.logger.log(`configuration version ${newest} in force (stored by another replica)`);
    } catch (err) {
      // A failed poll (database restarting) is retried on the next tick; the current version stays in force.
      this.logger.warn(`could not check for a newer configuration: ${(err as Error).message}`);
    }
  }

  /** Versions only move forward: a poll and a replace() may both try to activate the same version. */
  private activate(next: ActiveConfig): void {
    const previous = this.active;
    if (previous && next.version <= previous.version) return;
    this.active = Object.freeze(next);
    if (!previous) return;
    for (const listener of this.listeners) {
      try {
        listener(this.active, previous);
      } catch (err) {
        this.logger.error(`a configuration listener failed: ${(err as Error).message}`);
      }
    }
  }
}
