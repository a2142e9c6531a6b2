import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { NotFoundError } from '../../common/domain-error';
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
      this.logger.warn(`No API key configured: created admin key "${issued.key}" (shown once; set HUB_ADMIN_API_KEY to choose your own)`);
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
    const key = `mdh_${randomBytes(32).toString('base64url')}`;
    const id = randomUUID();
    await this.keys.manager.transaction(async (m) => {
      await m.insert(ApiKeyEntity, { id, name, prefix: key.slice(0, 10), keyHash: hashKey(key), role });
      await this.audit.record({ actor: actorLabel(by), action: 'api-key.issue', target: `api-key:${id}`, after: { name, role } }, m);
    });
    return { id, name, role, key };
  }

  list(): Promise<ApiKeyEntity[]> {
    return this.keys.find({ order: { createdAt: 'ASC' } });
  }

  async revoke(id: string, by: Actor): Promise<void> {
    await this.keys.manager.transaction(async (m) => {
      const res = await m.update(ApiKeyEntity, { id, revokedAt: IsNull() }, { revokedAt: new Date() });
      if (!res.affected) throw new NotFoundError('API_KEY_NOT_FOUND', `no active API key ${id}`);
      await this.audit.record({ actor: actorLabel(by), action: 'api-key.revoke', target: `api-key:${id}` }, m);
    });
  }
}
