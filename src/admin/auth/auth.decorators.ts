import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Actor, Role } from './actor';

export const ROLE_KEY = 'hub:role';
export const PUBLIC_KEY = 'hub:public';

/** The least role a route or resolver needs. Routes without it need `viewer`: access is denied by default. */
export const RequireRole = (role: Role) => SetMetadata(ROLE_KEY, role);

/** Routes authenticated another way (webhook signatures) or meant for probes (health). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export function requestOf(ctx: ExecutionContext): { headers: Record<string, string | string[] | undefined>; actor?: Actor } {
  type Req = { headers: Record<string, string | string[] | undefined>; actor?: Actor };
  if (ctx.getType<string>() === 'graphql') return GqlExecutionContext.create(ctx).getContext<{ req: Req }>().req;
  return ctx.switchToHttp().getRequest<Req>();
}

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = requestOf(ctx).actor;
  if (!actor) throw new Error('CurrentActor used on a route without authentication');
  return actor;
});
