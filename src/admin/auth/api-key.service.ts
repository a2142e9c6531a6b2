import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { NotFoundError, ValidationError } from '../../common/domain-error';
import { newestFirstPage } from '../../common/newest-first-page';
import { printNotice } from '../../common/notice';
import { isUuid, type Page } from '../../common/page-cursor';
import { APP_SETTINGS, type AppSettings } from '../../config/app-settings';
import { AuditService } from '../audit/audit.service';
import { type Actor, actorLabel, type Role } from './actor';
import { ApiKeyEntity } from './api-key.entity';

export interface IssuedKey {
  id: string;
  name: string;
  role: Role;
  /** shown once; only its hash is stored */
  key: string;
}

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

interface ApiKeyRow {
  id: string; name: string; prefix: string; role: Role; created_at: Date; last_used_at: Date | null; revoked_at: Date | null; cursor_at: string;
}

/** SHA-256 suffices: keys are 32 random bytes, so there is nothing to brute-force that a slow hash would protect. */
const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

@Injectable()
export class ApiKeyService implements OnApplicationBootstrap {
  private readonly logger = new Logger('auth');

  constructor(
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
    private readonly audit: AuditService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.settings.adminApiKey) {
      const keyHash = hashKey(this.settings.adminApiKey);
      await this.keys
        .createQueryBuilder()
        .insert()
        .values({ id: randomUUID(), name: 'bootstrap-admin', prefix: this.settings.adminApiKey.slice(0, 8), keyHash, role: 'admin' })
        .orIgnore()
        .execute();
      return;
    }
    if ((await this.keys.count()) === 0) {
      // First start with no key configured: mint one so the admin API is usable, and say it once.
      const issued = await this.issue('initial-admin', 'admin', { kind: 'hub', id: 'hub', name: 'hub' });
      // The key itself goes to the terminal only, never into the structured logs (which are shipped and kept).
      this.logger.warn(`No API key configured: created admin key ${issued.key.slice(0, 10)}… (printed once on stdout; set HUB_ADMIN_API_KEY to choose your own)`);
      printNotice([
        `Admin API key (shown once; set HUB_ADMIN_API_KEY to choose your own): ${issued.key}`,
        `export KEY=${issued.key}`,
      ]);
    }
  }

  async authenticate(presented: string): Promise<Actor | null> {
    const key = await this.keys.findOne({ where: { keyHash: hashKey(presented), revokedAt: IsNull() } });
    if (!key) return null;
    // Fire-and-forget would race shutdown; an awaited single-row update is cheap.
    await this.keys.update({ id: key.id }, { lastUsedAt: new Date() });
    return { kind: 'api-key', id: key.id, name: key.name, role: key.role };
  }

  /** The caller's key as it may see it: name, role and prefix, never the hash. */
  async describe(actor: Actor): Promise<{ name: string; role: Role; keyPrefix: string }> {
    const key = actor.kind === 'api-key' ? await this.keys.findOne({ where: { id: actor.id } }) : null;
    if (!key || !actor.role) throw new NotFoundError('API_KEY_NOT_FOUND', 'the caller is not an API key');
    return { name: key.name, role: key.role, keyPrefix: key.prefix };
  }

  async issue(name: string, role: Role, by: Actor): Promise<IssuedKey> {
    // REST checks this in its DTO; GraphQL arguments arrive here unchecked.
    if (name.length < 1 || name.length > 100) {
      throw new ValidationError('INVALID_REQUEST', 'name must be 1 to 100 characters', [{ path: 'name', message: 'must be 1 to 100 characters' }]);
    }
    const key = `mdh_${randomBytes(32).toString('base64url')}`;
    const id = randomUUID();
    await this.keys.manager.transaction(async (m) => {
      await m.insert(ApiKeyEntity, { id, name, prefix: key.slice(0, 10), keyHash: hashKey(key), role });
      await this.audit.record({ actor: actorLabel(by), action: 'api-key.issue', target: `api-key:${id}`, after: { name, role } }, m);
    });
    return { id, name, role, key };
  }

  /** Newest first, revoked keys included (with revokedAt); never the hashes. */
  async list(first?: number | null, after?: string | null): Promise<Page<ApiKeyView>> {
    const page = await newestFirstPage<ApiKeyRow>(this.keys.manager, {
      kind: 'api-key',
      select: `SELECT id, name, prefix, role, created_at, last_used_at, revoked_at,
                      to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at FROM api_key`,
      order: ['created_at', 'id'],
      equal: [],
      first,
      after,
    });
    return {
      ...page,
      items: page.items.map((r) => ({
        id: r.id, name: r.name, prefix: r.prefix, role: r.role, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at,
      })),
    };
  }

  async revoke(id: string, by: Actor): Promise<void> {
    if (!isUuid(id)) throw new NotFoundError('API_KEY_NOT_FOUND', `no active API key ${id}`);
    await this.keys.manager.transaction(async (m) => {
      const res = await m.update(ApiKeyEntity, { id, revokedAt: IsNull() }, { revokedAt: new Date() });
      if (!res.affected) throw new NotFoundError('API_KEY_NOT_FOUND', `no active API key ${id}`);
      await this.audit.record({ actor: actorLabel(by), action: 'api-key.revoke', target: `api-key:${id}` }, m);
    });
  }
}
