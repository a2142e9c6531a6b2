import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export interface StoredConfig {
  version: number;
  document: unknown;
  source: string;
  createdBy: string | null;
  createdAt: Date;
}

export type StoredConfigSummary = Omit<StoredConfig, 'document'>;

/**
 * Serialises every writer of hub_config across replicas, so `max(version) + 1` is gap-free and never taken
 * twice. Any constant works as long as nothing else uses it; this one spells "hubcfg" in ASCII.
 */
const CONFIG_LOCK = 0x687562636667;

interface Row {
  version: number;
  document: unknown;
  source: string;
  created_by: string | null;
  created_at: Date;
}

/**
 * The hub_config table: one row per version, never updated. The column is `json`, not `jsonb`, because jsonb
 * reorders object keys, and the order systems are declared in is meaningful (it ranks systems that no
 * precedence list names) and is what the author expects to export again.
 */
@Injectable()
export class HubConfigStore {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async latestVersion(): Promise<number> {
    const rows: { v: number | null }[] = await this.ds.query('SELECT max(version) AS v FROM hub_config');
    return rows[0]?.v ?? 0;
  }

  async get(version: number, manager?: EntityManager): Promise<StoredConfig | undefined> {
    const rows: Row[] = await (manager ?? this.ds.manager).query(
      'SELECT version, document, source, created_by, created_at FROM hub_config WHERE version = $1',
      [version],
    );
    return rows[0] ? fromRow(rows[0]) : undefined;
  }

  async latest(manager?: EntityManager): Promise<StoredConfig | undefined> {
    const rows: Row[] = await (manager ?? this.ds.manager).query(
      'SELECT version, document, source, created_by, created_at FROM hub_config ORDER BY version DESC LIMIT 1',
    );
    return rows[0] ? fromRow(rows[0]) : undefined;
  }

  /** The newest version a file produced (HUB_CONFIG at start: source `file:<path>`). */
  async latestFromFile(manager?: EntityManager): Promise<StoredConfig | undefined> {
    const rows: Row[] = await (manager ?? this.ds.manager).query(
      `SELECT version, document, source, created_by, created_at FROM hub_config WHERE source LIKE 'file:%' ORDER BY version DESC LIMIT 1`,
    );
    return rows[0] ? fromRow(rows[0]) : undefined;
  }

  /**
   * Runs `work` in a transaction holding the configuration lock, with the latest version as of taking it,
   * so a decision based on that version (is the document new? which number is next?) cannot be raced.
   */
  withLock<T>(work: (manager: EntityManager, latest: StoredConfig | undefined) => Promise<T>): Promise<T> {
    return this.ds.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [CONFIG_LOCK]);
      return work(manager, await this.latest(manager));
    });
  }

  async insert(manager: EntityManager, entry: { version: number; document: unknown; source: string; createdBy: string }): Promise<void> {
    await manager.query(
      'INSERT INTO hub_config (version, document, source, created_by) VALUES ($1, $2::json, $3, $4)',
      [entry.version, JSON.stringify(entry.document), entry.source, entry.createdBy],
    );
  }
}

function fromRow(row: Row): StoredConfig {
  return { version: row.version, document: row.document, source: row.source, createdBy: row.created_by, createdAt: row.created_at };
}
