import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../admin/auth/actor';
import { NotFoundError, ValidationError } from '../common/domain-error';
import { HubConfigService } from '../config/hub-config.service';
import { BatchLoader } from '../common/batch-loader';
import { requireEntityType } from '../golden-records/read/entity-type-lookup';
import type { RecordRef } from '../golden-records/read/golden-read.types';
import { newestFirstPage } from '../common/newest-first-page';
import { isUuid, type Page, uuidFilter } from '../common/page-cursor';
import { type SensitiveMask, sensitiveMaskFor } from '../golden-records/read/sensitive-mask';
import { toConflictView } from './conflict.mapper';
import { CONFLICT_COLUMNS, conflictById, conflictsByGolden } from './conflict.repository';
import { CONFLICT_STATUSES, type ConflictRow, type ConflictStatus, type ConflictView, type ListConflictsArgs } from './conflict.types';

const CURSOR_KIND = 'conflict';

/** Reads over conflicts (newest first), shared by GraphQL and REST; candidate values masked by role. */
@Injectable()
export class ConflictQueryService {
  private readonly byGolden = new WeakMap<object, BatchLoader<string, ConflictRow[]>>();

  constructor(
    private readonly db: DataSource,
    private readonly config: HubConfigService,
  ) {}

  async list(args: ListConflictsArgs, actor: Actor): Promise<Page<ConflictView>> {
    const hasStatus = args.status !== undefined && args.status !== null;
    const hasType = args.entityType !== undefined && args.entityType !== null;
    if (hasType) requireEntityType(this.config.current().entityTypes, args.entityType!);
    const page = await newestFirstPage<ConflictRow>(this.db, {
      kind: CURSOR_KIND,
      select: `SELECT ${CONFLICT_COLUMNS} FROM conflict`,
      order: ['created_at', 'id'],
      equal: [
        ['status', hasStatus ? checkStatus(args.status!) : undefined], ['entity_type', hasType ? args.entityType : undefined],
        ['golden_id', uuidFilter('goldenRecordId', args.goldenRecordId)],
      ],
      first: args.first,
      after: args.after,
    });
    return { ...page, items: page.items.map((r) => toConflictView(r, this.maskFor(actor, r.entity_type))) };
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
    const wanted = status === undefined || status === null ? undefined : checkStatus(status);
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

function checkStatus(status: string): ConflictStatus {
  if (!(CONFLICT_STATUSES as readonly string[]).includes(status)) {
    throw new ValidationError('INVALID_CONFLICT_STATUS', `status must be one of ${CONFLICT_STATUSES.join(', ')}`, [
      { path: 'status', message: `must be one of ${CONFLICT_STATUSES.join(', ')}`, value: status },
    ]);
  }
  return status as ConflictStatus;
}
