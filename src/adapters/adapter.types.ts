import type { SystemEntityConfig } from '../config/hub-config.schema';

/** One record as the system holds it; mapping to the canonical model happens elsewhere. */
export interface AdapterRecord {
  externalId: string;
  /** the system's own record shape */
  data: Record<string, unknown>;
  /** ISO 8601 value of the entity's updatedAt field, when the system gives one (the polling watermark) */
  updatedAt?: string;
  /** the value of the entity's version field (see versionField), when the record has one */
  version?: string;
}

export interface WriteOptions {
  /** stable across retries of one delivery, so a system that honours it applies the write once */
  idempotencyKey: string;
  /**
   * update only if the system's record is still at this version (the last one the hub processed or wrote);
   * an adapter that supports it throws AdapterError code SYSTEM_CHANGED otherwise
   */
  ifVersion?: string;
}

export interface ListChangesQuery {
  /** ISO 8601 watermark (inclusive); null = from the beginning */
  since: string | null;
  /** id of the last record already seen at `since`; records sharing that timestamp sort after it by id */
  afterId?: string;
  limit: number;
  /** the `next` of the previous page, sent again with the same since/afterId */
  cursor?: string;
}

export interface ListChangesPage {
  records: AdapterRecord[];
  /** present when more records may follow; pass back as `cursor` */
  next?: string;
}

/**
 * One interface for every system the hub writes to or polls. Implementations throw only AdapterError,
 * classified retryable or permanent, so the delivery worker can decide between backoff and dead letter.
 */
export interface SystemAdapter {
  readonly system: string;
  /**
   * The adapter gathers the calls made at one moment into batched writes (http `bulk`, postgres multi-row
   * statements): the delivery worker then makes a whole claim's calls at once instead of a few at a time.
   */
  readonly batchesWrites?: boolean;
  /** returns the created record with its new external id */
  create(entity: SystemEntityConfig, record: Record<string, unknown>, opts: WriteOptions): Promise<AdapterRecord>;
  /** null when the record no longer exists in the system */
  update(entity: SystemEntityConfig, externalId: string, record: Record<string, unknown>, opts: WriteOptions): Promise<AdapterRecord | null>;
  /** a record that is already gone counts as deleted */
  delete(entity: SystemEntityConfig, externalId: string, opts: WriteOptions): Promise<void>;
  get(entity: SystemEntityConfig, externalId: string): Promise<AdapterRecord | null>;
  /** looks a record up by a system field; used to avoid a duplicate create after a crash */
  findBy(entity: SystemEntityConfig, field: string, value: unknown): Promise<AdapterRecord | null>;
  listChanges(entity: SystemEntityConfig, query: ListChangesQuery): Promise<ListChangesPage>;
  /** every external id, for reconciliation; absent when the system cannot list completely */
  listIds?(entity: SystemEntityConfig): AsyncIterable<string>;
  close(): Promise<void>;
}
