import { Query, Resolver } from '@nestjs/graphql';
import type { Actor } from './auth/actor';
import { ApiKeyService } from './auth/api-key.service';
import { CurrentActor } from './auth/auth.decorators';
import { CallerModel } from './caller.model';

@Resolver(() => CallerModel)
export class MeResolver {
  constructor(private readonly keys: ApiKeyService) {}

  @Query(() => CallerModel, { description: "The calling key's name and role (what the caller may do: viewer reads, steward acts, admin configures)" })
  me(@CurrentActor() actor: Actor): Promise<CallerModel> {
    return this.keys.describe(actor);
  }
}
