import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { type Actor, actorLabel, HUB_ACTOR } from '../admin/auth/actor';
import { AuditService } from '../admin/audit/audit.service';
import { DomainError } from '../common/domain-error';
import type { ActiveConfig } from './active-config';
import { APP_SETTINGS, type AppSettings } from './app-settings';
import { type ConfigChange, diffDocuments, sameDocument } from './hub-config.diff';
import { type ConfigError, parseHubConfigText, ROOT_PATH } from './hub-config.loader';
import type { Page } from '../common/page-cursor';
import { ConfigVersionsRepository } from './config-versions.repository';
import { HubConfigStore, type StoredConfig, type StoredConfigSummary } from './hub-config.store';
import { formatConfigErrors, validateHubConfig } from './hub-config.validation';

export type ConfigListener = (next: ActiveConfig, previous: ActiveConfig) => void;

export interface ReplaceResult {
  applied: boolean;
  version: number;
  changes: ConfigChange[];
}

/** How often a replica looks for versions stored by another replica. */
const POLL_MS = 2_000;
/** What runs when nothing is configured: the built-in entity types and no systems. */
const EMPTY_DOCUMENT = Object.freeze({});

export function configInvalidError(errors: ConfigError[], where?: string): DomainError {
  const count = `${errors.length} error${errors.length === 1 ? '' : 's'}`;
  const message = `Invalid hub configuration${where ? ` in ${where}` : ''} (${count}):\n${formatConfigErrors(errors)}`;
  return new DomainError('HUB_CONFIG_INVALID', message, 'invalid', errors.map((e) => ({ path: e.path, message: e.message })));
}

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
    this.timer = setInterval(() => {
      this.tick ??= this.pollNewer().finally(() => (this.tick = undefined));
    }, POLL_MS);
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

  /**
   * Validates `rawDoc` and, unless `dryRun`, stores it as the next version (with its audit row, in one
   * transaction) and activates it. An unchanged document stores nothing. Changes are against the newest
   * stored version, which another replica may have written since this one last polled.
   */
  async replace(rawDoc: unknown, opts: { dryRun: boolean; actor: Actor }): Promise<ReplaceResult> {
    const doc = structuredClone(rawDoc);
    const result = validateHubConfig(doc, process.env);
    if (!result.ok) throw configInvalidError(result.errors);
    if (opts.dryRun) {
      const latest = await this.store.latest();
      const base = latest ?? { version: this.current().version, document: this.current().raw };
      return { applied: false, version: base.version, changes: diffDocuments(base.document, doc) };
    }
    const outcome = await this.store.withLock(async (manager, latest) => {
      const base = latest ?? { version: 0, document: EMPTY_DOCUMENT };
      if (sameDocument(base.document, doc)) return { applied: false, version: base.version, changes: [] };
      const changes = diffDocuments(base.document, doc);
      const version = base.version + 1;
      await this.store.insert(manager, { version, document: doc, source: 'api', createdBy: actorLabel(opts.actor) });
      await this.audit.record(
        { actor: actorLabel(opts.actor), action: 'config.replace', target: 'hub-config', before: { version: base.version }, after: { version, changes } },
        manager,
      );
      return { applied: true, version, changes };
    });
    if (outcome.applied) this.activate({ version: outcome.version, raw: doc, config: result.config, entityTypes: result.entityTypes });
    return outcome;
  }

  /** HUB_CONFIG is the source of truth at start: stored as a new version when it differs from the newest one. */
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
    const version = await this.store.withLock(async (manager, latest) => {
      if (latest && sameDocument(latest.document, parsed.doc)) return latest.version;
      const next = (latest?.version ?? 0) + 1;
      const changes = diffDocuments(latest?.document ?? EMPTY_DOCUMENT, parsed.doc);
      await this.store.insert(manager, { version: next, document: parsed.doc, source, createdBy: actorLabel(HUB_ACTOR) });
      await this.audit.record(
        { actor: actorLabel(HUB_ACTOR), action: 'config.load', target: 'hub-config', before: { version: latest?.version ?? 0 }, after: { version: next, source, changes } },
        manager,
      );
      return next;
    });
    this.activate({ version, raw: parsed.doc, config: result.config, entityTypes: result.entityTypes });
    this.logger.log(`configuration version ${version} in force (from ${path})`);
  }

  private async loadLatest(): Promise<void> {
    const latest = await this.store.latest();
    const raw = latest?.document ?? EMPTY_DOCUMENT;
    const result = validateHubConfig(raw, process.env);
    if (!result.ok) throw configInvalidError(result.errors, `stored version ${latest?.version ?? 0}`);
    this.activate({ version: latest?.version ?? 0, raw, config: result.config, entityTypes: result.entityTypes });
    this.logger.log(latest ? `configuration version ${latest.version} in force` : 'no configuration stored: built-in entity types, no systems');
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
