import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../admin/auth/actor';
import { NotFoundError, ValidationError } from '../common/domain-error';
import { HubConfigService } from '../config/hub-config.service';
import { BatchLoader } from '../common/batch-loader';
import { requireEntityType } from '../golden-records/read/entity-type-lookup';
import type { RecordRef } from '../golden-records/read/golden-read.types';
import { decodeInstantIdCursor, encodeInstantIdCursor, isUuid, type Page, pageSize, toPage } from '../common/page-cursor';
import { type SensitiveMask, sensitiveMaskFor } from '../golden-records/read/sensitive-mask';
import { checkConflictFilter } from './conflict-filter';
import { conflictFacets, conflictPage } from './conflict-read.repository';
import { toConflictView } from './conflict.mapper';
import { conflictById, conflictsByGolden } from './conflict.repository';
import {
  type ConflictFacets, type ConflictFilter, type ConflictFilterArgs, type ConflictRow, type ConflictView, type ListConflictsArgs,
} from './conflict.types';

const CURSOR_KIND = 'conflict';

/** Reads over conflicts (newest first), shared by GraphQL and REST; candidate values masked by role. */
@Injectable()
export class ConflictQueryService {
  private readonly byGolden = new WeakMap<object, BatchLoader<string, ConflictRow[]>>();

  constructor(
    private readonly db: DataSource,
    private readonly config: HubConfigService,
  ) {}

  /** Newest first, filtered by status, entity type, field, candidate system and age bucket (all optional, AND). */
  async list(args: ListConflictsArgs, actor: Actor): Promise<Page<ConflictView>> {
    const filter = this.filter(args);
    const size = pageSize(args.first);
    const after = args.after ? decodeInstantIdCursor(CURSOR_KIND, args.after) : null;
    const rows = await conflictPage(this.db.manager, filter, new Date(), after, size + 1);
    const page = toPage(rows, size, (r) => encodeInstantIdCursor(CURSOR_KIND, r.cursor_at, r.id));
    return { ...page, items: page.items.map((r) => toConflictView(r, this.maskFor(actor, r.entity_type))) };
  }

  /**
   * How many conflicts each filter value would show under the other filters (the inbox's counts). Values are
   * names (statuses, types, fields, systems, age buckets), never field values, so no role sees more than the list.
   */
  facets(args: ConflictFilterArgs): Promise<ConflictFacets> {
    return conflictFacets(this.db.manager, this.filter(args), new Date());
  }

  private filter(args: ConflictFilterArgs): ConflictFilter {
    const filter = checkConflictFilter(args);
    if (filter.entityType) requireEntityType(this.config.current().entityTypes, filter.entityType);
    return filter;
  }

  async find(id: string, actor: Actor): Promise<ConflictView | null> {
    if (!isUuid(id)) throw new ValidationError('INVALID_ID', `"${id}" is not a conflict id (uuid)`);
    const row = await conflictById(this.db.manager, id);
    return row ? toConflictView(row, this.maskFor(actor, row.entity_type)) : null;
  }

  async get(id: string, actor: Actor): Promise<ConflictView> {
    const found = await this.find(id, actor);
    if (!found) throw new NotFoundError('CONFLICT_NOT_FOUND', `no conflict ${id}`);
    return found;
  }

  /** A golden record's conflicts, newest first, optionally of one status. Batched per `scope` (one request). */
  async forRecord(record: RecordRef, status: string | null | undefined, actor: Actor, scope?: object): Promise<ConflictView[]> {
    const wanted = checkConflictFilter({ status }).status;
    const rows = scope ? await this.loaderFor(scope).load(record.id) : ((await this.loadByGolden([record.id])).get(record.id) ?? []);
    const mask = this.maskFor(actor, record.entityType);
    return rows.filter((r) => !wanted || r.status === wanted).map((r) => toConflictView(r, mask));
  }

  private loadByGolden(ids: string[]): Promise<Map<string, ConflictRow[]>> {
    return conflictsByGolden(this.db.manager, ids);
  }

  private loaderFor(scope: object): BatchLoader<string, ConflictRow[]> {
    let loader = this.byGolden.get(scope);
    if (!loader) {
      loader = new BatchLoader((ids) => this.loadByGolden(ids), []);
      this.byGolden.set(scope, loader);
    }
    return loader;
  }

  private maskFor(actor: Actor, entityType: string): SensitiveMask {
    const types = this.config.current().entityTypes;
    return sensitiveMaskFor(actor, Object.hasOwn(types, entityType) ? types[entityType] : undefined);
  }
}
