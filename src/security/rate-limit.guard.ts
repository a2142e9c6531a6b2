import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { requestOf } from '../admin/auth/auth.decorators';
import { RateLimitService } from './rate-limit.service';

/**
 * Global guard after the API-key guard: each authenticated REST call or GraphQL top-level field takes one point of
 * its key's budget. Public routes (webhooks, health) have no key; webhooks are counted by system in ingest.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(private readonly limits: RateLimitService) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const actor = requestOf(ctx).actor;
    if (actor?.kind === 'api-key') await this.limits.consume({ kind: 'api-key', keyId: actor.id });
    return true;
  }
}
