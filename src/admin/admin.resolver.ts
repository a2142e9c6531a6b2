import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { toConnection } from '../common/connection';
import { AFTER_ARG, FIRST_ARG } from '../common/page-args';
import type { ConnectionShape } from '../common/page-models';
import { ApiKeyConnection, type ApiKeyModel, AuditEntryConnection, type AuditEntryModel, IssuedApiKeyModel, RoleEnum } from './admin.model';
import type { Actor, Role } from './auth/actor';
import { ApiKeyService } from './auth/api-key.service';
import { CurrentActor, RequireRole } from './auth/auth.decorators';
import { AuditService } from './audit/audit.service';

/** GraphQL twin of AdminController, over the same services. Admin only. */
@Resolver()
@RequireRole('admin')
export class AdminResolver {
  constructor(
    private readonly keys: ApiKeyService,
    private readonly audit: AuditService,
  ) {}

  @Query(() => ApiKeyConnection, { description: 'API keys, newest first, revoked ones included (never the secrets). Role: admin.' })
  async apiKeys(
    @Args('first', FIRST_ARG) first?: number | null,
    @Args('after', AFTER_ARG) after?: string | null,
  ): Promise<ConnectionShape<ApiKeyModel>> {
    return toConnection(await this.keys.list(first, after));
  }

  @Query(() => AuditEntryConnection, {
    description: 'Audit log, newest first, by action, actor and time range; every filter is optional and they combine. Role: admin. Errors: INVALID_TIME_RANGE (from is not before to).',
  })
  async auditLog(
    @Args('action', { type: () => String, nullable: true, description: 'only this action, such as conflict.resolve or api-key.issue' }) action?: string | null,
    @Args('actor', { type: () => String, nullable: true, description: 'who acted, as recorded (key:<name>, hub:hub)' }) actor?: string | null,
    @Args('from', { type: () => String, nullable: true, description: 'entries at or after this instant (ISO 8601)' }) from?: string | null,
    @Args('to', { type: () => String, nullable: true, description: 'entries before this instant (ISO 8601)' }) to?: string | null,
    @Args('first', FIRST_ARG) first?: number | null,
    @Args('after', AFTER_ARG) after?: string | null,
  ): Promise<ConnectionShape<AuditEntryModel>> {
    return toConnection(await this.audit.list({ action, actor, from, to }, first, after));
  }

  @Mutation(() => IssuedApiKeyModel, { description: 'Issue an API key (the key is shown once); audited. Role: admin. Errors: INVALID_REQUEST (name not 1 to 100 characters).' })
  issueApiKey(
    @CurrentActor() actor: Actor,
    @Args('name', { description: 'a name to recognise the key by, 1 to 100 characters; the audit log records its actions as key:<name>' }) name: string,
    @Args('role', { type: () => RoleEnum, description: 'what the new key may do' }) role: Role,
  ): Promise<IssuedApiKeyModel> {
    return this.keys.issue(name, role, actor);
  }

  @Mutation(() => Boolean, {
    description: 'Revoke an API key: it authenticates nothing from then on; always true on success; audited. Role: admin. Errors: API_KEY_NOT_FOUND when there is no active key with this id.',
  })
  async revokeApiKey(@CurrentActor() actor: Actor, @Args('id', { type: () => ID, description: 'the key id (ApiKey.id)' }) id: string): Promise<boolean> {
    await this.keys.revoke(id, actor);
    return true;
  }
}
