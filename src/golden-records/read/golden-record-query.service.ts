import { Injectable } from '@nestjs/common';
import type { Actor } from '../../admin/auth/actor';
import { NotFoundError, ValidationError } from '../../common/domain-error';
import { HubConfigService } from '../../config/hub-config.service';
import { diffRecords } from '../domain';
import { BatchLoader } from '../../common/batch-loader';
import { requireEntityType } from './entity-type-lookup';
import { validateGoldenFilter } from './golden-filter';
import { parseGoldenSearch } from './golden-search';
import { toRecordView, toSnapshotView, toSourceView, toVersionView } from './golden-read.mapper';
import { GoldenReadRepository } from './golden-read.repository';
import type {
  GoldenRecordRow, GoldenRecordView, GoldenSnapshotView, GoldenVersionRow, GoldenVersionView, ListRecordsArgs,
  RecordRef, SourceRefRow, SourceRefView,
} from './golden-read.types';
import {
  decodeIdCursor, decodeSerialCursor, encodeIdCursor, encodeSerialCursor, isUuid, type Page, pageSize, toPage,
} from '../../common/page-cursor';
import { canSeeSensitive, fieldsHoldingSensitive, type SensitiveMask, sensitiveMaskFor } from './sensitive-mask';
import { goldenNotFound, goldenNotFoundBySource } from '../golden-records.errors';

const CURSOR_KIND = 'golden';

const VERSION_CURSOR_KIND = 'golden-version';

interface RequestBatch {
  records: BatchLoader<string, GoldenRecordRow | null>;
  sources: BatchLoader<string, SourceRefRow[]>;
  /** one loader per (first, after): records of one GraphQL page asking the same page of versions share a query */
  versions: Map<string, BatchLoader<string, GoldenVersionRow[]>>;
}

/**
 * Steward-facing reads over golden records, shared by GraphQL and REST. Every value leaves through a
 * SensitiveMask chosen from the caller's role. `scope` is any object living as long as one request (the GraphQL
 * context's req): reads sharing a scope are batched and cached together; without one, each call queries.
 */
@Injectable()
export class GoldenRecordQueryService {
  private readonly batches = new WeakMap<object, RequestBatch>();

  constructor(
    private readonly repo: GoldenReadRepository,
    private readonly config: HubConfigService,
  ) {}

  async findById(id: string, actor: Actor, scope?: object): Promise<GoldenRecordView | null> {
    if (!isUuid(id)) throw new ValidationError('INVALID_ID', `"${id}" is not a golden record id (uuid)`);
    const row = scope ? await this.batch(scope).records.load(id) : (await this.repo.recordsByIds([id]))[0];
    return row ? toRecordView(row, this.maskFor(actor, row.entity_type)) : null;
  }

  /** REST reads address a record under its entity type: an id of another type is as missing as an unknown id. */
  async getOfType(entityType: string, id: string, actor: Actor): Promise<GoldenRecordView> {
    requireEntityType(this.config.current().entityTypes, entityType);
    const record = await this.findById(id, actor);
    if (!record || record.entityType !== entityType) {
      throw goldenNotFound(id, entityType);
    }
    return record;
  }

  async findBySource(system: string, entityType: string, externalId: string, actor: Actor): Promise<GoldenRecordView | null> {
    requireEntityType(this.config.current().entityTypes, entityType);
    const row = await this.repo.recordBySource(system, entityType, externalId);
    return row ? toRecordView(row, this.maskFor(actor, row.entity_type)) : null;
  }

  async getBySource(system: string, entityType: string, externalId: string, actor: Actor): Promise<GoldenRecordView> {
    const record = await this.findBySource(system, entityType, externalId, actor);
    if (!record) throw goldenNotFoundBySource(entityType, system, externalId);
    return record;
  }

  async list(entityType: string, args: ListRecordsArgs, actor: Actor): Promise<Page<GoldenRecordView>> {
    const type = requireEntityType(this.config.current().entityTypes, entityType);
    const filter = args.filter === undefined || args.filter === null
      ? undefined
      : validateGoldenFilter(args.filter, type, { allowSensitive: canSeeSensitive(actor) });
    const size = pageSize(args.first);
    const search = args.search === undefined || args.search === null
      ? undefined
      : { ...parseGoldenSearch(args.search), hidden: canSeeSensitive(actor) ? [] : fieldsHoldingSensitive(type) };
    const rows = await this.repo.listRecords({
      entityType,
      filter,
      search,
      afterId: args.after ? decodeIdCursor(CURSOR_KIND, args.after).id : undefined,
      includeDeleted: args.includeDeleted ?? false,
      limit: size + 1,
    });
    const mask = sensitiveMaskFor(actor, type);
    const page = toPage(rows, size, (r) => encodeIdCursor(CURSOR_KIND, r.id));
    return { ...page, items: page.items.map((r) => toRecordView(r, mask)) };
  }

  async sources(record: RecordRef, actor: Actor, scope?: object): Promise<SourceRefView[]> {
    const rows = scope ? await this.batch(scope).sources.load(record.id) : ((await this.repo.sourcesOf([record.id])).get(record.id) ?? []);
    const mask = this.maskFor(actor, record.entityType);
    return rows.map((r) => toSourceView(r, mask));
  }

  /** Versions, oldest first, a page at a time. */
  async versions(record: RecordRef, actor: Actor, args: { first?: number | null; after?: string | null } = {}, scope?: object): Promise<Page<GoldenVersionView>> {
    const size = pageSize(args.first);
    const afterVersion = args.after ? Number(decodeSerialCursor(VERSION_CURSOR_KIND, args.after).key) : 0;
    const load = (ids: string[]) => this.repo.versionsOf(ids, afterVersion, size + 1);
    const rows = scope ? await this.versionLoader(scope, `${size}|${afterVersion}`, load).load(record.id) : ((await load([record.id])).get(record.id) ?? []);
    const mask = this.maskFor(actor, record.entityType);
    const page = toPage(rows, size, (r) => encodeSerialCursor(VERSION_CURSOR_KIND, r.version));
    return { ...page, items: page.items.map((r) => toVersionView(r, mask)) };
  }

  async findVersion(record: RecordRef, version: number, actor: Actor): Promise<GoldenVersionView | null> {
    const [row] = await this.repo.versionsByNumber(record.id, [version]);
    return row ? toVersionView(row, this.maskFor(actor, record.entityType)) : null;
  }

  async getVersion(record: RecordRef, version: number, actor: Actor): Promise<GoldenVersionView> {
    const found = await this.findVersion(record, version, actor);
    if (!found) throw versionNotFound(record.id, [version]);
    return found;
  }

  /** The version in force at `at`; null when the record did not exist yet. */
  async asOf(record: RecordRef, at: Date, actor: Actor): Promise<GoldenSnapshotView | null> {
    if (Number.isNaN(at.getTime())) throw new ValidationError('INVALID_DATE', 'at must be an ISO 8601 date-time');
    const row = await this.repo.versionAt(record.id, at);
    return row ? toSnapshotView(row, this.maskFor(actor, record.entityType)) : null;
  }

  async getAsOf(record: RecordRef, at: Date, actor: Actor): Promise<GoldenSnapshotView> {
    const found = await this.asOf(record, at, actor);
    if (!found) throw new NotFoundError('VERSION_NOT_FOUND', `golden record ${record.id} did not exist at ${at.toISOString()}`);
    return found;
  }

  /**
   * RFC 6902 patch turning version `from`'s snapshot into version `to`'s (either order). Computed on the real
   * values, then masked: a non-admin sees that a sensitive field changed, never what it holds.
   */
  async diff(record: RecordRef, from: number, to: number, actor: Actor): Promise<unknown> {
    const rows = await this.repo.versionsByNumber(record.id, [from, to]);
    const byNumber = new Map(rows.map((r) => [r.version, r]));
    const missing = [from, to].filter((v) => !byNumber.has(v));
    if (missing.length > 0) throw versionNotFound(record.id, missing);
    const ops = diffRecords(byNumber.get(from)!.data, byNumber.get(to)!.data);
    return this.maskFor(actor, record.entityType).patch(ops);
  }

  private maskFor(actor: Actor, entityType: string): SensitiveMask {
    const types = this.config.current().entityTypes;
    return sensitiveMaskFor(actor, Object.hasOwn(types, entityType) ? types[entityType] : undefined);
  }

  private versionLoader(
    scope: object,
    key: string,
    load: (ids: string[]) => Promise<Map<string, GoldenVersionRow[]>>,
  ): BatchLoader<string, GoldenVersionRow[]> {
    const loaders = this.batch(scope).versions;
    let loader = loaders.get(key);
    if (!loader) {
      loader = new BatchLoader(load, []);
      loaders.set(key, loader);
    }
    return loader;
  }

  private batch(scope: object): RequestBatch {
    let batch = this.batches.get(scope);
    if (!batch) {
      batch = {
        records: new BatchLoader(async (ids) => new Map((await this.repo.recordsByIds(ids)).map((r) => [r.id, r])), null),
        sources: new BatchLoader((ids) => this.repo.sourcesOf(ids), []),
        versions: new Map(),
      };
      this.batches.set(scope, batch);
    }
    return batch;
  }
}

function versionNotFound(id: string, versions: number[]): NotFoundError {
  return new NotFoundError('VERSION_NOT_FOUND', `golden record ${id} has no version ${versions.join(', ')}`);
}
