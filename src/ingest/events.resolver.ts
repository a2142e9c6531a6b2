import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../admin/auth/actor';
import { CurrentActor, RequireRole } from '../admin/auth/auth.decorators';
import { toConnection } from '../common/connection';
import { AFTER_ARG, FIRST_ARG } from '../common/page-args';
import type { ConnectionShape } from '../common/page-models';
import { EventConnection, EventDetailView, type EventStatus, EventStatusEnum, EventView } from './events.dto';
import { EventsService } from './events.service';

/** GraphQL twin of EventsController, over the same service. */
@Resolver(() => EventView)
export class EventsResolver {
  constructor(private readonly service: EventsService) {}

  @Query(() => EventConnection, { description: 'Inbox events, newest first' })
  async events(
    @Args('status', { type: () => EventStatusEnum, nullable: true, description: 'only events in this status (rejected, failed: what needs a look)' }) status?: EventStatus | null,
    @Args('system', { type: () => String, nullable: true, description: 'only events from this system' }) system?: string | null,
    @Args('entityType', { type: () => String, nullable: true, description: 'only events of this entity type' }) entityType?: string | null,
    @Args('externalId', { type: () => String, nullable: true, description: "only events about this record id of the sending system" }) externalId?: string | null,
    @Args('goldenId', { type: () => ID, nullable: true, description: 'only events matched to this golden record (uuid; otherwise INVALID_ID)' }) goldenId?: string | null,
    @Args('first', FIRST_ARG) first?: number | null,
    @Args('after', AFTER_ARG) after?: string | null,
  ): Promise<ConnectionShape<EventView>> {
    return toConnection(await this.service.list({ status, system, entityType, externalId, goldenId }, first, after));
  }

  @Query(() => EventDetailView, { nullable: true, description: 'One inbox event with its payload (masked for non-admins); null when there is none' })
  event(@CurrentActor() actor: Actor, @Args('id', { type: () => ID, description: 'inbox event id (Event.id); not a positive integer: INVALID_ID' }) id: string): Promise<EventDetailView | null> {
    return this.service.find(id, actor);
  }

  @Mutation(() => EventView, {
    description: 'Put a rejected or failed event back to pending (attempts reset), to go through the pipeline again; audited. Role: steward or admin. '
      + 'Errors: EVENT_NOT_FOUND, EVENT_NOT_REPLAYABLE (not rejected or failed).',
  })
  @RequireRole('steward')
  replayEvent(@CurrentActor() actor: Actor, @Args('id', { type: () => ID, description: 'inbox event id (Event.id)' }) id: string): Promise<EventView> {
    return this.service.replay(id, actor);
  }
}
