import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { newestBySerialPage } from '../common/newest-first-page';
import type { Page } from '../common/page-cursor';
import type { StoredConfigSummary } from './hub-config.store';

const CURSOR_KIND = 'config-version';

interface Row {
  key_text: string;
  version: number;
  source: string;
  created_by: string | null;
  created_at: Date;
}

/** The list of stored configuration versions (the documents themselves are read through HubConfigStore). */
@Injectable()
export class ConfigVersionsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Newest first. */
  async list(first?: number | null, after?: string | null): Promise<Page<StoredConfigSummary>> {
    const page = await newestBySerialPage<Row>(this.ds, {
      kind: CURSOR_KIND,
      select: 'SELECT c.version, c.version::text AS key_text, c.source, c.created_by, c.created_at FROM hub_config c',
      key: 'c.version',
      equal: [],
      first,
      after,
    });
    return { ...page, items: page.items.map((r) => ({ version: r.version, source: r.source, createdBy: r.created_by, createdAt: r.created_at })) };
  }
}
