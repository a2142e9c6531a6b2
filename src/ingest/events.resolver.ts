import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../admin/auth/actor';
import { CurrentActor, RequireRole } from '../admin/auth/auth.decorators';
import { toConnection } from '../common/connection';
import type { ConnectionShape } from '../common/page-models';
import { EventConnection, EventDetailView, type EventStatus, EventStatusEnum, EventView } from './events.dto';
import { EventsService } from './events.service';

/** GraphQL twin of EventsController, over the same service. */
@Resolver(() => EventView)
export class EventsResolver {
  constructor(private readonly service: EventsService) {}

  @Query(() => EventConnection, { description: 'Inbox events, newest first' })
  async events(
    @Args('status', { type: () => EventStatusEnum, nullable: true }) status?: EventStatus | null,
    @Args('system', { type: () => String, nullable: true }) system?: string | null,
    @Args('entityType', { type: () => String, nullable: true }) entityType?: string | null,
    @Args('externalId', { type: () => String, nullable: true }) externalId?: string | null,
    @Args('goldenId', { type: () => ID, nullable: true }) goldenId?: string | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<ConnectionShape<EventView>> {
    return toConnection(await this.service.list({ status, system, entityType, externalId, goldenId }, first, after));
  }

  @Query(() => EventDetailView, { nullable: true, description: 'One inbox event with its payload (masked for non-admins); null when there is none' })
  event(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<EventDetailView | null> {
    return this.service.find(id, actor);
  }

  @Mutation(() => EventView, { description: 'Put a rejected or failed event back to pending (attempts reset); audited' })
  @RequireRole('steward')
  replayEvent(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<EventView> {
    return this.service.replay(id, actor);
  }
}
