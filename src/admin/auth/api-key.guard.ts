import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../../common/domain-error';
import { ROLE_RANK, type Role } from './actor';
import { ApiKeyService } from './api-key.service';
import { PUBLIC_KEY, requestOf, ROLE_KEY } from './auth.decorators';

/** Global guard: every route and resolver needs an API key with at least `viewer`, unless marked @Public(). */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const needed = this.reflector.getAllAndOverride<Role>(ROLE_KEY, targets) ?? 'viewer';
    const req = requestOf(ctx);
    const presented = presentedKey(req.headers);
    if (!presented) throw new DomainError('API_KEY_MISSING', 'send an API key as "Authorization: Bearer <key>" or "x-api-key"', 'unauthorized');
    const actor = await this.keys.authenticate(presented);
    if (!actor) throw new DomainError('API_KEY_INVALID', 'the API key is unknown or revoked', 'unauthorized');
    if (ROLE_RANK[actor.role!] < ROLE_RANK[needed]) {
      throw new DomainError('ROLE_FORBIDDEN', `this action needs the ${needed} role; the key has ${actor.role}`, 'forbidden');
    }
    req.actor = actor;
    return true;
  }
}

/** The API key a request presents, as a bearer token or in x-api-key. */
export function presentedKey(headers: Record<string, string | string[] | undefined>): string | undefined {
  return bearer(headers.authorization) ?? header(headers['x-api-key']);
}

function bearer(value: string | string[] | undefined): string | undefined {
  const v = header(value);
  return v?.toLowerCase().startsWith('bearer ') ? v.slice(7).trim() : undefined;
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
